"""who_can on the demo account (store.demo): every principal AWS would allow, each with
the statement that allows it, and never an answer from before a change.

Expected decisions follow AWS's policy evaluation logic
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
an explicit Deny wins (alice's DenySecret); an Allow from an identity policy or a
same-account resource policy allows (EC2S3ReadRole through the bucket policy); the root
user needs no policy in its own account.
"""

import json

import pytest

from store import Store, demo
from store.who_can import who_can

OBJECT = f"{demo.BUCKET}/q3.csv"
SECRET = f"{demo.BUCKET}/secret/plans.txt"
EVERYONE = {("user", "admin"), ("user", "alice"), ("user", "bob"), ("user", "dave"),
            ("role", "EC2S3ReadRole"), ("role", "WebIdentityReadOnly"), ("root", "root")}


@pytest.fixture
def store(tmp_path):
    made = Store(str(tmp_path / "iam.json"))
    demo.build(made)
    return made


def allowed(store, action="s3:GetObject", resource=OBJECT, context=None) -> dict:
    return {(g.kind, g.name): g for g in who_can(store.view(), action, resource, context)}


def document(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def test_everyone_who_may_read_an_object_of_the_bucket(store):
    assert set(allowed(store)) == EVERYONE


def test_each_comes_with_the_statement_that_allows_it(store):
    grants = allowed(store)
    [through_group] = grants["user", "alice"].statements
    assert (through_group.policy, through_group.label, through_group.how) == (
        demo.DEVELOPER_POLICY, "TableAndBucket", "through group Developers")
    [direct] = grants["user", "bob"].statements
    assert (direct.policy, direct.how) == ("ReadOnlyAccess", "attached directly")
    assert grants["user", "admin"].statements[0].policy == "AdministratorAccess"
    assert grants["user", "bob"].arn == "arn:aws:iam::123456789012:user/bob"
    assert grants["role", "EC2S3ReadRole"].arn == \
        f"arn:aws:iam::123456789012:role/{demo.EC2_ROLE}"


def test_the_role_is_allowed_through_the_bucket_policy(store):
    grant = allowed(store)["role", "EC2S3ReadRole"]
    assert "EC2RoleReadsObjects" in [ref.label for ref in grant.statements]
    assert "resource-based policy" in grant.reason


def test_the_root_user_needs_no_statement(store):
    grant = allowed(store)["root", "root"]
    assert grant.statements == ()
    assert "root user" in grant.reason


def test_alices_inline_deny_keeps_her_out_of_the_secret_prefix(store):
    assert set(allowed(store, resource=SECRET)) == EVERYONE - {("user", "alice")}


def test_an_action_nobody_is_granted_but_the_root_user(store):
    assert set(allowed(store, "iam:CreateUser", "arn:aws:iam::123456789012:user/x")) == {
        ("user", "admin"), ("root", "root")}


def test_another_accounts_resource_is_allowed_to_nobody(store):
    # Cross-account: the owner's resource-based policy must allow too, and there is none.
    assert allowed(store, "sqs:SendMessage",
                   "arn:aws:sqs:us-east-1:999999999999:queue") == {}


def test_context_keys_the_person_supplies_count(store):
    store.call("CreateUser", {"UserName": "carol"})
    store.call("PutUserPolicy", {"UserName": "carol", "PolicyName": "FromOffice",
                                 "PolicyDocument": document({
                                     "Effect": "Allow", "Action": "sqs:SendMessage",
                                     "Resource": "*", "Condition": {"IpAddress": {
                                         "aws:SourceIp": "203.0.113.0/24"}}})})
    queue = "arn:aws:sqs:us-east-1:123456789012:jobs"
    assert ("user", "carol") not in allowed(store, "sqs:SendMessage", queue)
    assert ("user", "carol") in allowed(store, "sqs:SendMessage", queue,
                                        {"aws:SourceIp": "203.0.113.7"})


# --- never stale: each test asks once (so everything is compiled and kept), changes
# the account, and asks again.

def test_a_policy_attached_to_a_user_is_seen_at_once(store):
    store.call("CreateUser", {"UserName": "carol"})
    assert ("user", "carol") not in allowed(store)
    store.call("AttachUserPolicy", {"UserName": "carol",
                                    "PolicyArn": demo.AWS_MANAGED + "ReadOnlyAccess"})
    assert ("user", "carol") in allowed(store)


def test_a_new_default_version_of_a_managed_policy_is_seen_at_once(store):
    assert ("user", "dave") in allowed(store)
    arn = f"arn:aws:iam::123456789012:policy/{demo.DEVELOPER_POLICY}"
    store.call("CreatePolicyVersion", {"PolicyArn": arn, "SetAsDefault": True,
                                       "PolicyDocument": document({
                                           "Effect": "Allow", "Action": "dynamodb:*",
                                           "Resource": demo.TABLE})})
    grants = allowed(store)
    assert ("user", "dave") not in grants and ("user", "alice") not in grants


def test_leaving_a_group_is_seen_at_once(store):
    assert ("user", "dave") in allowed(store)
    store.call("RemoveUserFromGroup", {"GroupName": "Developers", "UserName": "dave"})
    assert ("user", "dave") not in allowed(store)


def test_a_changed_bucket_policy_is_seen_at_once(store):
    assert ("user", "bob") in allowed(store)
    store.put_resource_policy(demo.BUCKET, document({
        "Sid": "NotBob", "Effect": "Deny", "Action": "s3:*", "Resource": f"{demo.BUCKET}/*",
        "Principal": {"AWS": "arn:aws:iam::123456789012:user/bob"}}))
    grants = allowed(store)
    assert ("user", "bob") not in grants and ("user", "dave") in grants


def test_a_change_made_by_another_process_is_seen(store, tmp_path):
    assert ("user", "bob") in allowed(store)
    other = Store(str(tmp_path / "iam.json"))  # as another process would: its own state
    other.call("DetachUserPolicy", {"UserName": "bob",
                                    "PolicyArn": demo.AWS_MANAGED + "ReadOnlyAccess"})
    assert ("user", "bob") not in allowed(store)
