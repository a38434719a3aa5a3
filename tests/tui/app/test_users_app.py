"""The users pane and a user's detail view: create, rename, delete (as AWS refuses it while
parts remain: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html),
groups, attached / inline / inherited policies, boundary, tags — each asserted on the
store and on the screen."""

import pytest

from store import IamError
from tui.screens.confirm import ConfirmScreen
from tui.screens.evaluate import EvaluateScreen
from tui.screens.form import FormScreen
from tui.screens.group_detail import GroupDetailScreen
from tui.screens.mfa_enroll import MfaEnrollScreen
from tui.screens.picker import PickerScreen
from tui.screens.policy_detail import PolicyDetailScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.screens.user_detail import UserDetailScreen

from detail_lines import (confirm, describe, fill, form_error, info, lines, names, notices, pick,
                          press_on, title)

ACCOUNT = "123456789012"
DEVELOPER_POLICY = f"arn:aws:iam::{ACCOUNT}:policy/DeveloperTableAndBucket"
S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess"


def user(store, name: str) -> dict:
    return store.call("GetUser", {"UserName": name})["User"]


def groups_of(store, name: str) -> list[str]:
    return [group["GroupName"] for group in
            store.call("ListGroupsForUser", {"UserName": name})["Groups"]]


def attached(store, name: str) -> list[str]:
    return [policy["PolicyArn"] for policy in
            store.call("ListAttachedUserPolicies", {"UserName": name})["AttachedPolicies"]]


# --- the detail view -------------------------------------------------------------------

async def test_alice_described_with_her_groups_policies_and_tags(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        assert f"arn:aws:iam::{ACCOUNT}:user/alice" in title(app)
        shown = lines(app)
        assert ("groups", "Developers", "/") in shown
        assert ("policies", "DenySecret", "inline") in shown
        assert ("", "DeveloperTableAndBucket", "via Developers · customer managed") in shown
        assert ("tags", "team", "developers") in shown
        assert ("boundary", "—", "none · b sets one") in shown
        assert ("access keys", "—", "none · k creates one") in shown


async def test_d_describes_too_and_y_shows_getuser_json(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("bob")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, UserDetailScreen) and app.screen.entity_name == "bob"
        await pilot.press("y")
        await pilot.pause()
        assert '"UserName": "bob"' in app.screen.text
        assert app.screen.title_text == "GetUser bob"


async def test_a_principal_who_may_not_read_a_part_sees_awss_refusal_there(demo_store,
                                                                          make_app):
    demo_store.call("CreateUser", {"UserName": "auditor"})
    demo_store.call("PutUserPolicy", {"UserName": "auditor", "PolicyName": "SomeReads",
                                      "PolicyDocument": """{"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["iam:GetUser", "iam:ListGroupsForUser",
            "iam:ListAttachedUserPolicies", "iam:ListUserPolicies", "iam:GetLoginProfile",
            "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies", "iam:ListMFADevices",
            "iam:ListSSHPublicKeys", "iam:ListUsers"], "Resource": "*"}]}"""})
    app = make_app(demo_store, acting=demo_store.identity("auditor"))
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        assert names(app, "access keys") == ["AccessDenied"]
        assert "iam:ListAccessKeys" in info(app, "AccessDenied")
        assert "DenySecret" in names(app, "policies")     # what it may read is there


async def test_a_principal_who_may_not_get_the_user_sees_only_the_refusal(demo_store,
                                                                         make_app):
    app = make_app(demo_store, acting=demo_store.identity("dave"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(UserDetailScreen("alice"))
        await pilot.pause()
        assert "(AccessDenied)" in title(app)
        assert lines(app) == []


# --- create, rename, delete ------------------------------------------------------------

async def test_n_creates_a_user_with_path_and_tags(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await fill(pilot, {"name": "erin", "path": "/eng/", "tags": "team=blue, cost=a=b"})
        made = user(demo_store, "erin")
        assert made["Path"] == "/eng/"
        assert made["Tags"] == [{"Key": "team", "Value": "blue"}, {"Key": "cost", "Value": "a=b"}]
        assert app.query_one("#users").selected.name == "erin"


async def test_a_refused_name_shows_awss_words_and_creates_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await fill(pilot, {"name": "no spaces"})
        assert isinstance(app.screen, FormScreen)
        assert "(ValidationError) when calling the CreateUser operation" in form_error(app)
        assert app.screen.query_one("#field-name").value == "no spaces"   # kept
        assert "no spaces" not in [u["UserName"] for u in demo_store.call("ListUsers")["Users"]]


async def test_e_renames_and_moves_a_user_who_keeps_its_groups(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("dave")
        await pilot.press("e")
        await fill(pilot, {"name": "david", "path": "/eng/"})
        assert user(demo_store, "david")["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/eng/david"
        assert groups_of(demo_store, "david") == ["Developers"]
        with pytest.raises(IamError):
            user(demo_store, "dave")
        assert app.query_one("#users").selected.name == "david"


async def test_e_with_nothing_changed_sends_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        before = len(demo_store.audit_trail())
        app.query_one("#users").select("dave")
        await pilot.press("e")
        await fill(pilot, {})
        assert not isinstance(app.screen, FormScreen)
        assert len(demo_store.audit_trail()) == before


async def test_delete_answered_no_changes_nothing(demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "zoe"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("zoe")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await confirm(pilot, yes=False)
        assert user(demo_store, "zoe")["UserName"] == "zoe"


async def test_delete_of_a_user_with_parts_shows_awss_deleteconflict(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("alice")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "An error occurred (DeleteConflict) when calling the DeleteUser operation: " \
               "Cannot delete entity, must delete policies first." in notices(app)
        assert user(demo_store, "alice")["UserName"] == "alice"


async def test_delete_of_a_bare_user(demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "zoe"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("zoe")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        with pytest.raises(IamError, match="cannot be found"):
            user(demo_store, "zoe")
        assert "zoe" not in [row.name for row in app.query_one("#users").shown]


async def test_read_only_hides_the_keys_that_change_things(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        for key in ("g", "t", "k", "p", "a", "i", "b", "ctrl+d"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, UserDetailScreen), key
        for line in ("team", "set"):     # a tag, the password: nothing to change them with
            await press_on(pilot, line, "enter")
            assert isinstance(app.screen, UserDetailScreen), line


# --- groups ----------------------------------------------------------------------------

async def test_g_adds_to_a_group_and_ctrl_d_takes_the_user_out(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pick(pilot, "Dev")
        assert groups_of(demo_store, "bob") == ["Developers"]
        assert names(app, "groups") == ["Developers"]
        assert "DeveloperTableAndBucket" in names(app, "policies")   # now via the group
        await press_on(pilot, "Developers", "ctrl+d")
        await confirm(pilot, yes=True)
        assert groups_of(demo_store, "bob") == []
        assert names(app, "groups") == ["—"]


async def test_enter_on_a_group_describes_the_group(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        await press_on(pilot, "Developers", "enter")
        assert isinstance(app.screen, GroupDetailScreen)
        assert names(app, "members") == ["alice", "dave"]


# --- policies --------------------------------------------------------------------------

async def test_a_attaches_a_managed_policy_and_ctrl_d_detaches_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        await pilot.press("a")
        await pick(pilot, "AmazonS3FullAccess")
        assert S3_FULL in attached(demo_store, "bob")
        assert info(app, "AmazonS3FullAccess") == "AWS managed"
        await press_on(pilot, "AmazonS3FullAccess", "ctrl+d")
        await confirm(pilot, yes=False)
        assert S3_FULL in attached(demo_store, "bob")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert S3_FULL not in attached(demo_store, "bob")
        assert "AmazonS3FullAccess" not in names(app, "policies")


async def test_a_policy_through_a_group_is_not_removed_from_the_user(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        await press_on(pilot, "DeveloperTableAndBucket", "ctrl+d")
        assert isinstance(app.screen, UserDetailScreen)     # no question asked
        assert "comes through group Developers" in notices(app)
        assert DEVELOPER_POLICY in [p["PolicyArn"] for p in demo_store.call(
            "ListAttachedGroupPolicies", {"GroupName": "Developers"})["AttachedPolicies"]]


async def test_enter_on_a_managed_policy_describes_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        await press_on(pilot, "DeveloperTableAndBucket", "enter")
        assert isinstance(app.screen, PolicyDetailScreen)


async def test_i_writes_a_new_inline_policy_in_the_editor(demo_store, make_app):
    document = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
                '"Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket-name"}]}')
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        await pilot.press("i")
        await fill(pilot, {"name": "ListTheBucket"})
        assert isinstance(app.screen, PolicyEditorScreen)
        app.screen.replace_text(document)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UserDetailScreen)
        stored = demo_store.call("GetUserPolicy", {"UserName": "bob",
                                                   "PolicyName": "ListTheBucket"})
        assert "s3:ListBucket" in stored["PolicyDocument"]
        assert info(app, "ListTheBucket") == "inline"


async def test_i_with_a_bad_name_says_so_before_the_editor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        await pilot.press("i")
        await fill(pilot, {"name": "no spaces"})
        assert isinstance(app.screen, FormScreen)
        assert "(ValidationError) when calling the PutUserPolicy operation" in form_error(app)


async def test_enter_on_an_inline_policy_edits_it_and_a_refusal_keeps_the_editor(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        await press_on(pilot, "DenySecret", "enter")
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "bucket-name/secret/*" in app.screen.text
        app.screen.replace_text('{"Version": "2012-10-17"}')
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "MalformedPolicyDocument" in str(
            app.screen.query_one("#editor-refusal").render())
        stored = demo_store.call("GetUserPolicy", {"UserName": "alice",
                                                   "PolicyName": "DenySecret"})
        assert "bucket-name/secret/*" in stored["PolicyDocument"]


async def test_ctrl_d_deletes_an_inline_policy(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "alice")
        await press_on(pilot, "DenySecret", "ctrl+d")
        await confirm(pilot, yes=True)
        assert demo_store.call("ListUserPolicies", {"UserName": "alice"})["PolicyNames"] == []
        assert "DenySecret" not in names(app, "policies")


# --- boundary and tags -----------------------------------------------------------------

async def test_b_sets_a_permissions_boundary_and_ctrl_d_removes_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "dave")
        await pilot.press("b")
        await pick(pilot, "AmazonS3FullAccess")
        assert user(demo_store, "dave")["PermissionsBoundary"]["PermissionsBoundaryArn"] \
            == S3_FULL
        assert names(app, "boundary") == ["AmazonS3FullAccess"]
        await press_on(pilot, "AmazonS3FullAccess", "ctrl+d")
        await confirm(pilot, yes=True)
        assert "PermissionsBoundary" not in user(demo_store, "dave")
        assert names(app, "boundary") == ["—"]


async def test_t_tags_enter_changes_the_value_ctrl_d_untags(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        await pilot.press("t")
        await fill(pilot, {"key": "cost-center", "value": "12"})
        assert user(demo_store, "bob")["Tags"] == [{"Key": "cost-center", "Value": "12"}]
        await press_on(pilot, "cost-center", "enter")
        await fill(pilot, {"value": "13"})
        assert user(demo_store, "bob")["Tags"] == [{"Key": "cost-center", "Value": "13"}]
        assert info(app, "cost-center") == "13"
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert user(demo_store, "bob").get("Tags", []) == []


async def test_a_path_like_markup_shows_as_typed(demo_store, make_app):
    demo_store.call("CreateGroup", {"GroupName": "Ops", "Path": "/[bold]x/"})
    demo_store.call("AddUserToGroup", {"GroupName": "Ops", "UserName": "bob"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "users", "bob")
        assert ("groups", "Ops", "/[bold]x/") in lines(app)


# --- MFA enrollment and evaluation, from the pane and from the detail view --------------

@pytest.mark.parametrize("from_detail", [False, True])
@pytest.mark.parametrize("key, screen, given", [
    ("m", MfaEnrollScreen, lambda screen: screen.user_name),
    ("x", EvaluateScreen, lambda screen: screen.initial)])
async def test_m_enrolls_mfa_and_x_evaluates_for_the_user(demo_store, make_app, from_detail,
                                                         key, screen, given):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("bob")
        if from_detail:
            await describe(pilot, "users", "bob")
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen) and given(app.screen) == "bob"
