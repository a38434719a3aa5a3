"""Managed policies and their versions through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html,
API_GetPolicy.html, API_ListPolicies.html, API_DeletePolicy.html,
API_CreatePolicyVersion.html, API_GetPolicyVersion.html, API_ListPolicyVersions.html,
API_DeletePolicyVersion.html, API_SetDefaultPolicyVersion.html, API_TagPolicy.html;
versions: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
"""

import json

import pytest

from store import Store
from calls import error

ACCOUNT = "123456789012"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def document(action: str = "s3:GetObject", resource: str = "*", effect: str = "Allow") -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": effect, "Action": action, "Resource": resource}]})


def create(store, name: str = "ReadS3", **params) -> dict:
    params.setdefault("PolicyDocument", document())
    return store.call("CreatePolicy", {"PolicyName": name, **params})["Policy"]


def stored(store, arn: str) -> dict:
    """The policy as the file holds it."""
    return store.view().get_managed_policy(arn)


# --- CreatePolicy / GetPolicy ---------------------------------------------------------

def test_create_policy_answers_as_aws(store):
    policy = create(store, Path="/team/", Description="read the bucket",
                    Tags=[{"Key": "team", "Value": "data"}])
    assert list(policy) == ["PolicyName", "PolicyId", "Arn", "Path", "DefaultVersionId",
                            "AttachmentCount", "PermissionsBoundaryUsageCount",
                            "IsAttachable", "CreateDate", "UpdateDate", "Tags"]
    assert policy["Arn"] == f"arn:aws:iam::{ACCOUNT}:policy/team/ReadS3"
    assert policy["PolicyId"].startswith("ANPA") and len(policy["PolicyId"]) == 21
    assert (policy["DefaultVersionId"], policy["AttachmentCount"], policy["IsAttachable"]) == \
        ("v1", 0, True)
    got = store.call("GetPolicy", {"PolicyArn": policy["Arn"]})["Policy"]
    assert got["Description"] == "read the bucket"
    assert got["Tags"] == [{"Key": "team", "Value": "data"}]
    saved = stored(store, policy["Arn"])
    assert saved["Versions"] == [{"VersionId": "v1", "Document": document(),
                                  "IsDefaultVersion": True, "CreateDate": saved["CreateDate"]}]


def test_policy_names_are_unique_in_the_account_whatever_path_or_case(store):
    create(store, "ReadS3")
    err = error(lambda: create(store, "reads3", Path="/other/"))
    assert (err.code, err.message) == (
        "EntityAlreadyExists",
        "A policy called reads3 already exists. Duplicate names are not allowed.")


def test_malformed_document_is_refused_and_nothing_is_stored(store):
    err = error(lambda: create(store, PolicyDocument='{"Version": "2012-10-17"}'))
    assert err.code == "MalformedPolicyDocument"
    assert store.call("ListPolicies", {"Scope": "Local"})["Policies"] == []


def test_document_size_counts_against_policy_size_quota(store):
    big = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject",
         "Resource": [f"arn:aws:s3:::bucket-{i:05d}/*" for i in range(300)]}]})
    err = error(lambda: create(store, PolicyDocument=big))
    assert (err.code, err.message) == ("LimitExceeded", "Cannot exceed quota for PolicySize: 6144")


def test_customer_policies_quota(store):
    store.set_quota("PoliciesQuota", 1)
    create(store, "One")
    err = error(lambda: create(store, "Two"))
    assert (err.code, err.message) == ("LimitExceeded",
                                       "Cannot exceed quota for PoliciesPerAccount: 1")


def test_unknown_policy(store):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/Nope"
    err = error(lambda: store.call("GetPolicy", {"PolicyArn": arn}))
    assert (err.code, err.message) == ("NoSuchEntity", f"Policy {arn} was not found.")


def test_counts_of_attachments_and_boundaries(store):
    arn = create(store)["Arn"]
    store.call("CreateUser", {"UserName": "alice", "PermissionsBoundary": arn})
    store.call("CreateUser", {"UserName": "bob"})
    store.call("CreateGroup", {"GroupName": "eng"})
    store.call("AttachUserPolicy", {"UserName": "bob", "PolicyArn": arn})
    store.call("AttachGroupPolicy", {"GroupName": "eng", "PolicyArn": arn})
    policy = store.call("GetPolicy", {"PolicyArn": arn})["Policy"]
    assert (policy["AttachmentCount"], policy["PermissionsBoundaryUsageCount"]) == (2, 1)


# --- ListPolicies ---------------------------------------------------------------------

def test_list_policies_by_scope(store):
    create(store, "ReadS3", Description="not listed", Tags=[{"Key": "k", "Value": "v"}])
    local = store.call("ListPolicies", {"Scope": "Local"})["Policies"]
    assert [p["PolicyName"] for p in local] == ["ReadS3"]
    assert "Description" not in local[0] and "Tags" not in local[0]
    aws = store.call("ListPolicies", {"Scope": "AWS"})["Policies"]
    assert ADMIN in {p["Arn"] for p in aws} and "ReadS3" not in {p["PolicyName"] for p in aws}
    everything = store.call("ListPolicies", {"MaxItems": 1000})["Policies"]
    assert len(everything) == len(aws) + 1
    names = [p["PolicyName"] for p in everything]
    assert names == sorted(names, key=str.lower)


def test_list_policies_only_attached_and_by_usage(store):
    boundary = create(store, "Boundary")["Arn"]
    create(store, "Unused")
    store.call("CreateUser", {"UserName": "alice", "PermissionsBoundary": boundary})
    store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": READ_ONLY})

    def names(**params):
        return [p["PolicyName"] for p in store.call("ListPolicies", params)["Policies"]]

    assert names(OnlyAttached=True) == ["ReadOnlyAccess"]
    assert names(PolicyUsageFilter="PermissionsBoundary") == ["Boundary"]
    assert names(OnlyAttached=True, PolicyUsageFilter="PermissionsPolicy") == ["ReadOnlyAccess"]
    assert names(Scope="Local", OnlyAttached=True) == []


def test_list_policies_by_path_prefix_and_pages(store):
    for name in ("C", "A", "B"):
        create(store, name, Path="/team/")
    create(store, "Elsewhere")
    team = store.call("ListPolicies", {"PathPrefix": "/team/"})["Policies"]
    assert [p["PolicyName"] for p in team] == ["A", "B", "C"]
    first = store.call("ListPolicies", {"PathPrefix": "/team/", "MaxItems": 2})
    assert first["IsTruncated"] and [p["PolicyName"] for p in first["Policies"]] == ["A", "B"]
    rest = store.call("ListPolicies", {"PathPrefix": "/team/", "Marker": first["Marker"]})
    assert [p["PolicyName"] for p in rest["Policies"]] == ["C"] and not rest["IsTruncated"]


# --- versions -------------------------------------------------------------------------

def test_a_new_default_version_answers_as_aws(store):
    arn = create(store)["Arn"]
    made = store.call("CreatePolicyVersion", {"PolicyArn": arn, "SetAsDefault": True,
                                              "PolicyDocument": document("s3:PutObject")})
    assert made["PolicyVersion"] == {"VersionId": "v2", "IsDefaultVersion": True,
                                     "CreateDate": made["PolicyVersion"]["CreateDate"]}
    got = store.call("GetPolicyVersion", {"PolicyArn": arn, "VersionId": "v2"})["PolicyVersion"]
    assert got["Document"] == document("s3:PutObject") and got["IsDefaultVersion"]
    assert store.call("GetPolicy", {"PolicyArn": arn})["Policy"]["DefaultVersionId"] == "v2"
    assert [v["IsDefaultVersion"] for v in stored(store, arn)["Versions"]] == [False, True]


def test_the_default_version_is_the_one_in_effect(store):
    arn = create(store, PolicyDocument=document("iam:ListAccountAliases"))["Arn"]
    store.call("CreatePolicyVersion", {"PolicyArn": arn, "SetAsDefault": True,
                                       "PolicyDocument": document("iam:GetAccountSummary")})
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": arn})
    alice = store.identity("alice")
    assert "SummaryMap" in store.call("GetAccountSummary", caller=alice)
    assert error(lambda: store.call("ListAccountAliases", caller=alice)).code == "AccessDenied"
    assert store.call("SetDefaultPolicyVersion", {"PolicyArn": arn, "VersionId": "v1"}) == {}
    assert stored(store, arn)["DefaultVersionId"] == "v1"
    assert store.call("ListAccountAliases", caller=alice)["AccountAliases"] == ["demo-corp"]
    assert error(lambda: store.call("GetAccountSummary", caller=alice)).code == "AccessDenied"


def test_a_policy_has_at_most_five_versions_and_numbers_are_not_reused(store):
    arn = create(store)["Arn"]
    for _ in range(4):
        store.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": document()})
    err = error(lambda: store.call("CreatePolicyVersion",
                                   {"PolicyArn": arn, "PolicyDocument": document()}))
    assert (err.code, err.message) == (
        "LimitExceeded", ("A managed policy can have up to 5 versions. Before you create a new "
                          "version, you must delete an existing version."))
    assert len(stored(store, arn)["Versions"]) == 5
    store.call("DeletePolicyVersion", {"PolicyArn": arn, "VersionId": "v3"})
    store.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": document()})
    listed = store.call("ListPolicyVersions", {"PolicyArn": arn})["Versions"]
    assert [v["VersionId"] for v in listed] == ["v6", "v5", "v4", "v2", "v1"]
    assert all("Document" not in v for v in listed)


def test_the_default_version_cannot_be_deleted(store):
    arn = create(store)["Arn"]
    err = error(lambda: store.call("DeletePolicyVersion", {"PolicyArn": arn, "VersionId": "v1"}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete the default version of a policy.")


@pytest.mark.parametrize("operation", ["GetPolicyVersion", "DeletePolicyVersion",
                                       "SetDefaultPolicyVersion"])
def test_unknown_version(store, operation):
    arn = create(store)["Arn"]
    err = error(lambda: store.call(operation, {"PolicyArn": arn, "VersionId": "v7"}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"Policy {arn} version v7 does not exist or is not attachable.")


def test_a_new_version_is_checked_like_the_first(store):
    arn = create(store)["Arn"]
    err = error(lambda: store.call("CreatePolicyVersion",
                                   {"PolicyArn": arn, "PolicyDocument": "{not json"}))
    assert err.code == "MalformedPolicyDocument"
    assert len(stored(store, arn)["Versions"]) == 1


# --- DeletePolicy ---------------------------------------------------------------------

def test_delete_policy_refused_while_attached_or_a_boundary(store):
    arn = create(store)["Arn"]
    store.call("CreateUser", {"UserName": "alice", "PermissionsBoundary": arn})
    err = error(lambda: store.call("DeletePolicy", {"PolicyArn": arn}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete a policy attached to entities.")
    store.call("DeleteUserPermissionsBoundary", {"UserName": "alice"})
    store.call("CreateRole", {"RoleName": "r", "AssumeRolePolicyDocument": trust()})
    store.call("AttachRolePolicy", {"RoleName": "r", "PolicyArn": arn})
    assert error(lambda: store.call("DeletePolicy", {"PolicyArn": arn})).code == "DeleteConflict"


def trust() -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"}]})


def test_delete_policy_after_deleting_its_other_versions(store):
    arn = create(store)["Arn"]
    store.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": document()})
    err = error(lambda: store.call("DeletePolicy", {"PolicyArn": arn}))
    assert (err.code, err.message) == (
        "DeleteConflict", ("This policy has more than one version. Before you delete a policy, "
                           "you must delete the policy's versions. The default version is "
                           "deleted with the policy."))
    store.call("DeletePolicyVersion", {"PolicyArn": arn, "VersionId": "v2"})
    assert store.call("DeletePolicy", {"PolicyArn": arn}) == {}
    assert error(lambda: store.call("GetPolicy", {"PolicyArn": arn})).code == "NoSuchEntity"
    assert Store(store.path).view().policy_by_name("ReadS3") is None


# --- tags -----------------------------------------------------------------------------

def test_tag_untag_and_list_policy_tags(store):
    arn = create(store, Tags=[{"Key": "team", "Value": "data"}])["Arn"]
    store.call("TagPolicy", {"PolicyArn": arn, "Tags": [{"Key": "TEAM", "Value": "ops"},
                                                        {"Key": "cost", "Value": "1"}]})
    tags = store.call("ListPolicyTags", {"PolicyArn": arn})["Tags"]
    assert tags == [{"Key": "TEAM", "Value": "ops"}, {"Key": "cost", "Value": "1"}]
    store.call("UntagPolicy", {"PolicyArn": arn, "TagKeys": ["team"]})
    assert stored(store, arn)["Tags"] == [{"Key": "cost", "Value": "1"}]


# --- AWS managed policies -------------------------------------------------------------

def test_aws_managed_policies_can_be_read(store):
    policy = store.call("GetPolicy", {"PolicyArn": ADMIN})["Policy"]
    assert (policy["PolicyName"], policy["IsAttachable"], policy["AttachmentCount"]) == \
        ("AdministratorAccess", True, 0)
    version = store.call("GetPolicyVersion", {"PolicyArn": ADMIN,
                                              "VersionId": policy["DefaultVersionId"]})
    assert json.loads(version["PolicyVersion"]["Document"])["Statement"][0]["Action"] == "*"
    versions = store.call("ListPolicyVersions", {"PolicyArn": ADMIN})["Versions"]
    assert [v["VersionId"] for v in versions] == [policy["DefaultVersionId"]]
    assert store.call("ListPolicyTags", {"PolicyArn": ADMIN})["Tags"] == []
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": ADMIN})
    assert store.call("GetPolicy", {"PolicyArn": ADMIN})["Policy"]["AttachmentCount"] == 1


@pytest.mark.parametrize("operation,params", [
    ("DeletePolicy", {}),
    ("CreatePolicyVersion", {"PolicyDocument": document()}),
    ("DeletePolicyVersion", {"VersionId": "v1"}),
    ("SetDefaultPolicyVersion", {"VersionId": "v1"}),
    ("TagPolicy", {"Tags": [{"Key": "k", "Value": "v"}]}),
    ("UntagPolicy", {"TagKeys": ["k"]}),
])
def test_aws_managed_policies_cannot_be_changed_even_by_root(store, operation, params):
    err = error(lambda: store.call(operation, {"PolicyArn": ADMIN, **params}))
    assert (err.code, err.message) == (
        "AccessDenied", (f"User: arn:aws:iam::{ACCOUNT}:root is not authorized to perform: "
                         f"iam:{operation} on resource: policy {ADMIN}"))
    assert store.audit_trail(event=operation)[0]["errorCode"] == "AccessDenied"


# --- callers other than root (last: they build on the operations above) ---------------

def test_a_user_is_authorized_as_aws_would(store):
    arn = create(store)["Arn"]
    store.call("CreateUser", {"UserName": "alice"})
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "read-one",
                                 "PolicyDocument": document("iam:GetPolicy*", arn)})
    alice = store.identity("alice")
    assert store.call("GetPolicy", {"PolicyArn": arn}, alice)["Policy"]["Arn"] == arn
    err = error(lambda: store.call("GetPolicy", {"PolicyArn": READ_ONLY}, alice))
    assert (err.code, err.message) == (
        "AccessDenied", (f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: "
                         f"iam:GetPolicy on resource: {READ_ONLY} because no identity-based "
                         "policy allows the iam:GetPolicy action"))
    err = error(lambda: store.call("CreatePolicy", {"PolicyName": "Other",
                                                    "PolicyDocument": document()}, alice))
    assert err.code == "AccessDenied"
    assert store.view().policy_by_name("Other") is None


def test_even_a_user_allowed_everything_cannot_change_an_aws_managed_policy(store):
    store.call("CreateUser", {"UserName": "admin"})
    store.call("AttachUserPolicy", {"UserName": "admin", "PolicyArn": ADMIN})
    admin = store.identity("admin")
    err = error(lambda: store.call("DeletePolicy", {"PolicyArn": ADMIN}, admin))
    assert err.message == (f"User: arn:aws:iam::{ACCOUNT}:user/admin is not authorized to "
                           f"perform: iam:DeletePolicy on resource: policy {ADMIN}")
    made = store.call("CreatePolicy", {"PolicyName": "Mine", "PolicyDocument": document()}, admin)
    assert made["Policy"]["PolicyName"] == "Mine"
    assert store.audit_trail(principal="admin", event="CreatePolicy")[0]["userIdentity"] == {
        "type": "IAMUser", "arn": f"arn:aws:iam::{ACCOUNT}:user/admin",
        "accountId": ACCOUNT, "userName": "admin"}
