"""Steps the roles and policies tests share: a pane shown with a row selected, that row
described, a document saved in the policy editor, and what the editor said."""

PANES = {"role": ("3", "#roles"), "policy": ("4", "#policies")}


async def on_pane(pilot, kind: str, key: str | None = None):
    """The ``kind`` pane shown, the cursor on the row ``key`` names (a name or an ARN)."""
    number, pane_id = PANES[kind]
    await pilot.press(number)
    pane = pilot.app.query_one(pane_id)
    if key is not None:
        assert pane.select(key)
    return pane


async def describe(pilot, kind: str, key: str, screen: type) -> None:
    await on_pane(pilot, kind, key)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, screen)


async def save_document(pilot, text: str) -> None:
    """In the policy editor: the whole text replaced by ``text``, then ``ctrl+s``."""
    pilot.app.screen.replace_text(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


def editor_refusal(app) -> str:
    return str(app.screen.query_one("#editor-refusal").render())
