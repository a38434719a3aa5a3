"""A user's detail view on the demo account: alice, in Developers, with her inline deny,
the group's policy marked "via Developers", her tag and her console password. She has no
access key or MFA device, so nothing random (a key id, a secret) is on the screen."""

from tui.app import IamApp


def test_user_detail(frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=["down", "enter"],
                        terminal_size=(80, 24))


def test_group_detail(frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=["2", "enter"],
                        terminal_size=(80, 24))
