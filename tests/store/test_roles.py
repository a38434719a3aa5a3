"""IAM roles through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html,
API_GetRole.html, API_ListRoles.html, API_UpdateRole.html, API_UpdateRoleDescription.html,
API_UpdateAssumeRolePolicy.html, API_DeleteRole.html, API_TagRole.html, API_UntagRole.html,
API_ListRoleTags.html, API_PutRolePermissionsBoundary.html,
API_DeleteRolePermissionsBoundary.html; quotas:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (a trust policy
is at most 2,048 characters, white space not counted).
"""

import json

import pytest

from calls import error

ACCOUNT = "123456789012"
BOUNDARY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})


def create(store, name="app", caller=None, **params) -> dict:
    return store.call("CreateRole", {"RoleName": name, "AssumeRolePolicyDocument": TRUST,
                                     **params}, caller)["Role"]


def stored(store, name: str) -> dict:
    return store.view().find("role", name)


def test_create_role_answers_as_aws(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    role = create(store, "app", Path="/svc/", Description="web tier")
    assert list(role) == ["Path", "RoleName", "RoleId", "Arn", "CreateDate",
                          "AssumeRolePolicyDocument", "Description", "MaxSessionDuration"]
    assert role["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/svc/app"
    assert role["RoleId"].startswith("AROA") and len(role["RoleId"]) == 21
    assert role["AssumeRolePolicyDocument"] == TRUST
    assert role["MaxSessionDuration"] == 3600
    assert store.call("GetRole", {"RoleName": "APP"})["Role"] == role


def test_create_role_stores_every_field(store):
    create(store, "app", MaxSessionDuration=43200, PermissionsBoundary=BOUNDARY,
           Tags=[{"Key": "team", "Value": "blue"}])
    kept = stored(store, "app")
    assert kept["MaxSessionDuration"] == 43200
    assert kept["PermissionsBoundary"] == {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                           "PermissionsBoundaryArn": BOUNDARY}
    assert kept["Tags"] == [{"Key": "team", "Value": "blue"}]
    assert (kept["AttachedPolicies"], kept["InlinePolicies"]) == ([], {})


def test_role_names_are_unique_whatever_the_case(store):
    create(store, "App")
    err = error(lambda: create(store, "app"))
    assert (err.code, err.message) == ("EntityAlreadyExists", "Role with name app already exists.")


def test_unknown_role(store):
    err = error(lambda: store.call("GetRole", {"RoleName": "ghost"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The role with name ghost cannot be found.")


@pytest.mark.parametrize("document,fragment", [
    # A trust policy names who may assume the role, and applies to the role itself
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
    ({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}, "Principal"),
    ({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
                     "Resource": "*"}]}, "Resource"),
    ("{not json", "invalid JSON"),
])
def test_a_malformed_trust_policy_is_refused(store, document, fragment):
    text = document if isinstance(document, str) else json.dumps(document)
    err = error(lambda: store.call("CreateRole", {"RoleName": "app",
                                                  "AssumeRolePolicyDocument": text}))
    assert err.code == "MalformedPolicyDocument" and fragment in err.message
    assert stored(store, "app") is None


def test_a_trust_policy_is_at_most_2048_characters_without_white_space(store):
    principals = [f"arn:aws:iam::{ACCOUNT}:user/user{n:04}" for n in range(60)]
    big = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": principals}, "Action": "sts:AssumeRole"}]})
    err = error(lambda: store.call("CreateRole", {"RoleName": "app",
                                                  "AssumeRolePolicyDocument": big}))
    assert err.code == "LimitExceeded"
    assert err.message.startswith("Cannot exceed quota for AssumeRolePolicySize: 2048")
    padded = TRUST.replace(" ", " " * 300)
    assert len(padded) > 2048
    assert create(store, "app", AssumeRolePolicyDocument=padded)["RoleName"] == "app"


@pytest.mark.parametrize("seconds", [3599, 43201])
def test_max_session_duration_is_one_to_twelve_hours(store, seconds):
    err = error(lambda: create(store, "app", MaxSessionDuration=seconds))
    assert err.code == "ValidationError" and "maxSessionDuration" in err.message


def test_list_roles_leaves_out_tags_and_boundary_by_path_and_pages(store):
    # API_ListRoles.html: "does not return ... PermissionsBoundary, RoleLastUsed, Tags"
    create(store, "web", Path="/svc/", Tags=[{"Key": "team", "Value": "blue"}],
           PermissionsBoundary=BOUNDARY)
    create(store, "Batch", Path="/svc/")
    create(store, "admin")
    roles = store.call("ListRoles")["Roles"]
    assert [r["RoleName"] for r in roles] == ["admin", "Batch", "web"]
    assert "Tags" not in roles[2] and "PermissionsBoundary" not in roles[2]
    assert roles[2]["AssumeRolePolicyDocument"] == TRUST
    svc = store.call("ListRoles", {"PathPrefix": "/svc/"})["Roles"]
    assert [r["RoleName"] for r in svc] == ["Batch", "web"]
    first = store.call("ListRoles", {"MaxItems": 2})
    rest = store.call("ListRoles", {"Marker": first["Marker"]})
    assert first["IsTruncated"] and [r["RoleName"] for r in rest["Roles"]] == ["web"]


def test_update_role_changes_only_what_it_names(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
    create(store, "app", Description="web tier", MaxSessionDuration=7200)
    assert store.call("UpdateRole", {"RoleName": "app", "MaxSessionDuration": 14400}) == {}
    assert (stored(store, "app")["Description"], stored(store, "app")["MaxSessionDuration"]) == (
        "web tier", 14400)
    store.call("UpdateRole", {"RoleName": "App", "Description": "api tier"})
    assert (stored(store, "app")["Description"], stored(store, "app")["MaxSessionDuration"]) == (
        "api tier", 14400)


def test_update_role_description_answers_with_the_role(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html
    create(store, "app")
    role = store.call("UpdateRoleDescription", {"RoleName": "app", "Description": "new"})["Role"]
    assert role["Description"] == "new" and role["RoleName"] == "app"
    assert stored(store, "app")["Description"] == "new"


def test_update_assume_role_policy_replaces_a_valid_document_only(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
    create(store, "app")
    lambda_trust = TRUST.replace("ec2", "lambda")
    store.call("UpdateAssumeRolePolicy", {"RoleName": "app", "PolicyDocument": lambda_trust})
    assert stored(store, "app")["AssumeRolePolicyDocument"] == lambda_trust
    identity_policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
    err = error(lambda: store.call("UpdateAssumeRolePolicy",
                                   {"RoleName": "app", "PolicyDocument": identity_policy}))
    assert err.code == "MalformedPolicyDocument"
    assert stored(store, "app")["AssumeRolePolicyDocument"] == lambda_trust


def test_delete_role_refuses_while_policies_remain(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
    create(store, "app")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    store.call("PutRolePolicy", {"RoleName": "app", "PolicyName": "read",
                                 "PolicyDocument": policy})
    store.call("AttachRolePolicy", {"RoleName": "app", "PolicyArn": BOUNDARY})
    err = error(lambda: store.call("DeleteRole", {"RoleName": "app"}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete entity, must delete policies first.")
    store.call("DeleteRolePolicy", {"RoleName": "app", "PolicyName": "read"})
    err = error(lambda: store.call("DeleteRole", {"RoleName": "app"}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete entity, must detach all policies first.")
    store.call("DetachRolePolicy", {"RoleName": "app", "PolicyArn": BOUNDARY})
    store.call("DeleteRole", {"RoleName": "APP"})
    assert stored(store, "app") is None


def test_tags_add_replace_remove(store):
    # API_TagRole.html, API_UntagRole.html, API_ListRoleTags.html
    create(store, "app", Tags=[{"Key": "team", "Value": "blue"}])
    store.call("TagRole", {"RoleName": "app", "Tags": [{"Key": "Team", "Value": "red"},
                                                       {"Key": "cost", "Value": "42"}]})
    tags = store.call("ListRoleTags", {"RoleName": "app"})["Tags"]
    assert tags == [{"Key": "Team", "Value": "red"}, {"Key": "cost", "Value": "42"}]
    store.call("UntagRole", {"RoleName": "app", "TagKeys": ["TEAM"]})
    assert stored(store, "app")["Tags"] == [{"Key": "cost", "Value": "42"}]


def test_permissions_boundary_set_and_removed(store):
    # API_PutRolePermissionsBoundary.html, API_DeleteRolePermissionsBoundary.html
    create(store, "app")
    store.call("PutRolePermissionsBoundary", {"RoleName": "app", "PermissionsBoundary": BOUNDARY})
    assert store.call("GetRole", {"RoleName": "app"})["Role"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": BOUNDARY}
    store.call("DeleteRolePermissionsBoundary", {"RoleName": "app"})
    assert "PermissionsBoundary" not in stored(store, "app")
    missing = "arn:aws:iam::aws:policy/NoSuchPolicy"
    err = error(lambda: store.call("PutRolePermissionsBoundary",
                                   {"RoleName": "app", "PermissionsBoundary": missing}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"Policy {missing} does not exist or is not attachable.")


def grant(store, user: str, statement: dict):
    store.call("CreateUser", {"UserName": user})
    store.call("PutUserPolicy", {"UserName": user, "PolicyName": "roles", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17", "Statement": [statement]})})
    return store.identity(user)


def test_a_user_may_manage_only_the_roles_a_policy_names(store):
    alice = grant(store, "alice", {"Effect": "Allow", "Action": ["iam:CreateRole", "iam:GetRole"],
                                   "Resource": f"arn:aws:iam::{ACCOUNT}:role/app-*"})
    create(store, "app-web", alice)
    assert store.call("GetRole", {"RoleName": "app-web"}, alice)["Role"]["RoleName"] == "app-web"
    err = error(lambda: create(store, "admin", alice))
    assert err.code == "AccessDenied"
    assert err.message == (
        f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: iam:CreateRole "
        f"on resource: arn:aws:iam::{ACCOUNT}:role/admin because no identity-based policy "
        "allows the iam:CreateRole action")
    err = error(lambda: store.call("DeleteRole", {"RoleName": "app-web"}, alice))
    assert err.code == "AccessDenied"
    assert stored(store, "admin") is None and stored(store, "app-web") is not None


def test_create_role_carries_its_tags_and_boundary_as_context_keys(store):
    # aws:RequestTag/KEY and iam:PermissionsBoundary
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html)
    alice = grant(store, "alice", {
        "Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*",
        "Condition": {"StringEquals": {"aws:RequestTag/team": "blue",
                                       "iam:PermissionsBoundary": BOUNDARY}}})
    create(store, "tagged", alice, Tags=[{"Key": "team", "Value": "blue"}],
           PermissionsBoundary=BOUNDARY)
    assert error(lambda: create(store, "untagged", alice, PermissionsBoundary=BOUNDARY)).code == (
        "AccessDenied")
    assert error(lambda: create(store, "unbounded", alice,
                                Tags=[{"Key": "team", "Value": "blue"}])).code == "AccessDenied"
    assert [r["RoleName"] for r in store.call("ListRoles")["Roles"]] == ["tagged"]


def test_role_changes_are_audited(store):
    create(store, "app")
    store.call("UpdateRoleDescription", {"RoleName": "app", "Description": "new"})
    error(lambda: create(store, "bad", AssumeRolePolicyDocument="{"))
    store.call("GetRole", {"RoleName": "app"})
    events = [(e["eventName"], e.get("errorCode")) for e in store.audit_trail()]
    assert events == [("CreateRole", "MalformedPolicyDocument"),
                      ("UpdateRoleDescription", None), ("CreateRole", None)]
    created = store.audit_trail(event="CreateRole")[-1]
    assert created["requestParameters"]["roleName"] == "app"
    assert created["responseElements"]["role"]["arn"] == f"arn:aws:iam::{ACCOUNT}:role/app"
