"""The audit pane (a refused call, in words and in red, below the cursor's row), the help
screen and the jump's completions, at 80x24 on the demo account with its clock pinned
(the trail shows times)."""

import pytest

from store import IamError
from tui.app import IamApp


def test_audit_pane(frozen_demo_store, snap_compare):
    with pytest.raises(IamError):
        frozen_demo_store.call("DeleteUser", {"UserName": "nobody"})
    frozen_demo_store.call("CreateGroup", {"GroupName": "Auditors"})
    assert snap_compare(IamApp(frozen_demo_store), press=["5"], terminal_size=(80, 24))


def test_help_screen(frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=["question_mark"],
                        terminal_size=(80, 24))


def test_jump_completion(frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=["colon", "r", "o"],
                        terminal_size=(80, 24))
