"""The roles pane and a role's detail view: create (the form, then the trust policy in the
editor), edit, delete (refused while policies are attached or embedded:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html), the trust
policy, policies, boundary and tags — each asserted on the store and on the screen."""

import json

import pytest

from store import IamError, Store
from store.account_import import import_account
from tui.screens.confirm import ConfirmScreen
from tui.screens.evaluate import EvaluateScreen
from tui.screens.form import FormScreen
from tui.screens.policy_detail import PolicyDetailScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.screens.role_detail import RoleDetailScreen

from detail_lines import (confirm, cursor_on, fill, form_error, info, lines, names, notices, pick,
                          press_on, title)
from entity_steps import describe as describe_row
from entity_steps import editor_refusal, on_pane, save_document

ACCOUNT = "123456789012"
EC2_ROLE = "EC2S3ReadRole"
WEB_ROLE = "WebIdentityReadOnly"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
DEVELOPER_POLICY = f"arn:aws:iam::{ACCOUNT}:policy/DeveloperTableAndBucket"
GOOGLE_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
    "Action": "sts:AssumeRoleWithWebIdentity"}]})


def role(store, name: str) -> dict:
    return store.call("GetRole", {"RoleName": name})["Role"]


def role_names(store) -> list[str]:
    return [r["RoleName"] for r in store.call("ListRoles")["Roles"]]


def trust(store, name: str) -> dict:
    return json.loads(role(store, name)["AssumeRolePolicyDocument"])


async def roles_pane(pilot, key: str | None = None):
    return await on_pane(pilot, "role", key)


async def describe(pilot, key: str) -> None:
    await describe_row(pilot, "role", key, RoleDetailScreen)


# --- the detail view -------------------------------------------------------------------

async def test_a_role_described_trust_policies_session_tags(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        assert f"arn:aws:iam::{ACCOUNT}:role/{EC2_ROLE}" in title(app)
        shown = lines(app)
        assert ("role", "description", "EC2 instances read the corporate bucket") in shown
        assert ("", "max session", "1 h (3600 s)") in shown
        assert ("", "last used", "never") in shown
        assert ("trust policy", "Allow sts:AssumeRole", "Service ec2.amazonaws.com") in shown
        assert ("policies", "ReadBucket", "inline") in shown
        assert ("boundary", "—", "none · b sets one") in shown
        assert ("tags", "—", "none · t adds one") in shown
        assert ("", "instance profile", "none") in shown


async def test_a_web_identity_trust_policy_shows_its_condition(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, WEB_ROLE)
        assert info(app, "Allow sts:AssumeRoleWithWebIdentity") == \
            "Federated accounts.google.com · if StringEquals accounts.google.com:aud"
        assert info(app, "ReadOnlyAccess") == "AWS managed"


async def test_an_imported_roles_last_use_and_instance_profile(tmp_path, make_app):
    trusted = {"Path": "/", "RoleName": "app", "RoleId": "AROAAPP0000000000001",
               "Arn": "arn:aws:iam::111122223333:role/app",
               "CreateDate": "2018-08-20T18:48:00+00:00", "AssumeRolePolicyDocument": GOOGLE_TRUST}
    store = Store(str(tmp_path / "imported.json"))
    import_account(store, {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
                           "RoleDetailList": [{
                               **trusted, "RolePolicyList": [], "AttachedManagedPolicies": [],
                               "RoleLastUsed": {"LastUsedDate": "2024-05-01T10:00:00+00:00",
                                                "Region": "us-east-1"},
                               "InstanceProfileList": [{
                                   "Path": "/", "InstanceProfileName": "web",
                                   "InstanceProfileId": "AIPAWEB0000000000001",
                                   "Arn": "arn:aws:iam::111122223333:instance-profile/web",
                                   "CreateDate": "2018-08-20T18:48:01+00:00",
                                   "Roles": [trusted]}]}]})
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, "app")
        assert info(app, "last used").startswith("2024-05-01")
        assert info(app, "last used").endswith(" · us-east-1")
        assert info(app, "instance profile") == \
            "arn:aws:iam::111122223333:instance-profile/web"


async def test_d_describes_too_and_y_shows_getrole_json(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot, WEB_ROLE)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, RoleDetailScreen)
        await pilot.press("y")
        await pilot.pause()
        assert json.loads(app.screen.text)["Role"]["RoleName"] == WEB_ROLE


# --- create, edit, delete --------------------------------------------------------------

async def test_n_makes_a_role_from_the_form_and_the_ec2_trust_template(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "Builder", "path": "/ci/", "description": "CI builds",
                           "max_session": "7200"})
        assert isinstance(app.screen, PolicyEditorScreen)
        assert '"ec2.amazonaws.com"' in app.screen.text      # the module's EC2 role
        assert role_names(demo_store) == [EC2_ROLE, WEB_ROLE]  # nothing made yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        made = role(demo_store, "Builder")
        assert made["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/ci/Builder"
        assert made["Description"] == "CI builds"
        assert made["MaxSessionDuration"] == 7200
        assert trust(demo_store, "Builder")["Statement"][0]["Principal"] == {
            "Service": "ec2.amazonaws.com"}
        assert app.query_one("#roles").selected.name == "Builder"


async def test_a_refused_role_shows_awss_words_in_the_editor_and_esc_goes_back_to_the_form(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": EC2_ROLE})
        await save_document(pilot, GOOGLE_TRUST)
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "(EntityAlreadyExists)" in editor_refusal(app)
        assert f"Role with name {EC2_ROLE} already exists." in editor_refusal(app)
        await pilot.press("escape")
        await confirm(pilot, yes=True)                                # discard the edit
        assert isinstance(app.screen, FormScreen)                     # one step back
        assert app.screen.query_one("#field-name").value == EC2_ROLE  # what was typed
        await fill(pilot, {"name": "GoogleUsers"})
        assert GOOGLE_TRUST == app.screen.text                        # the document too
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert trust(demo_store, "GoogleUsers")["Statement"][0]["Principal"] == {
            "Federated": "accounts.google.com"}
        assert trust(demo_store, EC2_ROLE)["Statement"][0]["Principal"] == {
            "Service": "ec2.amazonaws.com"}


async def test_a_trust_policy_that_is_not_one_is_refused_and_nothing_is_made(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "NoOne"})
        await save_document(pilot, '{"Version": "2012-10-17", "Statement": [{"Effect": '
                                   '"Allow", "Action": "sts:AssumeRole"}]}')   # no Principal
        assert "(MalformedPolicyDocument)" in editor_refusal(app)
        await pilot.press("escape")
        await pilot.press("escape")   # the "discard the changes?" question: No
        await pilot.pause()
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "NoOne" not in role_names(demo_store)


async def test_esc_on_the_form_makes_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "Never"}, save=False)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (FormScreen, PolicyEditorScreen))
        assert "Never" not in role_names(demo_store)


async def test_a_bad_max_session_is_refused_in_awss_words(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot)
        await pilot.press("n")
        await fill(pilot, {"name": "Long", "max_session": "86400"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Member must have value less than or equal to 43200" in editor_refusal(app)
        assert "Long" not in role_names(demo_store)


async def test_e_changes_description_and_max_session(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot, EC2_ROLE)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-max_session").value == "3600"
        await fill(pilot, {"description": "[bold]Reads[/] the bucket", "max_session": "43200"})
        assert not isinstance(app.screen, FormScreen)
        changed = role(demo_store, EC2_ROLE)
        assert (changed["Description"], changed["MaxSessionDuration"]) == (
            "[bold]Reads[/] the bucket", 43200)
        await pilot.press("enter")
        await pilot.pause()
        assert info(app, "description") == "[bold]Reads[/] the bucket"   # not markup
        assert info(app, "max session") == "12 h (43200 s)"


async def test_e_with_words_for_seconds_shows_awss_words_and_changes_nothing(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot, EC2_ROLE)
        await pilot.press("e")
        await fill(pilot, {"description": "x", "max_session": "two hours"})
        assert isinstance(app.screen, FormScreen)
        assert "(ValidationError) when calling the UpdateRole operation" in form_error(app)
        assert "Invalid type for parameter MaxSessionDuration" in form_error(app)
        assert role(demo_store, EC2_ROLE)["Description"] == \
            "EC2 instances read the corporate bucket"


async def test_a_read_only_user_is_refused_in_awss_words(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("bob"))   # ReadOnlyAccess
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)                    # reading is allowed
        assert info(app, "ReadBucket") == "inline"
        await pilot.press("e")
        await fill(pilot, {"max_session": "7200"})
        assert "An error occurred (AccessDenied) when calling the UpdateRole operation: " \
               "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: " \
               "iam:UpdateRole" in form_error(app)
        assert role(demo_store, EC2_ROLE)["MaxSessionDuration"] == 3600


async def test_enter_on_the_max_session_line_edits_it_too(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await cursor_on(pilot, "max session")
        await pilot.press("enter")
        await fill(pilot, {"max_session": "7200"})
        assert role(demo_store, EC2_ROLE)["MaxSessionDuration"] == 7200
        assert info(app, "max session") == "2 h (7200 s)"


async def test_delete_answered_no_changes_nothing(demo_store, make_app):
    demo_store.call("CreateRole", {"RoleName": "Bare", "AssumeRolePolicyDocument": GOOGLE_TRUST})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot, "Bare")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await confirm(pilot, yes=False)
        assert role(demo_store, "Bare")["RoleName"] == "Bare"


async def test_delete_of_a_role_with_policies_shows_awss_deleteconflict(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await roles_pane(pilot, WEB_ROLE)
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "An error occurred (DeleteConflict) when calling the DeleteRole operation: " \
               "Cannot delete entity, must detach all policies first." in notices(app)
        assert role(demo_store, WEB_ROLE)["RoleName"] == WEB_ROLE


async def test_delete_of_a_bare_role(demo_store, make_app):
    demo_store.call("CreateRole", {"RoleName": "Bare", "AssumeRolePolicyDocument": GOOGLE_TRUST})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await roles_pane(pilot, "Bare")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        with pytest.raises(IamError, match="cannot be found"):
            role(demo_store, "Bare")
        assert "Bare" not in [row.name for row in pane.shown]


# --- the trust policy ------------------------------------------------------------------

async def test_enter_on_the_trust_policy_edits_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await press_on(pilot, "Allow sts:AssumeRole", "enter")
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.text == role(demo_store, EC2_ROLE)["AssumeRolePolicyDocument"]
        await save_document(pilot, GOOGLE_TRUST)
        assert isinstance(app.screen, RoleDetailScreen)
        assert trust(demo_store, EC2_ROLE)["Statement"][0]["Principal"] == {
            "Federated": "accounts.google.com"}
        assert info(app, "Allow sts:AssumeRoleWithWebIdentity") == \
            "Federated accounts.google.com"


async def test_an_identity_policy_as_trust_policy_is_refused_and_kept(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await press_on(pilot, "Allow sts:AssumeRole", "enter")
        await save_document(pilot, '{"Version": "2012-10-17", "Statement": [{"Effect": '
                                   '"Allow", "Action": "s3:*", "Resource": "*"}]}')
        assert isinstance(app.screen, PolicyEditorScreen)
        assert "(MalformedPolicyDocument)" in editor_refusal(app)
        assert trust(demo_store, EC2_ROLE)["Statement"][0]["Principal"] == {
            "Service": "ec2.amazonaws.com"}


# --- policies, boundary, tags ----------------------------------------------------------

async def test_a_attaches_and_ctrl_d_detaches_a_managed_policy(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await pilot.press("a")
        await pick(pilot, "DeveloperTableAndBucket")
        attached = demo_store.call("ListAttachedRolePolicies", {"RoleName": EC2_ROLE})
        assert [p["PolicyArn"] for p in attached["AttachedPolicies"]] == [DEVELOPER_POLICY]
        assert info(app, "DeveloperTableAndBucket") == "customer managed"
        await cursor_on(pilot, "DeveloperTableAndBucket")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        attached = demo_store.call("ListAttachedRolePolicies", {"RoleName": EC2_ROLE})
        assert attached["AttachedPolicies"] == []
        assert "DeveloperTableAndBucket" not in names(app, "policies")


async def test_i_puts_an_inline_policy_and_ctrl_d_deletes_it(demo_store, make_app):
    document = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
                '"Action": "sqs:SendMessage", "Resource": "*"}]}')
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await pilot.press("i")
        await fill(pilot, {"name": "Queue"})
        await save_document(pilot, document)
        stored = demo_store.call("GetRolePolicy", {"RoleName": EC2_ROLE, "PolicyName": "Queue"})
        assert json.loads(stored["PolicyDocument"]) == json.loads(document)
        assert names(app, "policies") == ["Queue", "ReadBucket"]
        await cursor_on(pilot, "ReadBucket")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert demo_store.call("ListRolePolicies", {"RoleName": EC2_ROLE})["PolicyNames"] == \
            ["Queue"]


async def test_b_sets_the_boundary_enter_opens_it_ctrl_d_removes_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await pilot.press("b")
        await pick(pilot, "DeveloperTableAndBucket")
        assert role(demo_store, EC2_ROLE)["PermissionsBoundary"]["PermissionsBoundaryArn"] == \
            DEVELOPER_POLICY
        assert names(app, "boundary") == ["DeveloperTableAndBucket"]
        await press_on(pilot, "DeveloperTableAndBucket", "enter")
        assert isinstance(app.screen, PolicyDetailScreen)
        assert info(app, f"role {EC2_ROLE}") == "permissions boundary"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "PermissionsBoundary" not in role(demo_store, EC2_ROLE)


async def test_t_tags_and_ctrl_d_untags(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await pilot.press("t")
        await fill(pilot, {"key": "team", "value": "ops"})
        assert role(demo_store, EC2_ROLE).get("Tags") == [{"Key": "team", "Value": "ops"}]
        assert info(app, "team") == "ops"
        await cursor_on(pilot, "team")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert role(demo_store, EC2_ROLE).get("Tags", []) == []


async def test_x_asks_what_the_role_may_do_from_the_detail_and_the_pane(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, EvaluateScreen)
        assert app.screen.initial == EC2_ROLE
        await pilot.press("escape", "escape")
        await pilot.pause()
        await roles_pane(pilot, WEB_ROLE)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.initial == WEB_ROLE


async def test_read_only_offers_no_change(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await describe(pilot, EC2_ROLE)
        for key in ("e", "b", "t", "a", "i"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, RoleDetailScreen), key
