"""The main screen: header, the five panes one key each, the store re-read on change."""

from textual.widgets import DataTable

from store.principals import root


async def test_header_names_account_acting_principal_and_file(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        header = str(app.query_one("#header").render())
        assert "123456789012 (demo-corp)" in header
        assert "acting as: root" in header
        assert "store: demo.json" in header


async def test_number_keys_switch_panes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        for key, pane in (("2", "groups"), ("3", "roles"), ("4", "policies"),
                          ("5", "audit"), ("1", "users")):
            await pilot.press(key)
            assert app.query_one("#panes").current == pane
        users = app.query_one("#users DataTable", DataTable)
        names = [users.get_row_at(i)[0].plain for i in range(users.row_count)]
        assert names == ["admin", "alice", "bob", "dave"]


async def test_another_process_change_shows_without_restart(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        other = type(demo_store)(demo_store.path)   # as a second process would
        other.call("CreateUser", {"UserName": "zoe"}, root("123456789012"))
        await pilot.pause(0.8)
        users = app.query_one("#users DataTable", DataTable)
        assert "zoe" in [users.get_row_at(i)[0].plain for i in range(users.row_count)]


async def test_user_data_is_not_markup(demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "eve", "Path": "/[bold]x/"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        users = app.query_one("#users DataTable", DataTable)
        assert "/[bold]x/" in [users.get_row_at(i)[1].plain for i in range(users.row_count)]


async def test_read_only_hides_and_disables_every_changing_key(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = " ".join(str(key.render()) for key in app.query("FooterKey"))
        assert "New" not in footer and "Delete" not in footer and "Describe" in footer
        before = len(demo_store.view().listing("user"))
        await pilot.press("n")
        await pilot.press("ctrl+d")
        assert app.screen is app.screen_stack[0]    # nothing opened
        assert len(demo_store.view().listing("user")) == before
        assert "read-only" in str(app.query_one("#header").render())


async def test_form_checkbox_reads_without_colour(demo_store, make_app):
    from tui.screens.form import Field, FormScreen
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(FormScreen("t", [Field("reset", "Require reset", "yes", checkbox=True)],
                                   lambda values: None))
        await pilot.pause()
        box = app.screen.query_one("#field-reset")
        assert "X" in str(box.render())
        box.value = False
        assert "X" not in str(box.render())
