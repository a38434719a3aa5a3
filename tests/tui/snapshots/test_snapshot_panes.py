"""Each pane of the main screen, on the demo account."""

import pytest

from tui.app import IamApp


@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
def test_pane(key, frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=[key], terminal_size=(100, 24))
