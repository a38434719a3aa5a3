"""What every entity pane shares: the store's rows of one kind (store/browse.py) in a
TablePane (``/`` filter, describe, re-read on change, AccessDenied in place of the rows),
and the keys that act on the selected row — raw JSON, copy ARN, new, edit, delete. Each
kind's pane says what those do for its entities. ``select(name)`` takes a name or an ARN.
"""

from typing import ClassVar

from textual.binding import Binding

from store.browse import COLUMNS, LIST_CALLS, Row, rows

from ..screens.confirm import ConfirmScreen
from ..widgets.rows_table import Cell
from .table_pane import TablePane


class EntityPane(TablePane):
    kind: ClassVar[str]            # "user", "group", "role", "policy"
    WRITES: ClassVar[frozenset] = frozenset({"new", "edit", "delete"})
    BINDINGS = [
        Binding("y", "raw", "JSON", id="pane.raw"),
        Binding("c", "copy_arn", "Copy ARN", id="pane.copy_arn", show=False),
        Binding("n", "new", "New", id="pane.new"),
        Binding("e", "edit", "Edit", id="pane.edit"),
        Binding("ctrl+d", "delete", "Delete", id="pane.delete"),
    ]

    # --- the rows -------------------------------------------------------------------

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS[self.kind]

    @property
    def list_call(self) -> str:
        return LIST_CALLS[self.kind]

    def load(self) -> list[Row]:
        return rows(self.app.session.account(), self.kind, self.app.acting)

    def cells(self, row: Row) -> tuple[Cell, ...]:
        return self.made.row(row.cells)

    def row_key(self, row: Row) -> str:
        return row.arn

    def matches(self, row: Row, key: str) -> bool:
        return key in (row.name, row.arn)

    # --- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """Read-only mode hides every key that changes something."""
        if self.app.read_only and action in self.WRITES:
            return False
        return super().check_action(action, parameters)

    def action_copy_arn(self) -> None:
        if self.selected is not None:
            self.app.copy_to_clipboard(self.selected.arn)
            self.notify(f"copied {self.selected.arn}", markup=False)

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
        """Delete the selected entity after a confirm (No focused first) — as AWS does,
        nothing more: a refusal (DeleteConflict) is shown in AWS's words."""
        row = self.selected
        if row is None:
            return
        question, operation, params = self.deletion(row)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(operation, params, done=f"deleted {self.kind} {row.name}")
        self.app.push_screen(ConfirmScreen(question), confirmed)

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

    def deletion(self, row: Row) -> tuple[str, str, dict]:
        """The confirm's question (saying what AWS requires first), and the call."""
        raise NotImplementedError

