"""``iamtui simulate --input FILE|-``, run as installed, in a subprocess.

Input is what ``aws iam simulate-custom-policy --cli-input-json`` reads; output is
SimulatePolicyResponse. Shapes: botocore ``iam/2010-05-08/service-2.json``
(SimulateCustomPolicyRequest, SimulatePolicyResponse, EvaluationResult, Statement,
Position) and https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html.
Expected outputs: awscli ``awscli/examples/iam/simulate-custom-policy.rst``.
"""

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ACCOUNT = "111122223333"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"

# awscli simulate-custom-policy.rst, Examples 1 and 2 (same policy, two dates).
AWSCLI_POLICY = ('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",'
                 '"Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":'
                 '"2018-08-16T12:00:00Z"}}}}')


def awscli_request(when):
    return {"PolicyInputList": [AWSCLI_POLICY], "ActionNames": ["dynamodb:CreateBackup"],
            "ContextEntries": [{"ContextKeyName": "aws:CurrentTime",
                                "ContextKeyValues": [when], "ContextKeyType": "date"}]}


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action="*", resource="*", **extra):
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def run(request, tmp_path, *, stdin=None, command=None):
    """Run the command on ``request`` (an object, or raw text), written to a file unless
    ``stdin`` is set (then ``--input -``)."""
    text = request if isinstance(request, str) else json.dumps(request)
    if stdin:
        source, feed = "-", text
    else:
        path = tmp_path / "request.json"
        path.write_text(text)
        source, feed = str(path), None
    command = command or [sys.executable, "-m", "tui.cli"]
    return subprocess.run([*command, "simulate", "--input", source], input=feed,
                          capture_output=True, text=True, timeout=60)


def simulate(request, tmp_path, **kwargs) -> dict:
    done = run(request, tmp_path, **kwargs)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_awscli_example_1_allowed(tmp_path):
    response = simulate(awscli_request("2019-04-25T11:00:00Z"), tmp_path)
    assert response["IsTruncated"] is False
    (result,) = response["EvaluationResults"]
    assert result["EvalActionName"] == "dynamodb:CreateBackup"
    assert result["EvalResourceName"] == "*"
    assert result["EvalDecision"] == "allowed"
    assert result["MissingContextValues"] == []
    (matched,) = result["MatchedStatements"]
    assert matched["SourcePolicyId"] == "PolicyInputList.1"
    assert matched["SourcePolicyType"] == "IAM Policy"
    assert matched["StartPosition"] == {"Line": 1, "Column": 38}
    assert matched["EndPosition"] == {"Line": 1, "Column": 167}


def test_awscli_example_2_implicit_deny_exits_zero(tmp_path):
    response = simulate(awscli_request("2014-04-25T11:00:00Z"), tmp_path)
    (result,) = response["EvaluationResults"]
    assert result["EvalDecision"] == "implicitDeny"
    assert result["MatchedStatements"] == []
    assert result["MissingContextValues"] == []


def test_console_script_and_stdin(tmp_path):
    script = shutil.which("iamtui", path=str(Path(sys.executable).parent))
    assert script is not None
    response = simulate(awscli_request("2019-04-25T11:00:00Z"), tmp_path, stdin=True,
                        command=[script])
    assert response["EvaluationResults"][0]["EvalDecision"] == "allowed"


def test_file_url_input(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(awscli_request("2019-04-25T11:00:00Z")))
    done = subprocess.run([sys.executable, "-m", "tui.cli", "simulate", "--input",
                           f"file://{path}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["EvaluationResults"][0]["EvalDecision"] == "allowed"


def test_one_result_per_action_and_resource(tmp_path):
    actions = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::b/x", "arn:aws:s3:::b/y", "arn:aws:s3:::c/z"]
    request = {"PolicyInputList": [policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))],
               "ActionNames": actions, "ResourceArns": resources}
    results = simulate(request, tmp_path)["EvaluationResults"]
    assert sorted((r["EvalActionName"], r["EvalResourceName"]) for r in results) == \
        sorted(itertools.product(actions, resources))
    allowed = {(r["EvalActionName"], r["EvalResourceName"]) for r in results
               if r["EvalDecision"] == "allowed"}
    assert allowed == {("s3:GetObject", "arn:aws:s3:::b/x"), ("s3:GetObject", "arn:aws:s3:::b/y")}
    for result in results:
        assert {"EvalActionName", "EvalResourceName", "EvalDecision", "MatchedStatements",
                "MissingContextValues"} <= set(result)


def test_resource_arns_default_to_star(tmp_path):
    # API reference, ResourceArns: "If this parameter is not provided, then the value
    # defaults to * (all resources)."
    request = {"PolicyInputList": [policy(allow("s3:*", "arn:aws:s3:::b/*"))],
               "ActionNames": ["s3:GetObject"]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalResourceName"] == "*"
    assert result["EvalDecision"] == "implicitDeny"


def test_missing_context_values_listed(tmp_path):
    request = {"PolicyInputList": [policy(allow(
        "s3:*", Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))],
        "ActionNames": ["s3:GetObject"]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalDecision"] == "implicitDeny"
    assert result["MissingContextValues"] == ["aws:SourceIp"]


@pytest.mark.parametrize("entry,expected", [
    ({"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.7"],
      "ContextKeyType": "ip"}, "allowed"),
    ({"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["198.51.100.7"],
      "ContextKeyType": "ip"}, "implicitDeny"),
])
def test_context_entries(tmp_path, entry, expected):
    request = {"PolicyInputList": [policy(allow(
        "s3:*", Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))],
        "ActionNames": ["s3:GetObject"], "ContextEntries": [entry]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalDecision"] == expected
    assert result["MissingContextValues"] == []


def test_multivalued_context_entry(tmp_path):
    # Condition operators page: ForAnyValue is true when any one request value matches.
    request = {"PolicyInputList": [policy(allow(
        "ec2:CreateTags", Condition={"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}))],
        "ActionNames": ["ec2:CreateTags"],
        "ContextEntries": [{"ContextKeyName": "aws:TagKeys", "ContextKeyValues": ["env", "team"],
                            "ContextKeyType": "stringList"}]}
    assert simulate(request, tmp_path)["EvaluationResults"][0]["EvalDecision"] == "allowed"


def test_permissions_boundary(tmp_path):
    # Permissions boundaries page, the Shirley example: iam:CreateUser is not allowed.
    request = {"PolicyInputList": [policy(allow("iam:CreateUser"))],
               "PermissionsBoundaryPolicyInputList": [
                   policy(allow(["s3:*", "cloudwatch:*", "ec2:*"]))],
               "ActionNames": ["iam:CreateUser", "s3:ListAllMyBuckets"]}
    by_action = {r["EvalActionName"]: r for r in simulate(request, tmp_path)["EvaluationResults"]}
    create = by_action["iam:CreateUser"]
    assert create["EvalDecision"] == "implicitDeny"
    assert create["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}
    # allowed by the boundary, not by the identity policy
    s3 = by_action["s3:ListAllMyBuckets"]
    assert s3["EvalDecision"] == "implicitDeny"
    assert s3["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": True}


def test_resource_policy_with_caller(tmp_path):
    # Same account: a bucket policy naming the user allows with no identity allow
    # (evaluation-logic page, IAM user paragraph).
    bucket = policy(allow("s3:GetObject", "arn:aws:s3:::b/*", Principal={"AWS": USER}))
    request = {"PolicyInputList": [policy(allow("ec2:*"))], "ResourcePolicy": bucket,
               "CallerArn": USER, "ActionNames": ["s3:GetObject"],
               "ResourceArns": ["arn:aws:s3:::b/key"]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalDecision"] == "allowed"
    (matched,) = result["MatchedStatements"]
    assert matched["SourcePolicyId"] == "ResourcePolicy"
    assert matched["SourcePolicyType"] == "Resource Policy"
    assert result["ResourceSpecificResults"][0]["EvalResourceDecision"] == "allowed"


@pytest.mark.parametrize("principal,expected", [
    (USER, "allowed"),
    ("arn:aws:iam::111122223333:user/someone-else", "implicitDeny"),
])
def test_resource_owner_makes_it_cross_account(tmp_path, principal, expected):
    # ResourceOwner: "the owner of any simulated resource that does not identify its owner
    # in the resource ARN"; cross-account needs both sides (cross-account page).
    bucket = policy(allow("s3:GetObject", "arn:aws:s3:::b/*", Principal={"AWS": principal}))
    request = {"PolicyInputList": [policy(allow("s3:*"))], "ResourcePolicy": bucket,
               "CallerArn": USER, "ResourceOwner": "arn:aws:iam::444455556666:root",
               "ActionNames": ["s3:GetObject"], "ResourceArns": ["arn:aws:s3:::b/key"]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalDecision"] == expected
    assert result["EvalDecisionDetails"]  # "populated for only cross-account simulations"


def test_explicit_deny_lists_the_deny_statement(tmp_path):
    text = policy(allow("s3:*"), {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"})
    request = {"PolicyInputList": [text], "ActionNames": ["s3:DeleteObject"]}
    (result,) = simulate(request, tmp_path)["EvaluationResults"]
    assert result["EvalDecision"] == "explicitDeny"
    deny_end = text.index("}", text.index('"Deny"')) + 2   # 1-based, just after "}"
    assert {"Line": 1, "Column": deny_end} in [m["EndPosition"] for m in result["MatchedStatements"]]


def test_pagination(tmp_path):
    actions = [f"s3:Action{i}" for i in range(5)]
    base = {"PolicyInputList": [policy(allow("s3:*"))], "ActionNames": actions}
    everything = simulate(base, tmp_path)["EvaluationResults"]
    pages, marker = [], None
    while True:
        request = dict(base, MaxItems=2, **({"Marker": marker} if marker else {}))
        response = simulate(request, tmp_path)
        pages.append(response["EvaluationResults"])
        if not response["IsTruncated"]:
            assert "Marker" not in response
            break
        marker = response["Marker"]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [r for p in pages for r in p] == everything


BAD_INPUTS = {
    "malformed JSON file": ('{"PolicyInputList": [', "JSON"),
    "unknown parameter": ({"PolicyInputList": [policy(allow())], "ActionNames": ["s3:GetObject"],
                           "PolicyInputLists": []}, "PolicyInputLists"),
    "wrong type": ({"PolicyInputList": [policy(allow())], "ActionNames": "s3:GetObject"},
                   "ActionNames"),
    "missing ActionNames": ({"PolicyInputList": [policy(allow())]}, "ActionNames"),
    "malformed policy": ({"PolicyInputList": [policy(allow(
        Condition={"IpAddress": {"aws:SourceIp": "10.0.0.300"}}))],
        "ActionNames": ["s3:GetObject"]}, "10.0.0.300"),
    "ResourcePolicy without CallerArn": (
        {"PolicyInputList": [policy(allow())], "ActionNames": ["s3:GetObject"],
         "ResourcePolicy": policy(allow(Principal="*"))}, "CallerArn"),
    "bad ContextKeyType": (
        {"PolicyInputList": [policy(allow())], "ActionNames": ["s3:GetObject"],
         "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["1.2.3.4"],
                             "ContextKeyType": "ipaddress"}]}, "ipaddress"),
    "bad context value": (
        {"PolicyInputList": [policy(allow())], "ActionNames": ["s3:GetObject"],
         "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["nope"],
                             "ContextKeyType": "ip"}]}, "nope"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_paragraph(tmp_path, name):
    request, words = BAD_INPUTS[name]
    done = run(request, tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    message = done.stderr.strip()
    assert words in message
    assert "Traceback" not in message
    assert "\n\n" not in message


def test_nonexistent_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tui.cli", "simulate", "--input",
                           str(tmp_path / "missing.json")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "missing.json" in done.stderr
    assert "Traceback" not in done.stderr
