"""The managed policies pane and a policy's detail view: create (the form, then the
document in the editor), edit (a new default version; at most five versions:
https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html),
versions set as default and deleted, attachments, tags, delete (refused while attached:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html), and AWS
managed policies, which the store refuses to change — each asserted on the store and on
the screen."""

import json

import pytest

from store import IamError
from tui.screens.confirm import ConfirmScreen
from tui.screens.form import FormScreen
from tui.screens.group_detail import GroupDetailScreen
from tui.screens.json_view import JsonScreen
from tui.screens.policy_detail import DOCUMENT_LINES, PolicyDetailScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.screens.role_detail import RoleDetailScreen
from tui.screens.user_detail import UserDetailScreen

from detail_lines import (confirm, cursor_on, fill, form_error, info, lines, names, notices,
                          press_on, title)
from entity_steps import describe as describe_row
from entity_steps import editor_refusal, on_pane, save_document

ACCOUNT = "123456789012"
DEVELOPER = f"arn:aws:iam::{ACCOUNT}:policy/DeveloperTableAndBucket"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def document(action: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*"}]}, indent=2)


def policy(store, arn: str) -> dict:
    return store.call("GetPolicy", {"PolicyArn": arn})["Policy"]


def versions(store, arn: str) -> dict[str, bool]:
    """Each version id, and whether it is the default."""
    listed = store.call("ListPolicyVersions", {"PolicyArn": arn})["Versions"]
    return {version["VersionId"]: version["IsDefaultVersion"] for version in listed}


def default_document(store, arn: str) -> dict:
    version = policy(store, arn)["DefaultVersionId"]
    return json.loads(store.call("GetPolicyVersion", {"PolicyArn": arn, "VersionId": version})
                      ["PolicyVersion"]["Document"])


def with_versions(store, count: int) -> None:
    """DeveloperTableAndBucket with ``count`` versions, the last the default."""
    for number in range(2, count + 1):
        store.call("CreatePolicyVersion", {"PolicyArn": DEVELOPER, "SetAsDefault": True,
                                           "PolicyDocument": document(f"s3:Get{number}")})


async def policies_pane(pilot, key: str | None = None):
    return await on_pane(pilot, "policy", key)


async def describe(pilot, key: str) -> None:
    await describe_row(pilot, "policy", key, PolicyDetailScreen)


# --- the detail view -------------------------------------------------------------------

async def test_a_policy_described_versions_attachments_document(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        assert DEVELOPER in title(app)
        shown = lines(app)
        assert ("policy", "description",
                "The table and the corporate bucket, nothing else") in shown
        assert names(app, "versions") == ["v1"]
        assert info(app, "v1").startswith("default · ")
        assert ("attachments", "group Developers", "attached") in shown
        assert ("tags", "—", "none · t adds one") in shown
        document_lines = [item.info for item in app.screen.items if item.section == "document"]
        assert json.loads("\n".join(document_lines)) == default_document(demo_store, DEVELOPER)


async def test_an_aws_managed_policy_lists_its_users_and_roles(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, READ_ONLY)
        assert names(app, "attachments") == ["user bob", "role WebIdentityReadOnly"]
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, JsonScreen)
        assert json.loads(app.screen.text)["Policy"]["AttachmentCount"] == 2


async def test_a_long_document_shows_its_start_and_enter_opens_all_of_it(demo_store, make_app):
    version = policy(demo_store, READ_ONLY)["DefaultVersionId"]
    text = demo_store.call("GetPolicyVersion", {"PolicyArn": READ_ONLY, "VersionId": version})[
        "PolicyVersion"]["Document"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, READ_ONLY)
        shown = [item for item in app.screen.items if item.section == "document"]
        assert [item.info for item in shown[:-1]] == text.splitlines()[:DOCUMENT_LINES]
        more = len(text.splitlines()) - DOCUMENT_LINES
        assert shown[-1].info == f"… {more} more lines: enter shows them all"
        app.screen.query_one("#detail-lines").move_cursor(row=app.screen.items.index(shown[-1]))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.text == text


async def test_enter_on_an_attachment_describes_that_entity(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, READ_ONLY)
        for label, screen in (("user bob", UserDetailScreen),
                              ("role WebIdentityReadOnly", RoleDetailScreen)):
            await press_on(pilot, label, "enter")
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")
        await describe(pilot, DEVELOPER)
        await press_on(pilot, "group Developers", "enter")
        assert isinstance(app.screen, GroupDetailScreen)


async def test_ctrl_d_on_an_attachment_detaches_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await cursor_on(pilot, "group Developers")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert policy(demo_store, DEVELOPER)["AttachmentCount"] == 0
        assert lines(app)[[i.section for i in app.screen.items].index("attachments")] == (
            "attachments", "—", "none · attach it from a user, group or role (a)")


async def test_a_boundary_shows_as_one_and_ctrl_d_removes_it(demo_store, make_app):
    demo_store.call("PutRolePermissionsBoundary", {"RoleName": "EC2S3ReadRole",
                                                    "PermissionsBoundary": DEVELOPER})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        assert info(app, "role EC2S3ReadRole") == "permissions boundary"
        await cursor_on(pilot, "role EC2S3ReadRole")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "PermissionsBoundary" not in demo_store.call(
            "GetRole", {"RoleName": "EC2S3ReadRole"})["Role"]


# --- create ----------------------------------------------------------------------------

async def test_n_makes_a_policy_from_the_form_and_the_editor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "QueueSend", "path": "/app/", "description": "send"})
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "table-name" in app.screen.text        # the module's example to start from
        await save_document(pilot, document("sqs:SendMessage"))
        arn = f"arn:aws:iam::{ACCOUNT}:policy/app/QueueSend"
        assert policy(demo_store, arn)["Description"] == "send"
        assert versions(demo_store, arn) == {"v1": True}
        assert default_document(demo_store, arn)["Statement"][0]["Action"] == "sqs:SendMessage"
        await pilot.pause()
        assert app.query_one("#policies").selected.arn == arn


async def test_a_malformed_document_is_refused_in_the_editor_and_nothing_is_made(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "Broken"})
        await save_document(pilot, '{"Version": "2012-10-17", "Statement": [{"Effect": '
                                   '"Allow"}]}')
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "An error occurred (MalformedPolicyDocument)" in editor_refusal(app)
        names_now = [p["PolicyName"] for p in
                     demo_store.call("ListPolicies", {"Scope": "Local"})["Policies"]]
        assert names_now == ["DeveloperTableAndBucket"]


async def test_a_name_in_use_is_refused_and_esc_goes_back_to_the_form(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "DeveloperTableAndBucket"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "A policy called DeveloperTableAndBucket already exists." in editor_refusal(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-name").value == "DeveloperTableAndBucket"
        assert versions(demo_store, DEVELOPER) == {"v1": True}


# --- edit: versions --------------------------------------------------------------------

async def test_e_saves_a_new_version_that_becomes_the_default(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot, DEVELOPER)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PolicyEditorScreen)
        assert json.loads(app.screen.text) == default_document(demo_store, DEVELOPER)
        assert "attached to: Developers (group)" in str(
            app.screen.query_one("#editor-about").render())
        await save_document(pilot, document("s3:GetObject"))
        assert versions(demo_store, DEVELOPER) == {"v2": True, "v1": False}
        assert default_document(demo_store, DEVELOPER)["Statement"][0]["Action"] == \
            "s3:GetObject"
        assert app.query_one("#policies").selected.cells[3] == "v2"


async def test_a_sixth_version_is_refused_until_one_is_deleted(demo_store, make_app):
    with_versions(demo_store, 5)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        assert names(app, "versions") == ["v5", "v4", "v3", "v2", "v1"]
        await pilot.press("e")
        await pilot.pause()
        await save_document(pilot, document("s3:Get6"))
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "An error occurred (LimitExceeded): A managed policy can have up to 5 " \
               "versions." in editor_refusal(app)
        assert len(versions(demo_store, DEVELOPER)) == 5
        await pilot.press("escape")
        await confirm(pilot, yes=True)            # discard the edit
        await cursor_on(pilot, "v1")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "v1" not in versions(demo_store, DEVELOPER)
        assert names(app, "versions") == ["v5", "v4", "v3", "v2"]
        await pilot.press("e")
        await pilot.pause()
        await save_document(pilot, document("s3:Get6"))
        assert versions(demo_store, DEVELOPER)["v6"] is True


async def test_D_makes_a_version_the_default(demo_store, make_app):
    with_versions(demo_store, 2)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await press_on(pilot, "v1", "D")
        assert versions(demo_store, DEVELOPER) == {"v2": False, "v1": True}
        assert info(app, "v1").startswith("default")
        assert app.screen.items[[i.section for i in app.screen.items].index("document")] \
            .label == "v1"


async def test_the_default_version_cannot_be_deleted(demo_store, make_app):
    with_versions(demo_store, 2)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await cursor_on(pilot, "v2")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "An error occurred (DeleteConflict) when calling the DeletePolicyVersion " \
               "operation: Cannot delete the default version of a policy." in notices(app)
        assert versions(demo_store, DEVELOPER) == {"v2": True, "v1": False}


async def test_enter_on_a_version_shows_its_document_read_only(demo_store, make_app):
    with_versions(demo_store, 2)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await press_on(pilot, "v1", "enter")
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.read_only
        assert "table-name" in app.screen.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert versions(demo_store, DEVELOPER) == {"v2": True, "v1": False}


async def test_an_aws_managed_policy_cannot_be_changed_the_store_says_so(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot, READ_ONLY)
        before = policy(demo_store, READ_ONLY)["DefaultVersionId"]
        await pilot.press("e")
        await pilot.pause()
        await save_document(pilot, document("s3:GetObject"))
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "An error occurred (AccessDenied): User: arn:aws:iam::123456789012:root is " \
               "not authorized to perform: iam:CreatePolicyVersion" in editor_refusal(app)
        assert policy(demo_store, READ_ONLY)["DefaultVersionId"] == before


async def test_a_principal_with_little_leave_sees_awss_refusals_and_changes_nothing(
        demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "carol"})
    demo_store.call("PutUserPolicy", {"UserName": "carol", "PolicyName": "Look",
                                      "PolicyDocument": json.dumps({
                                          "Version": "2012-10-17", "Statement": [{
                                              "Effect": "Allow", "Resource": "*",
                                              "Action": ["iam:ListPolicies", "iam:GetPolicy",
                                                         "iam:GetPolicyVersion"]}]})})
    app = make_app(demo_store, acting=demo_store.identity("carol"))
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        assert info(app, "AccessDenied").startswith(
            "User: arn:aws:iam::123456789012:user/carol is not authorized to perform: "
            "iam:ListPolicyVersions")
        assert [item.label for item in app.screen.items if item.section == "attachments"] \
            == ["AccessDenied"]
        await pilot.press("e")
        await pilot.pause()
        assert str(app.screen.query_one("#editor-about").render()) == \
            "attached to: not shown (AccessDenied on ListEntitiesForPolicy)"
        await save_document(pilot, document("s3:GetObject"))
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "(AccessDenied)" in editor_refusal(app)
        assert "iam:CreatePolicyVersion" in editor_refusal(app)
        assert versions(demo_store, DEVELOPER) == {"v1": True}


# --- tags, delete ----------------------------------------------------------------------

async def test_t_tags_a_policy_and_ctrl_d_untags_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await pilot.press("t")
        await fill(pilot, {"key": "owner", "value": "platform"})
        listed = demo_store.call("ListPolicyTags", {"PolicyArn": DEVELOPER})["Tags"]
        assert listed == [{"Key": "owner", "Value": "platform"}]
        assert info(app, "owner") == "platform"
        await cursor_on(pilot, "owner")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert demo_store.call("ListPolicyTags", {"PolicyArn": DEVELOPER})["Tags"] == []


async def test_a_bad_tag_is_refused_in_the_form(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        await pilot.press("t")
        await fill(pilot, {"key": "", "value": "x"})
        assert isinstance(app.screen, FormScreen)
        assert "when calling the TagPolicy operation" in form_error(app)
        assert demo_store.call("ListPolicyTags", {"PolicyArn": DEVELOPER})["Tags"] == []


async def test_delete_answered_no_changes_nothing(demo_store, make_app):
    demo_store.call("DetachGroupPolicy", {"GroupName": "Developers", "PolicyArn": DEVELOPER})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot, DEVELOPER)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await confirm(pilot, yes=False)
        assert policy(demo_store, DEVELOPER)["PolicyName"] == "DeveloperTableAndBucket"


async def test_delete_of_an_attached_policy_shows_awss_deleteconflict(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await policies_pane(pilot, DEVELOPER)
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "An error occurred (DeleteConflict) when calling the DeletePolicy operation: " \
               "Cannot delete a policy attached to entities." in notices(app)
        assert policy(demo_store, DEVELOPER)["AttachmentCount"] == 1


async def test_delete_of_a_detached_policy(demo_store, make_app):
    demo_store.call("DetachGroupPolicy", {"GroupName": "Developers", "PolicyArn": DEVELOPER})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await policies_pane(pilot, DEVELOPER)
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        with pytest.raises(IamError, match="was not found"):
            policy(demo_store, DEVELOPER)
        assert DEVELOPER not in [row.arn for row in pane.shown]


async def test_read_only_offers_no_change(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, DEVELOPER)
        for key in ("e", "t", "D", "ctrl+d"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, PolicyDetailScreen), key
        assert versions(demo_store, DEVELOPER) == {"v1": True}
