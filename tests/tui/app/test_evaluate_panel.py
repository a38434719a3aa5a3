"""The evaluation panel (``x``): the three verdicts on the demo account (store/demo.py:
admin has AdministratorAccess, bob ReadOnlyAccess, alice and dave are Developers —
DeveloperTableAndBucket allows DynamoDB and S3 on the table and bucket-name and denies
them elsewhere through NotResource — and alice's inline DenySecret denies
bucket-name/secret/*), decided again as you type, with context keys, when the store
changes, the jump to the deciding policy, completion, and bad input.

The expected decisions follow AWS's evaluation logic: an explicit Deny wins, else an
Allow is needed, else the request is implicitly denied
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html).
"""

import json

import pytest

from store import Store, demo
from store.principals import root
from tui.screens.evaluate import EvaluateScreen
from tui.screens.policy_detail import PolicyDetailScreen
from tui.screens.policy_editor import PolicyEditorScreen
from tui.widgets.completion import CompletionField
from tui.widgets.verdict import VerdictView

BUCKET = demo.BUCKET
OBJECT = f"{BUCKET}/reports/q3.csv"
SECRET = f"{BUCKET}/secret/pay.csv"
ACCOUNT = demo.ACCOUNT_ID


async def panel(pilot, principal: str = "", action: str = "", resource: str = "") -> EvaluateScreen:
    """The panel opened as ``x`` opens it, the fields set (each setting is a change)."""
    pilot.app.action_evaluate(principal)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EvaluateScreen)
    for name, value in (("action", action), ("resource", resource)):
        if value:
            field(screen, name).input.value = value
    await pilot.pause()
    return screen


def field(screen, name: str) -> CompletionField:
    return screen.query_one(f"#{name}", CompletionField)


def verdict(screen) -> str:
    return screen.query_one(VerdictView).verdict


def shown(screen) -> str:
    """What the verdict area shows, as text."""
    return screen.query_one(VerdictView).render().plain


@pytest.mark.parametrize("who, action, resource, expected, told", [
    # DeveloperTableAndBucket's TableAndBucket allows s3:* on the bucket's objects
    ("alice", "s3:GetObject", OBJECT, "ALLOWED",
     ["✔ ALLOWED", "DeveloperTableAndBucket · TableAndBucket (Allow", "through group Developers"]),
    # her inline DenySecret wins over that Allow, which the panel names as overridden
    ("alice", "s3:GetObject", SECRET, "EXPLICITLY DENIED",
     ["✘ EXPLICITLY DENIED", "DenySecret · DenySecret (Deny", "inline on alice",
      "would otherwise be allowed by:", "DeveloperTableAndBucket · TableAndBucket"]),
    # NothingElse denies S3 outside the bucket through NotResource
    ("dave", "s3:GetObject", "arn:aws:s3:::other-bucket/x", "EXPLICITLY DENIED",
     ["DeveloperTableAndBucket · NothingElse (Deny"]),
    # nothing of dave's mentions IAM: no Allow, so implicitly denied, closest shown
    ("dave", "iam:CreateUser", "*", "IMPLICITLY DENIED",
     ["– IMPLICITLY DENIED", "because no identity-based policy allows it",
      "closest statements, and what each lacked:",
      "lacks: it is for other actions than iam:CreateUser"]),
    # ReadOnlyAccess reads, never writes
    ("bob", "s3:PutObject", OBJECT, "IMPLICITLY DENIED",
     ["ReadOnlyAccess · statement 1 (Allow", "attached directly",
      "lacks: it is for other actions than s3:PutObject"]),
    ("admin", "iam:CreateUser", "*", "ALLOWED", ["AdministratorAccess", "attached directly"]),
])
async def test_three_verdicts_with_the_statements_they_rest_on(
        demo_store, make_app, who, action, resource, expected, told):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, who, action, resource)
        assert verdict(screen) == expected
        for words in told:
            assert words in shown(screen)
        assert "missing context: none" in shown(screen)


async def test_typing_changes_the_verdict_on_every_keystroke(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, "alice")
        assert app.focused is field(screen, "action").input   # pre-filled: on to the action
        assert "type an action" in shown(screen)
        await pilot.press(*"s3:GetObject", "enter")
        # no resource is "*": outside the bucket, so NothingElse denies it
        assert verdict(screen) == "EXPLICITLY DENIED" and "NothingElse" in shown(screen)
        assert app.focused is field(screen, "resource").input
        await pilot.press(*OBJECT)
        assert verdict(screen) == "ALLOWED"
        await pilot.press(*"/x")   # bucket-name/reports/q3.csv/x: still the bucket
        assert verdict(screen) == "ALLOWED"
        await pilot.press(*["backspace"] * len("reports/q3.csv/x"), *"secret/pay.csv")
        assert verdict(screen) == "EXPLICITLY DENIED" and "DenySecret" in shown(screen)
        await pilot.press("shift+tab", "end")   # (focus selects the whole text)
        await pilot.press(*["backspace"] * len("ect"))
        assert "s3:GetObj: no AWS service lists this action" in shown(screen)


MFA_PUT = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Sid": "PutWithMfa", "Effect": "Allow", "Action": "s3:PutObject",
    "Resource": f"{BUCKET}/*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                                             "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})


async def test_context_keys_change_the_verdict(demo_store, make_app):
    demo_store.call("PutUserPolicy", {"UserName": "bob", "PolicyName": "PutWithMfa",
                                      "PolicyDocument": MFA_PUT})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, "bob", "s3:PutObject", OBJECT)
        assert verdict(screen) == "IMPLICITLY DENIED"
        assert "missing context: aws:MultiFactorAuthPresent, aws:SourceIp" in shown(screen)
        assert "the request has no aws:MultiFactorAuthPresent" in shown(screen)
        row = screen.query_one("#context CompletionField", CompletionField)
        row.input.focus()
        await pilot.press(*"aws:Multi")        # the keys found missing are offered
        assert row.is_open and row.matches == ["aws:MultiFactorAuthPresent = "]
        await pilot.press("tab", *"true")
        assert row.value == "aws:MultiFactorAuthPresent = true"
        assert str(screen.query_one("#context .aside").render()) == "boolean"
        assert verdict(screen) == "IMPLICITLY DENIED"
        assert "missing context: aws:SourceIp" in shown(screen)
        await pilot.press("ctrl+n")            # a second row, focused
        assert len(screen.query("#context CompletionField")) == 2
        await pilot.press(*"aws:SourceIp = 203.0.113.9")
        assert verdict(screen) == "ALLOWED" and "PutWithMfa" in shown(screen)
        await pilot.press(*["backspace"] * 5, *"0.2.1")   # 203.0.0.2.1: no IP address
        assert verdict(screen) == ""
        assert "'203.0.0.2.1' is not a valid ip value for aws:SourceIp" in shown(screen)
        await pilot.press("ctrl+d")            # the row goes, and its key with it
        assert len(screen.query("#context CompletionField")) == 1
        assert verdict(screen) == "IMPLICITLY DENIED"
        assert "missing context: aws:SourceIp" in shown(screen)
        field(screen, "action").input.focus()
        await pilot.press("home", "ctrl+d")    # elsewhere ctrl+d is the field's own
        assert field(screen, "action").value == "3:PutObject"
        assert len(screen.query("#context CompletionField")) == 1


async def test_a_change_to_the_store_decides_again(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, "bob", "s3:PutObject", OBJECT)
        assert verdict(screen) == "IMPLICITLY DENIED"
        app.call("AttachUserPolicy", {"UserName": "bob",
                                      "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3FullAccess"})
        await pilot.pause()
        assert verdict(screen) == "ALLOWED" and "AmazonS3FullAccess" in shown(screen)
        other = Store(demo_store.path)   # another process's change, found on the poll
        other.call("PutUserPolicy", {"UserName": "bob", "PolicyName": "NoPut",
                                     "PolicyDocument": demo.DENY_SECRET.replace(
                                         "/secret/*", "/*")}, root(ACCOUNT))
        await pilot.pause(0.8)
        assert verdict(screen) == "EXPLICITLY DENIED" and "NoPut" in shown(screen)


async def test_ctrl_o_opens_the_inline_policy_and_its_edit_shows_on_return(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, "alice", "s3:GetObject", SECRET)
        assert verdict(screen) == "EXPLICITLY DENIED"
        await pilot.press("ctrl+o")
        editor = app.screen
        assert isinstance(editor, PolicyEditorScreen) and editor.title_text == "DenySecret"
        assert json.loads(editor.text) == json.loads(demo.DENY_SECRET)
        editor.replace_text(demo.DENY_SECRET.replace("/secret/*", "/private/*"))
        await pilot.press("ctrl+s")
        assert app.screen is screen
        document = demo_store.call("GetUserPolicy", {"UserName": "alice",
                                                     "PolicyName": "DenySecret"})
        assert "/private/*" in document["PolicyDocument"]
        assert verdict(screen) == "ALLOWED"


async def test_enter_on_a_statement_opens_its_policy(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        # the EC2 role reads objects through the bucket policy and its inline ReadBucket
        screen = await panel(pilot, demo.EC2_ROLE, "s3:GetObject", OBJECT)
        assert verdict(screen) == "ALLOWED"
        view = screen.query_one(VerdictView)
        view.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.title_text == BUCKET and app.screen.kind == "resource"
        await pilot.press("escape")
        await pilot.press("down", "enter")
        assert isinstance(app.screen, PolicyEditorScreen)
        assert app.screen.title_text == "ReadBucket"
        await pilot.press("escape")
        # a managed policy opens in its detail view
        for name, value in (("principal", "dave"), ("resource", "arn:aws:s3:::other/x")):
            field(screen, name).input.value = value
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PolicyDetailScreen)
        assert app.screen.arn == f"arn:aws:iam::{ACCOUNT}:policy/{demo.DEVELOPER_POLICY}"


async def test_completion_for_principal_action_and_resource(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot)
        principal = field(screen, "principal")
        assert app.focused is principal.input
        await pilot.press(*"al")
        assert principal.matches[0] == "alice"
        await pilot.press("tab")
        assert principal.value == "alice" and not principal.is_open
        await pilot.press("tab")            # nothing offered: tab goes on
        action = field(screen, "action")
        assert app.focused is action.input
        await pilot.press(*"s3:GetObj")
        assert action.matches[:2] == ["s3:GetObject", "s3:GetObjectAcl"]
        await pilot.press("down", "enter")  # the arrows chose: enter takes it
        assert action.value == "s3:GetObjectAcl"
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.press("escape")         # closes the list; a second esc goes back
        assert not action.is_open and isinstance(app.screen, EvaluateScreen)
        await pilot.press("enter")
        resource = field(screen, "resource")
        await pilot.press(*"bucket")   # ARNs that start so first, then those holding it
        assert resource.matches == [BUCKET, f"arn:aws:iam::{ACCOUNT}:policy/"
                                    f"{demo.DEVELOPER_POLICY}"]
        await pilot.press("tab")
        assert resource.value == BUCKET
        await pilot.press(*"s3:", "shift+tab")
        await pilot.press("escape")
        assert not isinstance(app.screen, EvaluateScreen)


@pytest.mark.parametrize("principal, message", [
    ("nobody", "No user or role named nobody in account 123456789012."),
    ("[bold]x", "No user or role named [bold]x"),   # user text shown as typed
    (f"arn:aws:iam::{ACCOUNT}:role/Gone", "The role with name Gone cannot be found."),
    ("AKIAIOSFODNN7EXAMPLE", "No access key AKIAIOSFODNN7EXAMPLE"),
])
async def test_an_unknown_principal_is_said_in_place_of_the_verdict(
        demo_store, make_app, principal, message):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, principal, "s3:GetObject", OBJECT)
        assert verdict(screen) == ""
        assert shown(screen).startswith("✘ cannot decide: ") and message in shown(screen)


async def test_a_malformed_context_row_is_said_in_place_of_the_verdict(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await panel(pilot, "bob", "s3:GetObject", OBJECT)
        row = screen.query_one("#context CompletionField", CompletionField)
        for text, message in (("aws:SourceIp", "expected KEY=VALUE, got 'aws:SourceIp'"),
                              ("aws:MultiFactorAuthPresent = maybe",
                               "'maybe' is not a valid boolean value"),
                              ("aws:CurrentTime = 2026-13-45,date", "not a valid date"),
                              ("x = 1", "ContextKeyName must be 5 to 256 characters")):
            row.input.value = text
            await pilot.pause()
            assert verdict(screen) == "" and message in shown(screen)
        row.input.value = "aws:SourceIp = 10.1.2.3,5.6.7.8,ipList"
        await pilot.pause()
        assert verdict(screen) == "ALLOWED"
        assert str(screen.query_one("#context .aside").render()) == "ipList"
