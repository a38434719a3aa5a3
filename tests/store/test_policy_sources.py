"""store.policy_sources: the stored document each statement of a decision is in, on the
demo account (store/demo.py) with a group inline policy and a permissions boundary
added; and store.context_types, the ContextKeyType a condition key is read as
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html)."""

import json

import pytest

from store import Store, demo
from store.analysis import principal
from store.context_types import context_type
from store.explain import explain
from store.policy_sources import INLINE, MANAGED, PolicySource, source_of

BUCKET = demo.BUCKET
POLICY_ARN = f"arn:aws:iam::{demo.ACCOUNT_ID}:policy/{demo.DEVELOPER_POLICY}"
S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
READ_LOGS = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Logs", "Effect": "Allow", "Action": "logs:*", "Resource": "*"}]})


@pytest.fixture
def account(tmp_path):
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    made.call("PutGroupPolicy", {"GroupName": "Developers", "PolicyName": "ReadLogs",
                                 "PolicyDocument": READ_LOGS})
    made.call("PutUserPermissionsBoundary", {"UserName": "dave",
                                             "PermissionsBoundary": S3_READ})
    return made


def sources(store, who, action, resource, which="deciding"):
    view = store.view()
    identity = principal(view, who)
    told = explain(view, identity, action, resource)
    return [source_of(view, identity, ref) for ref in getattr(told, which)]


def test_inline_on_the_user_managed_through_a_group(account):
    assert sources(account, "alice", "s3:GetObject", f"{BUCKET}/secret/x") == [
        PolicySource(INLINE, "DenySecret", "", "user", "alice")]
    assert sources(account, "alice", "s3:GetObject", f"{BUCKET}/secret/x", "overridden") == [
        PolicySource(MANAGED, demo.DEVELOPER_POLICY, POLICY_ARN)]


def test_inline_on_a_group_and_the_permissions_boundary(account):
    assert sources(account, "alice", "logs:GetLogEvents", "*") == [
        PolicySource(INLINE, "ReadLogs", "", "group", "Developers")]
    # Developers may put objects in the bucket, but dave's boundary only reads: the
    # boundary's statements are the closest, and they are the boundary's policy
    view = account.view()
    identity = principal(view, "dave")
    told = explain(view, identity, "s3:PutObject", f"{BUCKET}/x")
    assert told.verdict == "IMPLICITLY DENIED"
    assert {source_of(view, identity, miss.statement) for miss in told.closest} == {
        PolicySource(MANAGED, "AmazonS3ReadOnlyAccess", S3_READ)}


def test_the_resource_policy_and_a_role_inline(account):
    assert sources(account, demo.EC2_ROLE, "s3:GetObject", f"{BUCKET}/x") == [
        PolicySource("resource", BUCKET, BUCKET),
        PolicySource(INLINE, "ReadBucket", "", "role", demo.EC2_ROLE)]


def test_a_policy_gone_since_the_decision_has_no_source(account):
    view = account.view()
    identity = principal(view, "alice")
    ref = explain(view, identity, "s3:GetObject", f"{BUCKET}/secret/x").deciding[0]
    account.call("DeleteUserPolicy", {"UserName": "alice", "PolicyName": "DenySecret"})
    assert source_of(account.view(), identity, ref) is None


@pytest.mark.parametrize("key, expected", [
    ("aws:SourceIp", "ip"), ("aws:MultiFactorAuthPresent", "boolean"),
    ("aws:MultiFactorAuthAge", "numeric"), ("aws:CurrentTime", "date"),
    ("aws:TagKeys", "stringList"), ("aws:PrincipalTag/team", "string"),
    ("aws:PrincipalArn", "string"),   # ARN keys: the simulator has no ARN type
    ("s3:prefix", "string"), ("AWS:SOURCEIP", "ip"), ("nosuch:Key", None),
])
def test_context_type_from_the_catalog(key, expected):
    assert context_type(key) == expected
