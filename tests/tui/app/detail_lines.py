"""What the tests of the detail views read and type: the lines a detail screen shows,
the cursor put on one of them, an entity described from its pane, a form filled in and
saved, a picker's choice, a confirm's answer, the notifications shown."""

from textual.widgets import Checkbox, DataTable, Input


def title(app) -> str:
    """The detail screen's line on top: the ARN, or the refusal that took its place."""
    return str(app.screen.query_one("#detail-title").render())


def lines(app) -> list[tuple[str, str, str]]:
    """The detail screen's lines as shown: (section, name, info); the section is shown
    on a section's first line only."""
    table = app.screen.query_one("#detail-lines", DataTable)
    return [tuple(cell.plain for cell in table.get_row_at(row)) for row in range(table.row_count)]


def names(app, section: str) -> list[str]:
    """The names on the lines of ``section``."""
    return [item.label for item in app.screen.items if item.section == section]


def info(app, name: str) -> str:
    """The info shown beside the line named ``name``."""
    return next(shown for _, label, shown in lines(app) if label == name)


async def cursor_on(pilot, name: str) -> None:
    """The cursor on the line named ``name``."""
    row = [item.label for item in pilot.app.screen.items].index(name)
    pilot.app.screen.query_one("#detail-lines", DataTable).move_cursor(row=row)
    await pilot.pause()


async def press_on(pilot, name: str, key: str) -> None:
    """``key`` with the cursor on the line named ``name``."""
    await cursor_on(pilot, name)
    await pilot.press(key)
    await pilot.pause()


async def describe(pilot, pane: str, name: str) -> None:
    """``enter`` on ``name`` in a pane of the main screen ("users", "groups")."""
    await pilot.press({"users": "1", "groups": "2"}[pane])
    pilot.app.query_one(f"#{pane}").select(name)
    await pilot.press("enter")
    await pilot.pause()


async def open_detail(pilot, screen) -> None:
    """A detail screen pushed straight onto the app."""
    pilot.app.push_screen(screen)
    await pilot.pause()


async def fill(pilot, values: dict, save: bool = True) -> None:
    """Type into the form's fields (a bool ticks a checkbox), then ``ctrl+s``."""
    for name, value in values.items():
        widget = pilot.app.screen.query_one(f"#field-{name}")
        assert isinstance(widget, Checkbox if isinstance(value, bool) else Input)
        widget.value = value
    if save:
        await pilot.press("ctrl+s")
        await pilot.pause()


def form_error(app) -> str:
    return str(app.screen.query_one("#error").render())


def notices(app) -> str:
    """Every notification shown so far, one a line."""
    return "\n".join(notification.message for notification in app._notifications)


async def pick(pilot, typed: str) -> None:
    """In a picker: narrow the list by typing, then take the first match."""
    pilot.app.screen.query_one("#narrow", Input).value = typed
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def confirm(pilot, yes: bool) -> None:
    """Answer the ConfirmScreen on top: ``enter`` on No (focused first), or Yes."""
    if yes:
        await pilot.press("right")
    await pilot.press("enter")
    await pilot.pause()
