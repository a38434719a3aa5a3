"""What every pane of the main screen shares: a table of rows read from the store, ``/``
to keep only the rows holding some text (``esc`` clears it), ``d`` / ``enter`` to open
the selected row, the selection kept across re-reads, and AWS's AccessDenied in place of
the rows when the acting principal may not list them.

A pane reads the store only while it is shown. A change re-reads the pane in view and
marks the others stale; a stale pane re-reads when the app shows it (``focus_table``)
or something selects in it. So the app starts by reading one pane, not five, and a
change to a 10,000-user account costs one re-read. Each row's cells and the text the
filter searches are made once per read, so a filter keystroke only compares strings.
"""

from operator import attrgetter

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import Input, Static

from store import IamError

from ..output import error_text
from ..widgets.rows_table import Cell, Cells, RowsTable

_PLAIN = attrgetter("plain")


class TablePane(Vertical):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="pane.filter", priority=True),
        Binding("enter", "filter_done", "Done filtering", id="pane.filter_done",
                show=False, priority=True),
        Binding("escape", "filter_clear", "Clear the filter", id="pane.filter_clear",
                show=False, priority=True),
        Binding("d", "describe", "Describe", id="pane.describe"),
    ]

    columns: tuple[str, ...]       # the table's headings
    list_call: str                 # the call a refusal names ("ListUsers")
    reads_trail = False            # its rows come from the audit trail

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.all_rows: list = []
        self.shown: list = []
        self.stale = True
        self._cells: list[tuple[Cell, ...]] = []
        self._search: list[str] = []
        self.made = Cells()

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter (esc clears)", id="filter", classes="hidden")
        yield RowsTable(cursor_type="row", zebra_stripes=True)
        yield Static(id="denied", classes="hidden")

    def on_mount(self) -> None:
        self.query_one(RowsTable).add_columns(*self.columns)
        self.app.store_changed.subscribe(self, self.reload)

    # --- what each pane says ----------------------------------------------------------

    def load(self) -> list:
        """The rows, read from the store as the acting principal (raises IamError)."""
        raise NotImplementedError

    def cells(self, row) -> tuple[Cell, ...]:
        """What the table shows of ``row``, one Cell per column (from ``self.made``,
        so equal cells are one object)."""
        raise NotImplementedError

    def row_key(self, row) -> str:
        """What stays the same for ``row`` across re-reads (the selection follows it)."""
        raise NotImplementedError

    def describe(self, row) -> None:
        raise NotImplementedError

    # --- the rows -------------------------------------------------------------------

    def reload(self, changed: str = "state") -> None:
        """Re-read the rows now if the pane is shown, else when it next is — unless
        only the audit trail grew (a refused call) and the rows are not from it."""
        if changed == "trail" and not self.reads_trail:
            return
        if self.display:
            self.read()
        else:
            self.stale = True

    def ensure_rows(self) -> None:
        """Read the rows if the store changed while the pane was hidden."""
        if self.stale:
            self.read()

    def read(self) -> None:
        self.stale = False
        denied = self.query_one("#denied", Static)
        try:
            self.all_rows = self.load()
        except IamError as err:
            self.all_rows = []
            denied.update(Text(error_text(err, self.list_call)))
            denied.remove_class("hidden")
        else:
            denied.add_class("hidden")
        self.made = Cells()
        self._cells = [self.cells(row) for row in self.all_rows]
        self._search = ["\0".join(map(_PLAIN, cells)).lower() for cells in self._cells]
        self.show_rows(changed=True)

    def show_rows(self, changed: bool = False) -> None:
        """The rows the filter lets through, the selection kept where it can be.
        ``changed``: the rows were re-read (else only the filter moved)."""
        wanted = self.query_one("#filter", Input).value.lower()
        indexes = [index for index, text in enumerate(self._search) if wanted in text]
        shown = [self.all_rows[index] for index in indexes]
        if not changed and shown == self.shown:
            return      # the keystroke let the same rows through
        selected = self.selected
        table = self.query_one(RowsTable)
        if changed:
            table.set_rows(self._cells)
        self.shown = shown
        table.show_only(indexes)
        if selected is not None:
            self.select(self.row_key(selected))

    @property
    def selected(self):
        table = self.query_one(RowsTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def select(self, key: str) -> bool:
        """Put the cursor on the row ``key`` names (see ``matches``)."""
        self.ensure_rows()
        for index, row in enumerate(self.shown):
            if self.matches(row, key):
                self.query_one(RowsTable).move_cursor(row=index)
                return True
        return False

    def matches(self, row, key: str) -> bool:
        """Whether ``key`` names ``row``: its row_key here; a pane may take more."""
        return self.row_key(row) == key

    def focus_table(self) -> None:
        """The table takes the keys (its rows read first if they are stale). Focus
        moves at once (``screen.set_focus``), not on the message loop's next turn as
        ``widget.focus()`` would: keys typed fast ("/erin", pasted or sent in one write)
        are already queued, and each must reach the widget it was typed for — not the
        table, where "e" would edit the selected user."""
        self.ensure_rows()
        self.screen.set_focus(self.query_one(RowsTable))

    # --- keys -----------------------------------------------------------------------

    def action_filter(self) -> None:
        """Show the filter box and give it the keys at once (see ``focus_table``).

        ``/``, ``enter`` and ``esc`` are priority bindings: the app runs them as each
        key arrives, before it hands on the keys typed after it (fast, pasted, batched
        over SSH), so those reach the widget they were typed for ("/erin" must not edit
        anyone, "enter d" must not filter for "d"). In the box, ``/`` is a character
        like any other (paths hold them)."""
        box = self.query_one("#filter", Input)
        if self.screen.focused is box:     # (``has_focus`` lags behind a fast typist)
            box.post_message(events.Key("slash", "/"))    # after the keys before it
            return
        box.remove_class("hidden")
        self.screen.set_focus(box)

    def clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.add_class("hidden")
        self.show_rows()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.show_rows()

    def action_filter_done(self) -> None:
        self.focus_table()

    def action_filter_clear(self) -> None:
        self.clear_filter()
        self.focus_table()

    def check_action(self, action: str, parameters) -> bool | None:
        """``enter`` ends filtering while the box has the keys; ``esc`` clears a filter
        that is being typed or is in force. Otherwise those keys are the table's."""
        if action not in ("filter_done", "filter_clear"):
            return True
        try:
            box = self.query_one("#filter", Input)
        except NoMatches:       # asked before the pane is built
            return False
        typing = self.screen.focused is box
        return typing or (action == "filter_clear" and bool(box.value))

    def on_data_table_row_selected(self, event: RowsTable.RowSelected) -> None:
        event.stop()
        self.action_describe()

    def action_describe(self) -> None:
        if self.selected is not None:
            self.describe(self.selected)
