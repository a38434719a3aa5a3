"""what_can (store/what_can.py) on the demo account (store/demo.py): the seed's
policies, AWS's managed AdministratorAccess and ReadOnlyAccess."""

import json

import pytest

from store import Store, catalog, demo
from store.errors import NoSuchEntity
from store.what_can import Scope, what_can

BUCKET = demo.BUCKET


@pytest.fixture
def account(tmp_path):
    made = Store(str(tmp_path / "demo.json"))
    demo.build(made)
    return made.view()


def permissions(account, name, **kwargs) -> dict:
    _, found = what_can(account, name, **kwargs)
    return {p.action.full_name: p for p in found}


def test_alice_gets_objects_in_the_bucket_except_the_secret_prefix(account):
    s3 = permissions(account, "alice", service="s3")
    # DeveloperTableAndBucket allows s3:* on the bucket and its objects; DenySecret
    # takes away bucket-name/secret/*; NothingElse (NotResource) leaves these alone.
    assert s3["s3:GetObject"].scopes == (
        Scope(BUCKET), Scope(f"{BUCKET}/*", (f"{BUCKET}/secret/*",)))
    assert all(p.action.service == "s3" for p in s3.values())


def with_policy(store, name, *statements):
    store.call("CreateUser", {"UserName": name})
    store.call("PutUserPolicy", {"UserName": name, "PolicyName": "p", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17", "Statement": statements})})
    return permissions(store.view(), name, service="s3")


def test_a_deny_on_everything_removes_the_action(store):
    s3 = with_policy(store, "carol", {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                     {"Effect": "Deny", "Action": "s3:Put*", "Resource": "*"},
                     {"Effect": "Deny", "Action": "s3:Get*", "Resource": "arn:aws:s3:::*"})
    assert "s3:PutObject" not in s3
    assert s3["s3:GetObject"].scopes == (Scope("*", ("arn:aws:s3:::*",)),)


def test_not_resource_deny_narrows_a_broad_allow(store):
    s3 = with_policy(store, "erin", {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                     {"Effect": "Deny", "Action": "s3:*", "NotResource": f"{BUCKET}/*"})
    assert s3["s3:GetObject"].scopes == (Scope(f"{BUCKET}/*"),)


def test_a_conditional_allow_is_marked_and_a_conditional_deny_never_removes(store):
    s3 = with_policy(store, "finn", {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                                     "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
                     {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
                      "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})
    assert s3["s3:GetObject"].scopes == (Scope("*", (), True),)


def test_bob_with_read_only_access_can_list_and_get_but_not_put(account):
    s3 = permissions(account, "bob", service="s3")
    assert {"s3:GetObject", "s3:ListBucket"} <= set(s3)
    assert "s3:PutObject" not in s3 and "s3:DeleteObject" not in s3
    assert {p.action.access_level for p in s3.values()} <= {"Read", "List"}


def test_admin_can_every_action_of_a_service(account):
    iam = permissions(account, "admin", service="iam")
    assert set(iam) == {a.full_name for a in catalog.expand("iam:*")}
    assert iam["iam:CreateUser"].scopes == (Scope("*"),)


def test_a_resource_narrows_to_the_actions_decided_allowed_on_it(account):
    secret = permissions(account, "alice", service="s3", resource=f"{BUCKET}/secret/a")
    assert secret == {}
    report = permissions(account, "alice", service="s3", resource=f"{BUCKET}/report")
    assert "s3:GetObject" in report and "s3:PutObject" in report
    assert "s3:CreateBucket" in report  # its ARN shape (arn:aws:s3:::*) matches objects too
    assert "s3:ListAllMyBuckets" not in report  # acts on no resource: "*" only
    assert report["s3:GetObject"].scopes == (Scope(f"{BUCKET}/report"),)


def test_a_resource_policy_counts_when_a_resource_is_given(account):
    # EC2S3ReadRole's own ReadBucket and the bucket policy both allow GetObject.
    role = permissions(account, demo.EC2_ROLE, resource=f"{BUCKET}/x")
    assert set(role) == {"s3:GetObject", "s3:ListBucket"}


def test_unknown_principal_or_service_is_no_such_entity(account):
    with pytest.raises(NoSuchEntity):
        what_can(account, "nobody")
    with pytest.raises(NoSuchEntity):
        what_can(account, "bob", service="nope")
