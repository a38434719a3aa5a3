"""store.explain: the decision and the reasons a newcomer can follow, on the demo account
(store/demo.py). Expected decisions follow AWS's evaluation logic
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html)."""

import json

import pytest

from store import Store, demo
from store.analysis import principal
from store.explain import explain

BUCKET = demo.BUCKET


@pytest.fixture
def account(tmp_path):
    """The demo account, in a file of its own."""
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    return made


def told(store, who, action, resource, context=None):
    view = store.view()
    return explain(view, principal(view, who), action, resource, context)


def refs(statements):
    return [(ref.policy, ref.label, ref.effect, ref.how) for ref in statements]


def test_allowed_through_a_group(account):
    answer = told(account, "alice", "s3:GetObject", f"{BUCKET}/report.csv")
    assert answer.verdict == "ALLOWED"
    assert refs(answer.deciding) == [
        ("DeveloperTableAndBucket", "TableAndBucket", "Allow", "through group Developers")]
    assert answer.deciding[0].line == 3


def test_explicit_deny_inline_names_what_it_overrode(account):
    answer = told(account, "alice", "s3:GetObject", f"{BUCKET}/secret/plans")
    assert answer.verdict == "EXPLICITLY DENIED"
    assert refs(answer.deciding) == [("DenySecret", "DenySecret", "Deny", "inline on alice")]
    assert refs(answer.overridden) == [
        ("DeveloperTableAndBucket", "TableAndBucket", "Allow", "through group Developers")]
    assert "without the Deny, this would have allowed it:" in answer.lines()


def test_managed_policy_attached_directly_by_number(account):
    answer = told(account, "bob", "s3:GetObject", f"{BUCKET}/a")
    assert answer.verdict == "ALLOWED"
    assert refs(answer.deciding) == [("ReadOnlyAccess", "#1", "Allow", "attached directly")]


def test_implicit_deny_closest_lacks_the_action(account):
    answer = told(account, "bob", "s3:PutObject", f"{BUCKET}/a")
    assert answer.verdict == "IMPLICITLY DENIED"
    assert answer.reason == "no identity-based policy allows it"
    assert [miss.lacks for miss in answer.closest] == [
        ("it is for other actions than s3:PutObject",)]


def user_with_inline(store, name, *statements):
    store.call("CreateUser", {"UserName": name})
    store.call("PutUserPolicy", {"UserName": name, "PolicyName": "Inline", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17",
                                             "Statement": list(statements)})})


def test_implicit_deny_closest_lacks_the_resource(store):
    user_with_inline(store, "carol",
                     {"Sid": "Other", "Effect": "Allow", "Action": "ec2:*",
                      "Resource": "arn:aws:ec2:*:*:instance/*"},
                     {"Sid": "Logs", "Effect": "Allow", "Action": "s3:GetObject",
                      "Resource": "arn:aws:s3:::logs/*"})
    answer = told(store, "carol", "s3:GetObject", "arn:aws:s3:::data/x")
    assert answer.verdict == "IMPLICITLY DENIED"
    closest = answer.closest[0]
    assert (closest.statement.label, closest.statement.how) == ("Logs", "inline on carol")
    assert closest.lacks == ("it is for other resources than arn:aws:s3:::data/x",)
    assert answer.closest[1].statement.label == "Other" and len(answer.closest[1].lacks) == 2


def source_ip_user(store):
    user_with_inline(store, "erin", {"Sid": "FromOffice", "Effect": "Allow", "Action": "s3:*",
                                     "Resource": "*", "Condition": {"IpAddress": {
                                         "aws:SourceIp": "203.0.113.0/24"}}})


def test_implicit_deny_closest_lacks_a_condition_key(store):
    source_ip_user(store)
    answer = told(store, "erin", "s3:GetObject", "arn:aws:s3:::data/x")
    assert answer.verdict == "IMPLICITLY DENIED"
    assert answer.closest[0].lacks == (
        "condition IpAddress aws:SourceIp: the request has no aws:SourceIp",)
    assert answer.missing == ("aws:SourceIp",)


def test_context_changes_the_answer(store):
    source_ip_user(store)
    inside = told(store, "erin", "s3:GetObject", "*", {"aws:SourceIp": "203.0.113.9"})
    outside = told(store, "erin", "s3:GetObject", "*", {"aws:SourceIp": "198.51.100.1"})
    assert inside.verdict == "ALLOWED"
    assert outside.verdict == "IMPLICITLY DENIED"
    assert outside.closest[0].lacks == ("condition IpAddress aws:SourceIp is not met",)


def test_role_allowed_with_the_bucket_policy(account):
    answer = told(account, demo.EC2_ROLE, "s3:GetObject", f"{BUCKET}/a")
    assert answer.verdict == "ALLOWED"
    hows = {ref.how for ref in answer.deciding}
    assert hows == {"the resource's own policy", f"inline on {demo.EC2_ROLE}"}


def test_boundary_that_does_not_allow(store):
    boundary = store.call("CreatePolicy", {"PolicyName": "OnlyS3", "PolicyDocument": json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Sid": "S3", "Effect": "Allow",
                                                  "Action": "s3:*", "Resource": "*"}]})})
    store.call("CreateUser", {"UserName": "frank",
                              "PermissionsBoundary": boundary["Policy"]["Arn"]})
    store.call("AttachUserPolicy", {"UserName": "frank",
                                    "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})
    allowed = told(store, "frank", "s3:ListBucket", "*")
    assert allowed.verdict == "ALLOWED"
    assert ("OnlyS3", "S3", "Allow", "its permissions boundary") in refs(allowed.deciding)
    denied = told(store, "frank", "ec2:RunInstances", "*")
    assert denied.verdict == "IMPLICITLY DENIED"
    assert denied.reason == "the permissions boundary does not allow it"
    assert denied.closest[0].statement.how == "its permissions boundary"


def test_root_needs_no_policy(account):
    answer = told(account, "root", "s3:GetObject", f"{BUCKET}/a")
    assert answer.verdict == "ALLOWED"
    assert answer.reason == "the root user may do anything in its own account"
