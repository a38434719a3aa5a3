"""``DetailScreen``: one entity described — its ARN on top, then its parts as lines
grouped in sections (a user's groups, policies, keys, MFA devices …), each line an
``Item`` whose ``Part`` says what the keys do to it: ``enter`` opens it, ``ctrl+d``
removes it (after a confirm); each kind's screen adds its own keys (``g`` add to group,
``a`` attach …).

The lines are re-read from the store whenever it changes, so what is shown is never
stale; ``y`` shows the raw AWS-shaped JSON of the entity.
"""

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store import IamError

from ..output import error_text
from .confirm import ConfirmScreen
from .json_view import JsonScreen


class Part:
    """What a detail line stands for. ``screen`` is the detail screen showing it."""

    def open(self, screen) -> None:
        """``enter``: nothing, unless the part has something to show."""

    def removal(self, screen) -> str | None:
        """The question to confirm before removing it; None: it cannot be removed here."""
        return None

    def remove(self, screen) -> None:
        """Remove it (after the confirm), through ``screen.app.attempt``."""


@dataclass(frozen=True)
class Item:
    section: str        # "groups", "policies", "access keys" …
    label: str          # what the line shows first: a name, a key id
    info: str = ""      # the rest: "via Developers", "Active · used 2 h ago"
    key: Part | None = None  # what the keys act on (None: a line only to read)


class DetailScreen(Screen):
    WRITES: ClassVar[frozenset] = frozenset({"remove"})
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="detail.back"),
        Binding("y", "raw", "JSON", id="detail.raw"),
        Binding("ctrl+d", "remove", "Remove", id="detail.remove"),
    ]

    def __init__(self, name: str):
        super().__init__()
        self.entity_name = name
        self.items: list[Item] = []

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title", classes="title")
        yield DataTable(cursor_type="row", show_header=False, id="detail-lines")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("section", "name", "info")
        self.app.store_changed.subscribe(self, self.reload)
        self.reload()

    def reload(self, _=None) -> None:
        try:
            title, self.items = self.title_line(), self.lines()
        except IamError as err:
            title, self.items = error_text(err), []
        self.query_one("#detail-title", Static).update(Text(title))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        previous = None
        for item in self.items:
            table.add_row(Text(item.section if item.section != previous else "", "bold"),
                          Text(item.label), Text(item.info))
            previous = item.section
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))

    @property
    def selected(self) -> Item | None:
        table = self.query_one(DataTable)
        if not self.items or table.cursor_row >= len(self.items):
            return None
        return self.items[table.cursor_row]

    def check_action(self, action: str, parameters) -> bool | None:
        return not (self.app.read_only and action in self.WRITES)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.selected
        if item is not None and item.key is not None:
            item.key.open(self)

    def action_raw(self) -> None:
        operation, params = self.get_call()
        response = self.app.attempt(operation, params)
        if response is not None:
            self.app.push_screen(JsonScreen(f"{operation} {self.entity_name}", response))

    def action_remove(self) -> None:
        item = self.selected
        question = item.key.removal(self) if item is not None and item.key is not None else None
        if question is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                item.key.remove(self)
        self.app.push_screen(ConfirmScreen(question), confirmed)

    # --- what each kind's screen says -------------------------------------------------

    def title_line(self) -> str:
        """The line on top (the ARN, and what identifies the entity); raises IamError."""
        raise NotImplementedError

    def lines(self) -> list[Item]:
        """The entity's parts, from store calls as the acting principal; raises IamError."""
        raise NotImplementedError

    def get_call(self) -> tuple[str, dict]:
        """The Get call whose response ``y`` shows."""
        raise NotImplementedError
