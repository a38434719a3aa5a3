"""Pilot tests of the app: each runs ``IamApp`` on its own temporary store file."""

import pytest

from store import Store
from tui.app import IamApp


@pytest.fixture
def demo_store(demo_copy) -> Store:
    """The demo account (shared/seed/iam-module.md's examples) in the test's own file."""
    return demo_copy()


@pytest.fixture
def make_app():
    """``make_app(store, **options)``: an IamApp on that store, for ``run_test()``."""
    def make(store: Store, **options) -> IamApp:
        return IamApp(store, **options)
    return make
