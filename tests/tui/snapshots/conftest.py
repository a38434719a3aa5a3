"""SVG snapshots of the app's main screens (pytest-textual-snapshot). What varies from run
to run is pinned: the clock the store stamps dates with (the header shows only the
store's file name, which is the same in every run). Update them on purpose with ``pytest --snapshot-update``."""

import pytest

from store import Store, demo, ids

FIXED_NOW = "2026-11-29T09:00:00+00:00"


@pytest.fixture
def frozen_demo_store(tmp_path, monkeypatch) -> Store:
    """The demo account, every date on it FIXED_NOW."""
    monkeypatch.setattr(ids, "now", lambda: FIXED_NOW)
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    return made
