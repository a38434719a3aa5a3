"""``?``: every key that works where you are, with what it does — read from the live
bindings of the screen underneath (its focused widget, the pane, the screen, the app,
keymap and read-only mode applied), so it can never disagree with the keys themselves.
Typing narrows the list (by key, by what it does, or by where it works); ``esc`` closes.

A key that exists but does nothing at the moment (nothing selected, say) is listed with
"(not now)". Textual's generic keys (moving in a table, focus, copy) come last.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

COLUMNS = ("KEY", "DOES", "WHERE")


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("down", "move('cursor_down')", "Down", id="help.down", show=False),
        Binding("up", "move('cursor_up')", "Up", id="help.up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", id="help.page_down",
                show=False),
        Binding("pageup", "move('page_up')", "Page up", id="help.page_up", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 80; max-width: 100%; height: 90%; border: thick $accent;
                            background: $surface; padding: 0 1; }
    HelpScreen DataTable { height: 1fr; }
    """

    def __init__(self):
        super().__init__()
        self.keys: list[tuple[str, str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Keys that work here   (type to narrow · esc closes)",
                         markup=False, classes="title")
            yield Input(placeholder="key, action or place", id="help-filter")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="help-keys")

    def on_mount(self) -> None:
        self.keys = keys_of(self.app.screen_stack[-2])
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.show("")
        self.query_one(Input).focus()

    def show(self, wanted: str) -> None:
        wanted = wanted.lower()
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows([tuple(Text(cell) for cell in line) for line in self.keys
                        if any(wanted in cell.lower() for cell in line)])

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def action_move(self, how: str) -> None:
        getattr(self.query_one(DataTable), f"action_{how}")()


def keys_of(screen) -> list[tuple[str, str, str]]:
    """(key, what it does, where) for every active binding of ``screen``: the keys of
    iamtui's own panes, screens and app first (in the order a key press looks for
    them), then Textual's generic ones (moving in a table, focus, copy). Keys without a
    description are Textual's internals and left out."""
    ours, generic = [], []
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if not binding.description:
            continue
        does = binding.description + ("" if active.enabled else " (not now)")
        line = (key_name(binding, key), does, place(node, screen))
        mine = node is not screen.focused and type(node).__module__.startswith("tui.")
        (ours if mine else generic).append(line)
    return ours + generic


def place(node, screen) -> str:
    """Where a binding works: "everywhere" for the app's, else its group's title."""
    if node is screen.app:
        return "everywhere"
    return getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__


def key_name(binding: Binding, key: str) -> str:
    """"ctrl+d", "/", "?", "enter" — the key as one would say it."""
    if binding.key_display:
        return binding.key_display
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, format_key(name)])
