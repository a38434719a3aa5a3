"""What every entity pane shares: a table of the store's rows (store/browse.py), ``/`` to
filter it, and the keys that act on the selected row — describe, raw JSON, copy ARN, new,
edit, delete, evaluate. Each kind's pane says what those do for its entities.

The rows are re-read whenever the store changes (the app's ``store_changed`` signal);
a caller who may not list the kind sees AWS's AccessDenied in place of the table.
"""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from store import IamError
from store.browse import COLUMNS, LIST_CALLS, Row, rows

from ..output import error_text


class EntityPane(Vertical):
    kind: ClassVar[str]            # "user", "group", "role", "policy"
    WRITES: ClassVar[frozenset] = frozenset({"new", "edit", "delete"})
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="pane.filter"),
        Binding("d", "describe", "Describe", id="pane.describe"),
        Binding("y", "raw", "JSON", id="pane.raw"),
        Binding("c", "copy_arn", "Copy ARN", id="pane.copy_arn", show=False),
        Binding("n", "new", "New", id="pane.new"),
        Binding("e", "edit", "Edit", id="pane.edit"),
        Binding("ctrl+d", "delete", "Delete", id="pane.delete"),
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.all_rows: list[Row] = []
        self.shown: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter (esc clears)", id="filter", classes="hidden")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static(id="denied", classes="hidden")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS[self.kind])
        self.app.store_changed.subscribe(self, self.reload)
        self.reload()

    # --- the rows -------------------------------------------------------------------

    def reload(self, _=None) -> None:
        denied = self.query_one("#denied", Static)
        try:
            self.all_rows = rows(self.app.session.account(), self.kind, self.app.acting)
        except IamError as err:
            self.all_rows = []
            denied.update(Text(error_text(err, LIST_CALLS[self.kind])))
            denied.remove_class("hidden")
        else:
            denied.add_class("hidden")
        self.show_rows()

    def show_rows(self) -> None:
        """The rows the filter lets through, the selection kept where it can be."""
        table = self.query_one(DataTable)
        selected = self.selected
        wanted = self.query_one("#filter", Input).value.lower()
        self.shown = [row for row in self.all_rows
                      if not wanted or any(wanted in cell.lower() for cell in row.cells)]
        table.clear()
        table.add_rows([[Text(cell) for cell in row.cells] for row in self.shown])
        if selected is not None:
            for index, row in enumerate(self.shown):
                if row.arn == selected.arn:
                    table.move_cursor(row=index)
                    break

    @property
    def selected(self) -> Row | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def select(self, name: str) -> bool:
        """Put the cursor on the entity named ``name`` (or with that ARN)."""
        for index, row in enumerate(self.shown):
            if name in (row.name, row.arn):
                self.query_one(DataTable).move_cursor(row=index)
                return True
        return False

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()

    # --- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """Read-only mode hides every key that changes something."""
        return not (self.app.read_only and action in self.WRITES)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.remove_class("hidden")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.show_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.focus_table()

    def key_escape(self) -> bool:
        box = self.query_one("#filter", Input)
        if box.has_focus or box.value:
            box.value = ""
            box.add_class("hidden")
            self.focus_table()
            return True
        return False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_describe()

    def action_copy_arn(self) -> None:
        if self.selected is not None:
            self.app.copy_to_clipboard(self.selected.arn)
            self.notify(f"copied {self.selected.arn}", markup=False)

    def action_describe(self) -> None:
        if self.selected is not None:
            self.describe(self.selected)

    def action_raw(self) -> None:
        if self.selected is not None:
            from ..screens.json_view import JsonScreen
            operation, params = self.get_call(self.selected)
            response = self.app.attempt(operation, params)
            if response is not None:
                self.app.push_screen(JsonScreen(f"{operation} {self.selected.name}", response))

    def action_new(self) -> None:
        self.create()

    def action_edit(self) -> None:
        if self.selected is not None:
            self.edit(self.selected)

    def action_delete(self) -> None:
        if self.selected is not None:
            self.delete(self.selected)

    # --- what each kind's pane says -------------------------------------------------

    def get_call(self, row: Row) -> tuple[str, dict]:
        """The Get call whose response ``y`` shows."""
        raise NotImplementedError

    def describe(self, row: Row) -> None:
        raise NotImplementedError

    def create(self) -> None:
        raise NotImplementedError

    def edit(self, row: Row) -> None:
        raise NotImplementedError

    def delete(self, row: Row) -> None:
        raise NotImplementedError

