"""The groups pane and a group's detail view: members, attached and inline policies,
create, rename, delete (refused while it has members or policies:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html)."""

import pytest

from store import IamError
from tui.screens.group_detail import GroupDetailScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.screens.user_detail import UserDetailScreen

from detail_lines import confirm, describe, fill, info, names, notices, pick, press_on, title

ACCOUNT = "123456789012"
S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess"


def members(store, group: str) -> list[str]:
    return [user["UserName"] for user in
            store.call("GetGroup", {"GroupName": group})["Users"]]


async def test_developers_described_with_members_and_policies(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        assert f"arn:aws:iam::{ACCOUNT}:group/Developers" in title(app)
        assert names(app, "members") == ["alice", "dave"]
        assert names(app, "policies") == ["DeveloperTableAndBucket"]
        assert info(app, "DeveloperTableAndBucket") == "customer managed"


async def test_enter_on_a_member_describes_the_user(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        await press_on(pilot, "dave", "enter")
        assert isinstance(app.screen, UserDetailScreen) and app.screen.entity_name == "dave"
        await pilot.press("escape")
        assert isinstance(app.screen, GroupDetailScreen)


async def test_u_adds_a_user_and_ctrl_d_removes_a_member(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        await pilot.press("u")
        await pick(pilot, "bob")
        assert members(demo_store, "Developers") == ["alice", "bob", "dave"]
        assert names(app, "members") == ["alice", "bob", "dave"]
        await press_on(pilot, "alice", "ctrl+d")
        await confirm(pilot, yes=False)
        assert "alice" in members(demo_store, "Developers")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert members(demo_store, "Developers") == ["bob", "dave"]


async def test_the_user_picker_leaves_out_members(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        await pilot.press("u")
        await pilot.pause()
        assert [value for _, value in app.screen.choices] == ["admin", "bob"]


async def test_attach_detach_and_inline_on_a_group(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        await pilot.press("a")
        await pick(pilot, "AmazonS3Full")
        assert S3_FULL in [p["PolicyArn"] for p in demo_store.call(
            "ListAttachedGroupPolicies", {"GroupName": "Developers"})["AttachedPolicies"]]
        await pilot.press("i")
        await fill(pilot, {"name": "Extra"})
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.query_one("#editor-about").render().plain == \
            "inline on group Developers"
        await pilot.press("ctrl+s")       # the template, as it is
        await pilot.pause()
        assert demo_store.call("ListGroupPolicies", {"GroupName": "Developers"})[
            "PolicyNames"] == ["Extra"]
        await press_on(pilot, "AmazonS3FullAccess", "ctrl+d")
        await confirm(pilot, yes=True)
        assert "AmazonS3FullAccess" not in names(app, "policies")


async def test_alice_sees_a_policy_added_to_her_group(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(UserDetailScreen("alice"))
        await pilot.pause()
        demo_store.call("PutGroupPolicy", {"GroupName": "Developers", "PolicyName": "Extra",
                                           "PolicyDocument": '{"Version": "2012-10-17", '
                                           '"Statement": [{"Effect": "Allow", "Action": '
                                           '"s3:ListBucket", "Resource": "*"}]}'})
        await pilot.pause(0.8)      # another process's change, noticed on the poll
        assert info(app, "Extra") == "via Developers · inline"
        await press_on(pilot, "Extra", "ctrl+d")
        assert "Extra comes through group Developers" in notices(app)


async def test_n_creates_e_renames_ctrl_d_deletes_a_group(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.press("n")
        await fill(pilot, {"name": "Ops", "path": "/it/"})
        assert demo_store.call("GetGroup", {"GroupName": "Ops"})["Group"]["Path"] == "/it/"
        assert app.query_one("#groups").selected.name == "Ops"
        await pilot.press("e")
        await fill(pilot, {"name": "Operations"})
        assert demo_store.call("GetGroup", {"GroupName": "Operations"})["Group"]["Arn"] == \
            f"arn:aws:iam::{ACCOUNT}:group/it/Operations"
        assert app.query_one("#groups").selected.name == "Operations"
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        with pytest.raises(IamError, match="cannot be found"):
            demo_store.call("GetGroup", {"GroupName": "Operations"})


async def test_deleting_a_group_with_members_shows_awss_refusal(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        app.query_one("#groups").select("Developers")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "An error occurred (DeleteConflict) when calling the DeleteGroup operation: " \
               "Cannot delete entity, must remove users from group first." in notices(app)
        assert members(demo_store, "Developers") == ["alice", "dave"]


async def test_a_group_with_more_members_than_a_page_shows_them_all(demo_store, make_app):
    for number in range(105):
        demo_store.call("CreateUser", {"UserName": f"u{number:03}"})
        demo_store.call("AddUserToGroup", {"GroupName": "Developers",
                                           "UserName": f"u{number:03}"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "groups", "Developers")
        assert len(names(app, "members")) == 107
