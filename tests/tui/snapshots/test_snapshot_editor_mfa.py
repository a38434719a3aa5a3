"""The policy editor with an error marked at its line (80x24), and MFA enrollment with
its QR code and the secret beside it. Pinned: the clock (frozen_demo_store) and the
device's seed; cursors do not blink."""

import pytest
from textual.widgets import Input, TextArea

from store import mfa
from tui.app import IamApp
from tui.screens.mfa_enroll import MfaEnrollScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.templates import get

SEED = "JBSWY3DPEHPK3PXP" * 4   # 64 base32 characters, as AWS's seeds are

# The module's example with an Effect the parser refuses.
WITH_AN_ERROR = get("table-and-bucket").text().replace('"Allow"', '"Alow"')


@pytest.fixture
def pinned_seed(monkeypatch):
    monkeypatch.setattr(mfa, "new_seed", lambda: SEED)


async def still(pilot) -> None:
    """Wait for the checks, then stop every cursor blinking."""
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("TextArea, Input"):
        assert isinstance(widget, (TextArea, Input))
        widget.cursor_blink = False
    await pilot.pause()


def test_editor_with_an_error(frozen_demo_store, snap_compare):
    async def open_editor(pilot):
        pilot.app.push_screen(PolicyEditorScreen(
            "DeveloperTableAndBucket  v2 · ctrl+s saves a new default version",
            WITH_AN_ERROR, "identity", lambda text: None,
            about="attached to: Developers (group)"))
        await still(pilot)
        # on the error's line (its finding in full); moving also redraws the cursor's
        # line, which TextArea may have cached with the blink off
        pilot.app.screen.query_one(TextArea).move_cursor((4, 24))
        await pilot.pause()
    assert snap_compare(IamApp(frozen_demo_store), terminal_size=(80, 24),
                        run_before=open_editor)


def test_mfa_enrollment(frozen_demo_store, pinned_seed, snap_compare):
    async def open_enrollment(pilot):
        pilot.app.push_screen(MfaEnrollScreen("alice"))
        await still(pilot)
    assert snap_compare(IamApp(frozen_demo_store), terminal_size=(100, 34),
                        run_before=open_enrollment)
