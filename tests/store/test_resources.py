"""Other services' resource-based policies kept beside the account.

Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html;
S3 bucket policies (20 KB, object ARNs under the bucket's policy):
https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html;
the actions each service authorizes: the Service Authorization Reference
(https://docs.aws.amazon.com/service-authorization/latest/reference/).
"""

import json

import pytest

from store import IamError, Store
from store.resources import policy_for
from calls import error

ACCOUNT = "123456789012"
BUCKET = "arn:aws:s3:::reports"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db-AbCdEf"


def grant(resource: str, action: str = "s3:GetObject") -> str:
    """A resource-based policy letting the account's principals do ``action``."""
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": action, "Resource": resource}]})


def test_put_get_and_replace_a_bucket_policy(store):
    store.put_resource_policy(BUCKET, grant(f"{BUCKET}/*"))
    got = store.get_resource_policy(BUCKET)
    assert (got["Arn"], got["Policy"]) == (BUCKET, grant(f"{BUCKET}/*"))
    store.put_resource_policy(BUCKET, grant(f"{BUCKET}/public/*"))
    reopened = Store(store.path)
    assert reopened.get_resource_policy(BUCKET)["Policy"] == grant(f"{BUCKET}/public/*")
    assert [r["Arn"] for r in reopened.list_resources()] == [BUCKET]


def test_an_object_falls_under_its_buckets_policy(store):
    store.put_resource_policy(BUCKET, grant(f"{BUCKET}/*"))
    account = store.view()
    assert policy_for(account, f"{BUCKET}/2024/q1.csv") == grant(f"{BUCKET}/*")
    assert policy_for(account, BUCKET) == grant(f"{BUCKET}/*")
    assert policy_for(account, "arn:aws:s3:::other/x") is None
    assert policy_for(account, KEY) is None


def test_delete_a_policy(store):
    store.put_resource_policy(KEY, grant("*", "kms:Decrypt"))
    store.delete_resource_policy(KEY)
    assert store.list_resources() == []
    err = error(lambda: store.get_resource_policy(KEY))
    assert (err.code, err.message) == ("NoSuchEntity",
                                       f"The resource {KEY} has no resource-based policy.")
    assert error(lambda: store.delete_resource_policy(KEY)).code == "NoSuchEntity"


@pytest.mark.parametrize("arn,message", [
    ("reports", "ARN reports is not valid."),
    ("arn:aws:sqs:us-east-1:12345:queue", "ARN arn:aws:sqs:us-east-1:12345:queue is not valid."),
    ("arn:aws:s3:::Bad_Bucket", "ARN arn:aws:s3:::Bad_Bucket is not valid."),
    (f"{BUCKET}/a.txt", (f"{BUCKET}/a.txt is an object; a bucket policy belongs to its bucket "
                         f"{BUCKET}.")),
    (f"arn:aws:iam::{ACCOUNT}:role/r", (f"arn:aws:iam::{ACCOUNT}:role/r is an IAM resource; a "
                                        "role's trust policy is set with UpdateAssumeRolePolicy.")),
])
def test_resource_arns_are_checked(store, arn, message):
    err = error(lambda: store.put_resource_policy(arn, grant("*")))
    assert (err.code, err.message) == ("InvalidInput", message)
    assert store.list_resources() == []


def test_a_resource_policy_must_name_a_principal(store):
    identity_style = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"}]})
    err = error(lambda: store.put_resource_policy(BUCKET, identity_style))
    assert err.code == "MalformedPolicyDocument" and "Principal" in err.message
    assert store.list_resources() == []


def test_a_resource_policy_is_limited_to_20480_characters(store):
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": [f"{BUCKET}/prefix-{i:05d}/*" for i in range(700)]}
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    assert len(text) > 20_480
    err = error(lambda: store.put_resource_policy(BUCKET, text))
    assert err.code == "LimitExceeded" and "20,480" in err.message


def test_changes_are_in_the_audit_trail_as_the_service_records_them(store):
    store.put_resource_policy(BUCKET, grant(f"{BUCKET}/*"))
    [put] = store.audit_trail(event="PutBucketPolicy")
    assert (put["eventSource"], put["userIdentity"]["type"], "errorCode" in put) == (
        "s3.amazonaws.com", "Root", False)
    assert put["requestParameters"] == {"resourceArn": BUCKET, "policy": grant(f"{BUCKET}/*")}


def test_a_refused_change_is_audited_with_its_error(store):
    with pytest.raises(IamError):
        store.put_resource_policy(KEY, "{")
    [record] = store.audit_trail(event="PutKeyPolicy")
    assert (record["eventSource"], record["errorCode"]) == ("kms.amazonaws.com",
                                                            "MalformedPolicyDocument")


# --- callers other than root (last: they build on IAM's own operations) ---------------

def user_allowed(store, name: str, *statements: dict):
    """A user whose one inline policy holds ``statements``; its identity."""
    store.call("CreateUser", {"UserName": name})
    store.call("PutUserPolicy", {"UserName": name, "PolicyName": "access", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17",
                                             "Statement": list(statements)})})
    return store.identity(name)


def allow(action: str, resource: str) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def test_a_user_is_authorized_with_the_services_own_actions(store):
    alice = user_allowed(store, "alice", allow("s3:PutBucketPolicy", BUCKET),
                         allow("kms:GetKeyPolicy", KEY))
    store.put_resource_policy(BUCKET, grant(f"{BUCKET}/*"), alice)
    store.put_resource_policy(KEY, grant("*", "kms:Decrypt"))
    assert store.get_resource_policy(KEY, alice)["Arn"] == KEY
    err = error(lambda: store.get_resource_policy(BUCKET, alice))
    assert (err.code, err.message) == (
        "AccessDenied", (f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: "
                         f"s3:GetBucketPolicy on resource: {BUCKET} because no identity-based "
                         "policy allows the s3:GetBucketPolicy action"))
    assert error(lambda: store.put_resource_policy(KEY, grant("*"), alice)).message.startswith(
        f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: kms:PutKeyPolicy")
    assert error(lambda: store.delete_resource_policy(BUCKET, alice)).code == "AccessDenied"
    assert [r["Arn"] for r in store.list_resources(alice)] == [KEY]
    assert [r["Arn"] for r in store.list_resources()] == [KEY, BUCKET]


def test_other_services_use_their_resource_policy_actions(store):
    bob = user_allowed(store, "bob", allow("secretsmanager:PutResourcePolicy", SECRET),
                       {"Effect": "Deny", "Action": "secretsmanager:DeleteResourcePolicy",
                        "Resource": "*"})
    store.put_resource_policy(SECRET, grant("*", "secretsmanager:GetSecretValue"), bob)
    err = error(lambda: store.delete_resource_policy(SECRET, bob))
    assert err.message.endswith("with an explicit deny in an identity-based policy")
    assert store.get_resource_policy(SECRET)["Arn"] == SECRET
    [record] = store.audit_trail(principal="bob", event="DeleteResourcePolicy")
    assert record["errorCode"] == "AccessDenied"
