"""The audit pane (``5``): the store's CloudTrail records newest first, ``/`` to filter,
``d`` / ``enter`` for a record's JSON, failures in words, AccessDenied without
cloudtrail:LookupEvents."""

import json

import pytest

from textual.widgets import DataTable, TextArea

from store import IamError
from store.principals import root
from tui.screens.json_view import JsonScreen


def lines(app) -> list[tuple[str, ...]]:
    table = app.query_one("#audit DataTable", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_newest_first_and_refreshed_on_every_change(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        assert len(lines(app)) == len(demo_store.audit_trail())
        assert lines(app)[0][2] == demo_store.audit_trail()[0]["eventName"]
        app.call("CreateGroup", {"GroupName": "Auditors"})
        app.call("DeleteGroup", {"GroupName": "Auditors"})
        await pilot.pause()
        assert [line[2] for line in lines(app)[:2]] == ["DeleteGroup", "CreateGroup"]
        assert lines(app)[0][1:] == ("root", "DeleteGroup", "iam", "ok")


async def test_another_process_change_shows(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        other = type(demo_store)(demo_store.path)
        other.call("CreateUser", {"UserName": "zoe"}, root("123456789012"))
        await pilot.pause(0.8)
        assert lines(app)[0][2] == "CreateUser"


async def test_another_process_refused_call_shows(demo_store, make_app):
    """A refused call changes nothing but the trail: it shows all the same."""
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        other = type(demo_store)(demo_store.path)
        with pytest.raises(IamError):
            other.call("DeleteUser", {"UserName": "nobody"}, root("123456789012"))
        await pilot.pause(0.8)
        assert lines(app)[0][2] == "DeleteUser"
        assert "NoSuchEntity" in lines(app)[0][4]


async def test_a_refused_call_rereads_only_the_trail(demo_store, make_app):
    """A refused call changes only the audit trail: the users pane keeps the rows it
    read (on 10,000 users a re-read is felt), a change re-reads them, and the audit
    pane shows the refusal."""
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        users = app.query_one("#users")
        read = users.all_rows
        assert app.attempt("DeleteUser", {"UserName": "nobody"}) is None
        await pilot.pause()
        assert users.all_rows is read
        app.call("CreateUser", {"UserName": "zoe"})
        await pilot.pause()
        assert "zoe" in [row.name for row in users.all_rows]
        await pilot.press("5")
        assert lines(app)[1][2:] == ("DeleteUser", "iam", "FAILED NoSuchEntity")


async def test_a_failed_call_says_so_in_words_and_stands_out(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        assert app.attempt("DeleteUser", {"UserName": "nobody"}) is None
        await pilot.pause()
        assert lines(app)[0][2:] == ("DeleteUser", "iam", "FAILED NoSuchEntity")
        cell = app.query_one("#audit DataTable", DataTable).get_row_at(0)[4]
        assert "bold" in cell.style and "red" in cell.style
        assert lines(app)[1][4] == "ok"


async def test_readable_without_colour(demo_store, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.attempt("DeleteUser", {"UserName": "nobody"})
        await pilot.press("5")
        await pilot.pause()
        screen = app.export_screenshot()
        assert "FAILED NoSuchEntity" in screen.replace("&#160;", " ")


async def test_filter_by_who_event_source_or_result(demo_store, make_app):
    admin = demo_store.identity("admin")
    demo_store.call("CreateGroup", {"GroupName": "Auditors"}, admin)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.attempt("DeleteUser", {"UserName": "nobody"})
        await pilot.press("5", "slash", *"admin")
        await pilot.pause()
        assert [line[1:3] for line in lines(app)] == [("admin", "CreateGroup")]
        await pilot.press("escape")
        await pilot.press("slash", *"failed")
        assert [line[2] for line in lines(app)] == ["DeleteUser"]
        await pilot.press("escape")
        await pilot.press("slash", *"s3")
        assert {line[3] for line in lines(app)} == {"s3"}
        await pilot.press("escape")
        assert len(lines(app)) == len(demo_store.audit_trail())


async def test_d_and_enter_show_the_full_record_and_its_keys_work(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.call("CreateGroup", {"GroupName": "Auditors"})
        await pilot.press("5", "d")
        assert isinstance(app.screen, JsonScreen)
        assert isinstance(app.focused, TextArea) and app.focused.read_only
        record = demo_store.audit_trail()[0]
        assert json.loads(app.screen.query_one(TextArea).text) == record
        await pilot.press("c")                     # copy, with the TextArea focused
        assert json.loads(app.clipboard)["eventID"] == record["eventID"]
        await pilot.press("q")                     # back
        assert app.screen is app.screen_stack[0]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, JsonScreen)
        shown = json.loads(app.screen.query_one(TextArea).text)
        assert shown["eventID"] == demo_store.audit_trail()[1]["eventID"]
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_without_lookup_events_the_trail_is_access_denied(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("alice"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        assert lines(app) == []
        denied = str(app.query_one("#audit #denied").render())
        assert "(AccessDenied) when calling the LookupEvents operation" in denied
        assert "cloudtrail:LookupEvents" in denied
