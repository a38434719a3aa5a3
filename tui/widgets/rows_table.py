"""``RowsTable``: a DataTable for the panes, that holds ten thousand one-line rows and
shows any subset of them (what a filter lets through) at once.

Textual's DataTable adds a row at a time (each one re-setting the cursor reactive) and
then measures every cell through Rich's console to size the columns: about 1.5 s for a
10,000-user pane, paid again on every filter keystroke. Here ``set_rows`` takes every
row once — its key, its metadata and its cells made a single time, each column as wide
as its widest cell's ``cell_len`` (so a filter never makes the columns jump) — and
``show_only`` puts a subset in the table by reusing those, with no measuring and
almost no allocation. Drawing, the cursor, scrolling, keys and messages are the
DataTable's own. This leans on DataTable internals of Textual 8 (pinned ``>=8.2,<9`` in
pyproject.toml); tests/tui/app/test_rows_table.py holds it to DataTable's behaviour.

Cells are ``Cell``: plain text (and a style) made into a ``Text`` only when a row is
drawn, so building the cells of 10,000 rows costs little and user data is never read
as markup.
"""

from operator import attrgetter

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets._data_table import Row, RowKey


class Cell:
    """One cell's text, shown as typed (never markup); ``style`` e.g. "bold red".
    Immutable, so one Cell may stand in every row that shows the same text."""

    __slots__ = ("plain", "style", "cell_len")

    def __init__(self, plain: str, style: str = ""):
        self.plain = plain
        self.style = style
        self.cell_len = cell_len(plain)

    def __rich__(self) -> Text:
        return Text(self.plain, self.style, no_wrap=True, end="")

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Cell({self.plain!r})"


class Cells(dict):
    """The Cell for each text (or ``(text, style)``), made on first use: the rows that
    show the same text share one (a 10,000-user pane has far fewer distinct cells)."""

    def __missing__(self, key) -> Cell:
        cell = self[key] = Cell(*key) if isinstance(key, tuple) else Cell(key)
        return cell

    def row(self, texts) -> tuple[Cell, ...]:
        return tuple(map(self.__getitem__, texts))


class RowsTable(DataTable):
    BINDING_GROUP_TITLE = "Table"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._every: list[tuple[RowKey, Row, dict, tuple[RowKey, int]]] = []

    def set_rows(self, rows: list[tuple[Cell, ...]]) -> None:
        """Hold ``rows`` (a Cell per column each) and size the columns to them; shows
        none of them until ``show_only``."""
        columns = self.ordered_columns
        keys = [column.key for column in columns]
        self._every = []
        for cells in rows:
            key = RowKey()
            self._every.append((key, Row(key, 1), dict(zip(keys, cells, strict=True)),
                                (key, 0)))
        widths = [max(map(_CELL_LEN, cells), default=0) for cells in zip(*rows)]
        for column, width in zip(columns, widths):
            column.content_width = max(column.label.cell_len, width)

    def show_only(self, indexes: list[int]) -> None:
        """Show the rows at ``indexes`` of those given to ``set_rows``, in that order,
        the cursor on the first row."""
        self.clear()
        shown, offsets = [], []
        for position, index in enumerate(indexes):
            key, row, cells, offset = self._every[index]
            self._row_locations[key] = position
            self._data[key] = cells
            self.rows[key] = row
            shown.append(row)
            offsets.append(offset)
        self._update_count += 1
        # What the DataTable would work out a row at a time on the next draw (made in
        # set_rows: a keystroke allocates next to nothing, so the collector stays idle).
        self._ordered_row_cache.set((len(shown), self._update_count), shown)
        self._offset_cache.set(self._update_count, offsets)
        self._require_update_dimensions = False
        self._update_dimensions(())    # the size now, so the cursor can scroll at once
        self.cursor_coordinate = self.cursor_coordinate   # clamp, as add_row does
        if indexes and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()


    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        """A one-line Cell of plain printable text drawn straight to its segments —
        the same segments the DataTable gets by rendering it through Rich's console
        (padding, styles, cursor and hover), at a fraction of the cost. A redraw after
        each filter keystroke draws every visible cell, so this is most of its time.
        Anything else (the header, other cells) is drawn the DataTable's own way."""
        if row_index < max(self.fixed_rows, 0) or column_index < max(self.fixed_columns, 0):
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cell = self._data[row_key][column_key]
        if not isinstance(cell, Cell) or not cell.plain.isprintable():
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor,
               self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is None:
            component_style, post_style = self._get_styles_to_render_cell(
                False, False, False, hover, cursor, self.show_cursor,
                self._show_hover_cursor, self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css")
            style = (base_style + Style.from_meta({"row": row_index, "column": column_index})
                     + component_style)
            padding = " " * self.cell_padding
            text = set_cell_size(cell.plain, max(width - 2 * self.cell_padding, 0))
            shown = text.rstrip(" ") if len(text) > len(cell.plain) else text
            plain_style = style + post_style
            lines = [[Segment(padding, plain_style),
                      Segment(shown, style + Style.parse(cell.style) + post_style),
                      Segment(text[len(shown):] + padding, plain_style)]]
            self._cell_render_cache[key] = lines
        return lines


_CELL_LEN = attrgetter("cell_len")
