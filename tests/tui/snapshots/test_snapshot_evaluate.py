"""The evaluation panel at 80x24 on the demo account (store/demo.py), one snapshot per
verdict: alice may read the bucket's objects (through Developers), her inline DenySecret
explicitly denies bucket-name/secret/*, and dave has nothing that allows iam:CreateUser.
Each verdict has its own symbol and words, so the SVG reads the same without colour."""

import pytest

from store import demo
from tui.app import IamApp
from tui.widgets.completion import CompletionField

BUCKET = demo.BUCKET


def filled(principal: str, action: str, resource: str, context: str = ""):
    """A ``run_before`` opening the panel as ``x`` does and typing the request in (the
    cursor is kept from blinking, so every run draws the same)."""
    async def run_before(pilot) -> None:
        pilot.app.action_evaluate(principal)
        await pilot.pause()
        screen = pilot.app.screen
        for name, value in (("action", action), ("resource", resource)):
            screen.query_one(f"#{name}", CompletionField).input.value = value
        screen.query_one("#context CompletionField", CompletionField).input.value = context
        for field in screen.query(CompletionField):
            field.input.cursor_blink = False
        screen.query_one("#resource", CompletionField).input.focus()
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("request_", [
    ("alice", "s3:GetObject", f"{BUCKET}/reports/q3.csv", "aws:SourceIp = 10.1.2.3"),
    ("alice", "s3:GetObject", f"{BUCKET}/secret/pay.csv"),
    ("dave", "iam:CreateUser", "*"),
], ids=["allowed", "explicitly_denied", "implicitly_denied"])
def test_evaluate(request_, frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), terminal_size=(80, 24),
                        run_before=filled(*request_))
