"""``iamtui can PRINCIPAL ACTION RESOURCE``, run as installed, on the demo account
(store/demo.py): verdict and reasons, principals named every way, --context, --json
(the SimulatePrincipalPolicy response shape:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html),
exit 0 allowed, 1 denied, 2 bad input."""

import json

import pytest

from store import demo

OBJECT = f"{demo.BUCKET}/report.csv"
SECRET = f"{demo.BUCKET}/secret/plans"


@pytest.fixture
def account(store):
    """The demo account in the command's file (built before the account exists)."""
    made = type(store)(store.path + ".demo")
    demo.build(made)
    return made


@pytest.fixture
def can(iamtui, account):
    def run(*args):
        return iamtui("--db", account.path, "can", *args, db=False)
    return run


def test_allowed_exits_0_with_the_reason(can):
    done = can("alice", "s3:GetObject", OBJECT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"ALLOWED: alice may s3:GetObject on {OBJECT}"
    assert ("  - statement TableAndBucket (Allow, line 3) of policy DeveloperTableAndBucket, "
            "through group Developers") in lines


def test_explicit_deny_exits_1(can):
    done = can("alice", "s3:GetObject", SECRET)
    assert done.returncode == 1
    assert done.stdout.startswith("EXPLICITLY DENIED: alice may not")
    assert "of policy DenySecret, inline on alice" in done.stdout
    assert "through group Developers" in done.stdout  # the Allow it overrode


def test_implicit_deny_shows_the_closest(can):
    done = can("bob", "s3:PutObject", OBJECT)
    assert done.returncode == 1
    assert done.stdout.startswith("IMPLICITLY DENIED")
    assert "it is for other actions than s3:PutObject" in done.stdout


@pytest.mark.parametrize("who", [
    "bob", "arn:aws:iam::123456789012:user/bob", demo.WEB_ROLE,
    f"arn:aws:iam::123456789012:role/{demo.WEB_ROLE}", "root"])
def test_principals_by_name_arn_and_root(can, who):
    done = can(who, "s3:GetObject", OBJECT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"ALLOWED: {who} may")


def test_principal_by_access_key_id(can, account):
    key = account.call("CreateAccessKey", {"UserName": "bob"})["AccessKey"]["AccessKeyId"]
    assert can(key, "s3:GetObject", OBJECT).returncode == 0
    assert can(key, "s3:PutObject", OBJECT).returncode == 1


@pytest.mark.parametrize("args, message", [
    (("nobody", "s3:GetObject", "*"), "No user or role named nobody"),
    (("AKIAIOSFODNN7EXAMPLE", "s3:GetObject", "*"), "No access key AKIAIOSFODNN7EXAMPLE"),
    (("bob", "s3:GetObject", "*", "--context", "aws:SourceIp=10.0.0.300,ip"),
     "is not a valid ip value"),
    # no type given: the catalog's type for the key (aws:SourceIp is an IPAddress key)
    (("bob", "s3:GetObject", "*", "--context", "aws:SourceIp=10.0.0.300"),
     "is not a valid ip value"),
    (("bob", "s3:GetObject", "*", "--context", "noequals"), "expected KEY=VALUE"),
    (("bob", "s3:GetObject", "*", "--context", "aws:SourceIp=1.2.3.4,5.6.7.8,ip"),
     "takes one value"),
])
def test_bad_input_exits_2_without_traceback(can, args, message):
    done = can(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_context_keys_change_the_answer(can, account):
    account.call("CreateUser", {"UserName": "erin"})
    account.call("PutUserPolicy", {"UserName": "erin", "PolicyName": "Office",
                                   "PolicyDocument": json.dumps({
                                       "Version": "2012-10-17", "Statement": [{
                                           "Effect": "Allow", "Action": "s3:*",
                                           "Resource": "*", "Condition": {
                                               "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                                               "ForAllValues:StringEquals": {
                                                   "aws:TagKeys": ["team", "project"]}}}]})})
    without = can("erin", "s3:GetObject", OBJECT)
    assert without.returncode == 1
    assert "the request has no aws:SourceIp" in without.stdout
    inside = can("erin", "s3:GetObject", OBJECT, "--context", "aws:SourceIp=203.0.113.7,ip",
                 "--context", "aws:TagKeys=team,project")
    assert inside.returncode == 0, inside.stdout
    other_tag = can("erin", "s3:GetObject", OBJECT, "--context", "aws:SourceIp=203.0.113.7,ip",
                    "--context", "aws:TagKeys=team,cost,stringList")
    assert other_tag.returncode == 1
    outside = can("erin", "s3:GetObject", OBJECT, "--context", "aws:SourceIp=198.51.100.1,ip")
    assert outside.returncode == 1
    assert "condition IpAddress aws:SourceIp is not met" in outside.stdout
    untyped = can("erin", "s3:GetObject", OBJECT, "--context", "aws:SourceIp=203.0.113.7",
                  "--context", "aws:TagKeys=team,project")   # typed from the catalog
    assert untyped.returncode == 0, untyped.stdout


def test_json_is_the_simulate_principal_policy_shape(can):
    done = can("alice", "s3:GetObject", SECRET, "--json")
    assert done.returncode == 1
    response = json.loads(done.stdout)
    assert response["IsTruncated"] is False
    [result] = response["EvaluationResults"]
    assert (result["EvalActionName"], result["EvalResourceName"], result["EvalDecision"]) == (
        "s3:GetObject", SECRET, "explicitDeny")
    deny, allow = result["MatchedStatements"]
    assert deny == {"SourcePolicyId": "user_alice_DenySecret", "SourcePolicyType": "IAM Policy",
                    "StartPosition": {"Line": 3, "Column": 17},
                    "EndPosition": {"Line": 9, "Column": 6}}
    assert allow["SourcePolicyId"] == demo.DEVELOPER_POLICY
    assert result["ResourceSpecificResults"][0]["EvalResourceDecision"] == "explicitDeny"


def test_json_resource_policy_and_missing_context(can):
    done = can(demo.EC2_ROLE, "s3:GetObject", OBJECT, "--json")
    assert done.returncode == 0
    [result] = json.loads(done.stdout)["EvaluationResults"]
    assert {(s["SourcePolicyId"], s["SourcePolicyType"]) for s in result["MatchedStatements"]} \
        == {(demo.BUCKET, "Resource Policy"),  # the object falls under its bucket's policy
            ("role_EC2S3ReadRole_ReadBucket", "IAM Policy")}


def test_help_documents_the_context_syntax(iamtui):
    done = iamtui("can", "--help", db=False)
    assert done.returncode == 0
    shown = " ".join(done.stdout.split())
    assert "aws:SourceIp=203.0.113.7 is an ip" in shown
    assert "gets its type from there" in shown
