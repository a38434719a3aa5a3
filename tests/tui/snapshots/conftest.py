"""SVG snapshots of the app's main screens (pytest-textual-snapshot). What varies from run
to run is pinned: the clock the store stamps dates with (the header shows only the
store's file name, which is the same in every run). Update them on purpose with
``pytest --snapshot-update``, and look at what changed."""

import pytest

from store import Store


@pytest.fixture
def frozen_demo_store(demo_copy, pinned_clock) -> Store:
    """The demo account, every date on it — and on what the test adds — pinned."""
    return demo_copy()
