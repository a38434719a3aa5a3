"""RowsTable (tui/widgets/rows_table.py) puts rows in a DataTable and draws its cells its
own faster way: it must end up as Textual's DataTable would — the same screen, the same
rows, cursor, messages, column widths, and every character drawn in the same style."""

import re

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable

from tui.widgets.rows_table import Cell, Cells, RowsTable

COLUMNS = ("NAME", "PATH", "GROUPS")
ROWS = [("alice", "/eng/", "Developers, Admins"), ("bob", "/", ""),
        ("[bold]x", "/very/long/path/", "—"), ("dave", "/eng/", ("FAILED", "bold red"))]


class Tables(App):
    """A stock DataTable above a RowsTable, the same rows in each."""

    def __init__(self, only: list[int]):
        super().__init__()
        self.only = only
        self.selected = []

    def compose(self):
        yield DataTable(cursor_type="row", zebra_stripes=True, id="stock")
        yield RowsTable(cursor_type="row", zebra_stripes=True, id="ours")

    def on_mount(self):
        stock, ours = self.query_one("#stock", DataTable), self.query_one(RowsTable)
        stock.add_columns(*COLUMNS)
        ours.add_columns(*COLUMNS)
        stock.add_rows([[Text(*cell) if isinstance(cell, tuple) else Text(cell)
                         for cell in ROWS[i]] for i in self.only])
        made = Cells()
        ours.set_rows([made.row(row) for row in ROWS])
        ours.show_only(self.only)

    def on_data_table_row_selected(self, event):
        self.selected.append((event.data_table.id, event.cursor_row))


def drawn(app, table_id: str) -> list[str]:
    """The lines a table draws, as text."""
    table = app.query_one(f"#{table_id}", DataTable)
    return [re.sub(r"\s+$", "", "".join(segment.text for segment in table.render_line(y)))
            for y in range(table.size.height)]


async def test_the_same_table_as_add_rows_makes():
    app = Tables([0, 2, 3])
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        stock, ours = app.query_one("#stock", DataTable), app.query_one(RowsTable)
        assert ours.row_count == stock.row_count == 3
        assert [[str(cell) for cell in ours.get_row_at(i)] for i in range(3)] == \
            [[cell.plain for cell in stock.get_row_at(i)] for i in range(3)]
        assert drawn(app, "ours")[:4] == drawn(app, "stock")[:4]
        assert "[bold]x" in drawn(app, "ours")[2]          # shown as typed, not markup
        assert ours.virtual_size.height == stock.virtual_size.height


async def test_columns_fit_every_row_held_not_only_those_shown():
    app = Tables([1])
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        widths = [column.content_width for column in app.query_one(RowsTable).ordered_columns]
        assert widths == [len("[bold]x"), len("/very/long/path/"), len("Developers, Admins")]


async def test_cells_are_drawn_as_the_datatable_draws_them(monkeypatch):
    """Every character of every line, style included (zebra stripes, the cursor's row,
    a styled cell, the click metadata), against the DataTable's own drawing."""
    app = Tables([0, 2, 3, 1])
    async with app.run_test(size=(80, 20)) as pilot:
        ours = app.query_one(RowsTable)
        ours.focus()
        ours.move_cursor(row=1)
        await pilot.pause()

        def drawn_styled() -> list[list[tuple]]:
            ours._clear_caches()
            ours._update_count += 1
            return [[(character, segment.style) for segment in ours.render_line(y)
                     for character in segment.text] for y in range(6)]
        fast = drawn_styled()
        monkeypatch.setattr(RowsTable, "_render_cell", DataTable._render_cell)
        assert fast == drawn_styled()
        dave = fast[3]                                   # header, alice, [bold]x, dave
        failed = "".join(character for character, _ in dave).index("FAILED")
        assert dave[failed][1].bold and dave[failed][1].color != dave[1][1].color


async def test_cursor_keys_and_enter_work_and_a_new_subset_resets_the_cursor():
    app = Tables([0, 1, 2, 3])
    async with app.run_test(size=(80, 20)) as pilot:
        ours = app.query_one(RowsTable)
        ours.focus()
        await pilot.press("down", "down", "enter")
        assert app.selected == [("ours", 2)]
        ours.show_only([3, 0])
        assert ours.cursor_row == 0 and ours.row_count == 2
        assert str(ours.get_row_at(0)[0]) == "dave"
        ours.move_cursor(row=1)
        await pilot.pause()
        assert str(ours.get_row_at(ours.cursor_row)[0]) == "alice"
        ours.show_only([])
        assert ours.row_count == 0


def test_equal_cells_are_one_object():
    made = Cells()
    first, second = made.row(("a", "/")), made.row(("b", "/"))
    assert first[1] is second[1]
    assert made["x", "bold red"].style == "bold red"
    assert Cell("日本").cell_len == 4
