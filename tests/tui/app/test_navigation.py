"""``:`` jumps to a pane or an entity (tui/screens/jump.py), ``?`` lists the keys that work
(tui/screens/help.py), and panes read the store only while shown."""

import pytest
from navigated import assert_described
from textual import events
from textual.widgets import DataTable, Input, OptionList

from tui.screens.help import HelpScreen
from tui.screens.jump import JumpScreen


async def jump(pilot, text: str) -> None:
    await pilot.press("colon")
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def offered(app) -> list[str]:
    choices = app.screen.query_one(OptionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


async def test_jump_to_a_pane(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await jump(pilot, "roles")
        assert app.pane == "roles"
        assert app.screen is app.screen_stack[0]
        assert app.focused is app.query_one("#roles DataTable")


@pytest.mark.parametrize("typed, pane, name", [
    ("role/EC2S3ReadRole", "roles", "EC2S3ReadRole"),
    ("roles/ec2s3readrole", "roles", "EC2S3ReadRole"),      # IAM names ignore case
    ("policy/DeveloperTableAndBucket", "policies", "DeveloperTableAndBucket"),
    ("group/Developers", "groups", "Developers"),
    ("developers", "groups", "Developers"),                  # a bare name, any kind
    ("arn:aws:iam::123456789012:user/alice", "users", "alice"),
    ("ali", "users", "alice"),                               # the only completion
])
async def test_jump_to_an_entity_selects_and_describes_it(demo_store, make_app, typed,
                                                          pane, name):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await jump(pilot, typed)
        assert_described(app, pane, name)


async def test_an_unknown_name_is_said_and_nothing_moves(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await jump(pilot, "user/nobody")
        assert isinstance(app.screen, JumpScreen)
        message = str(app.screen.query_one("#jump-message").render())
        assert "no pane, user, group, role or policy named 'user/nobody'" in message
        assert app.pane == "users"
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_a_name_of_two_kinds_asks_which(demo_store, make_app):
    demo_store.call("CreateGroup", {"GroupName": "alice"})
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await jump(pilot, "alice")
        assert isinstance(app.screen, JumpScreen)
        message = str(app.screen.query_one("#jump-message").render())
        assert "alice is more than one thing: user/alice, group/alice" in message
        assert offered(app) == ["user alice", "group alice"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert_described(app, "groups", "alice")


async def test_completion_lists_panes_and_entities_and_tab_takes_one(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("colon", "r", "o")
        await pilot.pause()
        assert offered(app)[:3] == ["pane roles", "role EC2S3ReadRole",
                                    "role WebIdentityReadOnly"]
        await pilot.press("tab")
        assert app.screen.query_one(Input).value == "roles"
        await pilot.press("down")          # the input follows the list
        assert app.screen.query_one(Input).value == "role/EC2S3ReadRole"
        assert offered(app)[1] == "role EC2S3ReadRole"     # walking keeps the list
        await pilot.press("enter")
        await pilot.pause()
        assert app.pane == "roles"
        assert app.query_one("#roles").selected.name == "EC2S3ReadRole"


async def test_only_what_the_acting_principal_may_list_is_offered(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.act_as(demo_store.identity("alice"))   # Developers: one table and one bucket
        await jump(pilot, "role/EC2S3ReadRole")
        assert isinstance(app.screen, JumpScreen)
        assert "that you may list" in str(app.screen.query_one("#jump-message").render())
        assert not [name for name in offered(app) if name.startswith("role ")]


async def test_a_filter_hiding_the_entity_is_cleared(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "slash", "z", "z", "z", "enter")
        roles = app.query_one("#roles DataTable", DataTable)
        assert roles.row_count == 0
        await jump(pilot, "EC2S3ReadRole")
        assert app.query_one("#roles").selected.name == "EC2S3ReadRole"
        assert app.query_one("#roles #filter", Input).value == ""


async def test_keys_typed_in_one_burst_reach_what_they_were_typed_for(demo_store, make_app):
    """A paste, or keys batched over SSH, arrive before the focus moves: "/ali" must
    filter (not describe or edit), and the "d" after "enter" must describe."""
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, character in [("slash", "/"), ("a", "a"), ("l", "l"), ("i", "i"),
                               ("enter", None), ("d", "d")]:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert app.query_one("#users #filter", Input).value == "ali"
        assert_described(app, "users", "alice")
        await pilot.press("escape")
        await pilot.press("escape")          # back on the pane: esc clears the filter
        assert app.query_one("#users #filter", Input).value == ""
        assert app.query_one("#users DataTable", DataTable).row_count == 4


async def test_a_slash_in_the_filter_is_a_character(demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "erin", "Path": "/eng/"})
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"/eng/")
        assert app.query_one("#users #filter", Input).value == "/eng/"
        users = app.query_one("#users DataTable", DataTable)
        assert [str(users.get_row_at(i)[0]) for i in range(users.row_count)] == ["erin"]


async def test_help_lists_the_live_keys_and_narrows(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.keys
        assert ("/", "Filter", "Users") in keys
        assert ("ctrl+d", "Delete", "Users") in keys
        assert (":", "Jump", "everywhere") in keys
        assert ("ctrl+r", "Reload", "everywhere") in keys     # hidden from the footer
        await pilot.press(*"delete")
        table = app.screen.query_one(DataTable)
        shown = [tuple(str(cell) for cell in table.get_row_at(i))
                 for i in range(table.row_count)]
        assert shown and all("delete" in " ".join(line).lower() for line in shown)
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_help_follows_the_pane_and_read_only_mode(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "question_mark")
        described = [does for _, does, _ in app.screen.keys]
        assert "Filter" in described and "Jump" in described
        assert not {"New", "Edit", "Delete", "JSON"} & set(described)


async def test_hidden_panes_read_the_store_only_when_shown(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.query_one("#roles").stale
        app.call("CreateRole", {"RoleName": "Later", "AssumeRolePolicyDocument":
                                '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",'
                                ' "Principal": {"Service": "ec2.amazonaws.com"},'
                                ' "Action": "sts:AssumeRole"}]}'})
        assert app.query_one("#roles").stale
        await pilot.press("3")
        roles = app.query_one("#roles DataTable", DataTable)
        assert "Later" in [str(roles.get_row_at(i)[0]) for i in range(roles.row_count)]
