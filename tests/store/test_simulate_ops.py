"""SimulatePrincipalPolicy and SimulateCustomPolicy as store operations, and through
``iamtui iam simulate-principal-policy`` / ``simulate-custom-policy`` in a subprocess.
Behaviour: https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
(a user's policies and its groups', a group's, a role's; PolicyInputList added;
PermissionsBoundaryPolicyInputList replaces the entity's boundary; CallerArn needed with
a ResourcePolicy unless the source is a user)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store import IamError, Store, demo

ACCOUNT = demo.ACCOUNT_ID
OBJECT = f"{demo.BUCKET}/a"
SECRET = f"{demo.BUCKET}/secret/b"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
DEVELOPERS = f"arn:aws:iam::{ACCOUNT}:group/Developers"
EC2_ROLE = f"arn:aws:iam::{ACCOUNT}:role/{demo.EC2_ROLE}"


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


@pytest.fixture
def account(tmp_path):
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    return made


def decisions(response):
    return [(r["EvalActionName"], r["EvalResourceName"], r["EvalDecision"])
            for r in response["EvaluationResults"]]


def simulate(account, **params):
    return account.call("SimulatePrincipalPolicy", params)


def test_user_gets_its_groups_policies_and_its_own(account):
    response = simulate(account, PolicySourceArn=ALICE,
                        ActionNames=["s3:GetObject", "ec2:RunInstances"],
                        ResourceArns=[OBJECT, SECRET])
    assert decisions(response) == [
        ("s3:GetObject", OBJECT, "allowed"), ("s3:GetObject", SECRET, "explicitDeny"),
        ("ec2:RunInstances", OBJECT, "implicitDeny"),
        ("ec2:RunInstances", SECRET, "implicitDeny")]
    denied = response["EvaluationResults"][1]["MatchedStatements"]
    assert [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in denied] == [
        ("user_alice_DenySecret", "IAM Policy"), (demo.DEVELOPER_POLICY, "IAM Policy")]


def test_group_gets_only_the_groups_policies(account):
    response = simulate(account, PolicySourceArn=DEVELOPERS, ActionNames=["s3:GetObject"],
                        ResourceArns=[SECRET])
    assert decisions(response) == [("s3:GetObject", SECRET, "allowed")]  # no DenySecret


def test_role_and_extra_policies(account):
    read = simulate(account, PolicySourceArn=EC2_ROLE, ActionNames=["s3:PutObject"])
    assert decisions(read) == [("s3:PutObject", "*", "implicitDeny")]
    extra = simulate(account, PolicySourceArn=EC2_ROLE, ActionNames=["s3:PutObject"],
                     PolicyInputList=[document({"Effect": "Allow", "Action": "s3:Put*",
                                                "Resource": "*"})])
    [result] = extra["EvaluationResults"]
    assert result["EvalDecision"] == "allowed"
    assert result["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.1"


def test_boundary_input_limits_the_entity(account):
    response = simulate(account, PolicySourceArn=ALICE, ActionNames=["s3:GetObject"],
                        ResourceArns=[OBJECT],
                        PermissionsBoundaryPolicyInputList=[document(
                            {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"})])
    [result] = response["EvaluationResults"]
    assert result["EvalDecision"] == "implicitDeny"
    assert result["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}


def test_resource_policy_and_caller(account):
    policy = document({"Effect": "Allow", "Principal": {"AWS": ALICE}, "Action": "sqs:*",
                       "Resource": "*"})
    response = simulate(account, PolicySourceArn=ALICE, ActionNames=["sqs:SendMessage"],
                        ResourceArns=[f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"],
                        ResourcePolicy=policy)
    [result] = response["EvaluationResults"]
    assert result["EvalDecision"] == "allowed"
    assert result["MatchedStatements"][0]["SourcePolicyType"] == "Resource Policy"
    with pytest.raises(IamError) as raised:
        simulate(account, PolicySourceArn=EC2_ROLE, ActionNames=["sqs:SendMessage"],
                 ResourcePolicy=policy)
    assert raised.value.code == "InvalidInput" and "CallerArn" in raised.value.message


def test_context_entries_and_missing_values(account):
    policy = document({"Effect": "Allow", "Action": "sqs:*", "Resource": "*",
                       "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
    params = {"PolicySourceArn": DEVELOPERS, "ActionNames": ["sqs:ListQueues"],
              "PolicyInputList": [policy]}
    without = simulate(account, **params)["EvaluationResults"][0]
    assert (without["EvalDecision"], without["MissingContextValues"]) == (
        "implicitDeny", ["aws:MultiFactorAuthPresent"])
    given = simulate(account, **params, ContextEntries=[{
        "ContextKeyName": "aws:MultiFactorAuthPresent", "ContextKeyValues": ["true"],
        "ContextKeyType": "boolean"}])["EvaluationResults"][0]
    assert given["EvalDecision"] == "allowed"


def test_paging(account):
    first = simulate(account, PolicySourceArn=ALICE, MaxItems=2,
                     ActionNames=["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
    assert first["IsTruncated"] is True and len(first["EvaluationResults"]) == 2
    rest = simulate(account, PolicySourceArn=ALICE, MaxItems=2, Marker=first["Marker"],
                    ActionNames=["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
    assert rest["IsTruncated"] is False and len(rest["EvaluationResults"]) == 1


@pytest.mark.parametrize("source", [f"arn:aws:iam::{ACCOUNT}:user/nobody",
                                    f"arn:aws:iam::{ACCOUNT}:policy/x",
                                    f"arn:aws:iam::{ACCOUNT}:user/other/alice"])
def test_unknown_source_is_no_such_entity(account, source):
    with pytest.raises(IamError) as raised:
        simulate(account, PolicySourceArn=source, ActionNames=["s3:GetObject"])
    assert raised.value.code == "NoSuchEntity"


def test_authorized_against_the_source(account):
    dave = account.identity("dave")  # only the Developers' table and bucket
    with pytest.raises(IamError) as raised:
        account.call("SimulatePrincipalPolicy", {"PolicySourceArn": ALICE,
                                                 "ActionNames": ["s3:GetObject"]}, dave)
    assert raised.value.code == "AccessDenied"
    assert f"iam:SimulatePrincipalPolicy on resource: {ALICE}" in raised.value.message


SCRIPT = shutil.which("iamtui", path=str(Path(sys.executable).parent))


def iamtui(account, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return subprocess.run([SCRIPT, "--db", account.path, "iam", *args], check=False,
                          capture_output=True, text=True, timeout=120, env=env)


def test_cli_simulate_principal_policy(account):
    done = iamtui(account, "simulate-principal-policy", "--policy-source-arn", ALICE,
                  "--action-names", "s3:GetObject", "s3:PutObject", "--resource-arns", SECRET,
                  "--context-entries",
                  "ContextKeyName=aws:SourceIp,ContextKeyValues=10.0.0.1,ContextKeyType=ip")
    assert done.returncode == 0, done.stderr
    response = json.loads(done.stdout)
    assert [r["EvalDecision"] for r in response["EvaluationResults"]] == ["explicitDeny"] * 2
    missing = iamtui(account, "simulate-principal-policy", "--policy-source-arn",
                     f"arn:aws:iam::{ACCOUNT}:user/nobody", "--action-names", "s3:GetObject")
    assert missing.returncode == 254
    assert "(NoSuchEntity) when calling the SimulatePrincipalPolicy operation" in missing.stderr


def test_cli_simulate_custom_policy(account):
    policy = document({"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"})
    done = iamtui(account, "simulate-custom-policy", "--policy-input-list", policy,
                  "--action-names", "dynamodb:CreateBackup", "s3:GetObject")
    assert done.returncode == 0, done.stderr
    assert [r["EvalDecision"] for r in json.loads(done.stdout)["EvaluationResults"]] == [
        "allowed", "implicitDeny"]
    bad = iamtui(account, "simulate-custom-policy", "--policy-input-list", "{",
                 "--action-names", "s3:GetObject")
    assert bad.returncode == 254
    assert "(InvalidInput) when calling the SimulateCustomPolicy operation" in bad.stderr
