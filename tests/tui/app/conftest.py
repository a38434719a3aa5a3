"""Pilot tests of the app: each runs ``IamApp`` on its own temporary store file."""

import pytest

from store import Store, demo
from tui.app import IamApp


@pytest.fixture
def demo_store(tmp_path) -> Store:
    """The demo account (shared/seed/iam-module.md's examples) in the test's own file."""
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    return made


@pytest.fixture
def make_app():
    """``make_app(store, **options)``: an IamApp on that store, for ``run_test()``."""
    def make(store: Store, **options) -> IamApp:
        return IamApp(store, **options)
    return make
