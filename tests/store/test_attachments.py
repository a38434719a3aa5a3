"""Managed policies attached to users, groups and roles through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html,
API_DetachUserPolicy.html, API_ListAttachedUserPolicies.html and their Group and Role twins
(API_AttachGroupPolicy.html ... API_ListAttachedRolePolicies.html),
API_ListEntitiesForPolicy.html; quotas:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (10 managed
policies attached to a user, group or role).
"""

import json

import pytest

from store import aws_managed
from calls import error

ACCOUNT = "123456789012"
AWS = "arn:aws:iam::aws:policy/"
READ_ONLY = AWS + "ReadOnlyAccess"
VIEW_ONLY = AWS + "job-function/ViewOnlyAccess"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})
KINDS = [("User", "UserName"), ("Group", "GroupName"), ("Role", "RoleName")]


def make(store, kind: str, name: str, path: str = "/") -> None:
    extra = {"AssumeRolePolicyDocument": TRUST} if kind == "Role" else {}
    store.call(f"Create{kind}", {f"{kind}Name": name, "Path": path, **extra})


def attached(store, kind: str, name: str) -> list[str]:
    return store.view().find(kind.lower(), name)["AttachedPolicies"]


def customer_policy(store, name: str, action: str = "s3:GetObject", path: str = "/") -> str:
    document = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*"}]})
    return store.call("CreatePolicy", {"PolicyName": name, "Path": path,
                                       "PolicyDocument": document})["Policy"]["Arn"]


@pytest.mark.parametrize("kind,name_param", KINDS)
def test_attach_list_detach(store, kind, name_param):
    make(store, kind, "ops")
    for arn in (READ_ONLY, VIEW_ONLY):
        assert store.call(f"Attach{kind}Policy", {name_param: "OPS", "PolicyArn": arn}) == {}
    assert attached(store, kind, "ops") == [READ_ONLY, VIEW_ONLY]
    listed = store.call(f"ListAttached{kind}Policies", {name_param: "ops"})
    assert listed == {"AttachedPolicies": [
        {"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY},
        {"PolicyName": "ViewOnlyAccess", "PolicyArn": VIEW_ONLY}], "IsTruncated": False}
    store.call(f"Detach{kind}Policy", {name_param: "ops", "PolicyArn": READ_ONLY})
    assert attached(store, kind, "ops") == [VIEW_ONLY]


@pytest.mark.parametrize("kind,name_param", KINDS)
def test_attaching_twice_changes_nothing(store, kind, name_param):
    make(store, kind, "ops")
    for _ in range(2):
        store.call(f"Attach{kind}Policy", {name_param: "ops", "PolicyArn": READ_ONLY})
    assert attached(store, kind, "ops") == [READ_ONLY]


@pytest.mark.parametrize("kind,name_param", KINDS)
def test_ten_policies_at_the_most(store, kind, name_param):
    make(store, kind, "ops")
    arns = [policy["Arn"] for policy in aws_managed.all_policies()][:11]
    for arn in arns[:10]:
        store.call(f"Attach{kind}Policy", {name_param: "ops", "PolicyArn": arn})
    store.call(f"Attach{kind}Policy", {name_param: "ops", "PolicyArn": arns[0]})  # no-op
    err = error(lambda: store.call(f"Attach{kind}Policy", {name_param: "ops",
                                                           "PolicyArn": arns[10]}))
    assert (err.code, err.message) == ("LimitExceeded",
                                       f"Cannot exceed quota for PoliciesPer{kind}: 10")
    assert attached(store, kind, "ops") == arns[:10]


@pytest.mark.parametrize("arn", [AWS + "NoSuchPolicy",
                                 f"arn:aws:iam::{ACCOUNT}:policy/NoSuchPolicy"])
def test_only_an_existing_policy_can_be_attached(store, arn):
    make(store, "User", "alice")
    err = error(lambda: store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": arn}))
    assert (err.code, err.message) == ("NoSuchEntity",
                                       f"Policy {arn} does not exist or is not attachable.")
    assert attached(store, "User", "alice") == []


@pytest.mark.parametrize("kind,name_param", KINDS)
def test_detaching_a_policy_not_attached(store, kind, name_param):
    make(store, kind, "ops")
    store.call(f"Attach{kind}Policy", {name_param: "ops", "PolicyArn": VIEW_ONLY})
    err = error(lambda: store.call(f"Detach{kind}Policy", {name_param: "ops",
                                                           "PolicyArn": READ_ONLY}))
    assert (err.code, err.message) == ("NoSuchEntity", f"Policy {READ_ONLY} was not found.")
    assert attached(store, kind, "ops") == [VIEW_ONLY]


def test_a_customer_managed_policy_attaches_like_an_aws_one(store):
    make(store, "Role", "app")
    arn = customer_policy(store, "reader", path="/teams/")
    store.call("AttachRolePolicy", {"RoleName": "app", "PolicyArn": arn})
    listed = store.call("ListAttachedRolePolicies", {"RoleName": "app"})["AttachedPolicies"]
    assert listed == [{"PolicyName": "reader",
                       "PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/teams/reader"}]


def test_list_attached_by_policy_path_and_pages(store):
    make(store, "Group", "ops")
    for arn in (READ_ONLY, VIEW_ONLY, AWS + "job-function/Billing"):
        store.call("AttachGroupPolicy", {"GroupName": "ops", "PolicyArn": arn})
    jobs = store.call("ListAttachedGroupPolicies", {"GroupName": "ops",
                                                    "PathPrefix": "/job-function/"})
    assert [p["PolicyName"] for p in jobs["AttachedPolicies"]] == ["ViewOnlyAccess", "Billing"]
    first = store.call("ListAttachedGroupPolicies", {"GroupName": "ops", "MaxItems": 2})
    rest = store.call("ListAttachedGroupPolicies", {"GroupName": "ops",
                                                    "Marker": first["Marker"]})
    assert first["IsTruncated"] and [p["PolicyName"] for p in rest["AttachedPolicies"]] == [
        "Billing"]


def test_list_attached_needs_the_entity(store):
    err = error(lambda: store.call("ListAttachedUserPolicies", {"UserName": "ghost"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The user with name ghost cannot be found.")


def entities(response: dict) -> dict:
    """ListEntitiesForPolicy's three lists as names."""
    return {key: [next(v for k, v in item.items() if k.endswith("Name")) for item in items]
            for key, items in response.items() if key.startswith("Policy")}


def test_list_entities_for_policy(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html
    for kind, name_param in KINDS:
        for name, path in ((f"{kind.lower()}-b", "/eng/"), (f"{kind.lower()}-a", "/")):
            make(store, kind, name, path)
            store.call(f"Attach{kind}Policy", {name_param: name, "PolicyArn": READ_ONLY})
    make(store, "User", "loner")
    response = store.call("ListEntitiesForPolicy", {"PolicyArn": READ_ONLY})
    assert list(response) == ["PolicyGroups", "PolicyUsers", "PolicyRoles", "IsTruncated"]
    assert entities(response) == {"PolicyGroups": ["group-a", "group-b"],
                                  "PolicyUsers": ["user-a", "user-b"],
                                  "PolicyRoles": ["role-a", "role-b"]}
    user = store.view().find("user", "user-a")
    assert response["PolicyUsers"][0] == {"UserName": "user-a", "UserId": user["UserId"]}
    eng = store.call("ListEntitiesForPolicy", {"PolicyArn": READ_ONLY, "PathPrefix": "/eng/",
                                               "EntityFilter": "Role"})
    assert entities(eng) == {"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": ["role-b"]}
    local = store.call("ListEntitiesForPolicy", {"PolicyArn": READ_ONLY,
                                                 "EntityFilter": "LocalManagedPolicy"})
    assert entities(local) == {"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": []}


def test_list_entities_for_policy_pages_across_its_lists(store):
    for kind, name_param in KINDS:
        make(store, kind, "ops")
        store.call(f"Attach{kind}Policy", {name_param: "ops", "PolicyArn": READ_ONLY})
    first = store.call("ListEntitiesForPolicy", {"PolicyArn": READ_ONLY, "MaxItems": 2})
    assert entities(first) == {"PolicyGroups": ["ops"], "PolicyUsers": ["ops"], "PolicyRoles": []}
    rest = store.call("ListEntitiesForPolicy", {"PolicyArn": READ_ONLY,
                                                "Marker": first["Marker"]})
    assert entities(rest) == {"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": ["ops"]}
    assert first["IsTruncated"] and not rest["IsTruncated"]


def test_list_entities_for_policy_by_usage(store):
    arn = customer_policy(store, "fence")
    make(store, "User", "attached")
    store.call("AttachUserPolicy", {"UserName": "attached", "PolicyArn": arn})
    store.call("CreateUser", {"UserName": "bounded", "PermissionsBoundary": arn})
    store.call("CreateRole", {"RoleName": "bounded", "AssumeRolePolicyDocument": TRUST,
                              "PermissionsBoundary": arn})
    both = store.call("ListEntitiesForPolicy", {"PolicyArn": arn})
    assert entities(both)["PolicyUsers"] == ["attached", "bounded"]
    assert entities(both)["PolicyRoles"] == ["bounded"]
    policies = store.call("ListEntitiesForPolicy", {"PolicyArn": arn,
                                                    "PolicyUsageFilter": "PermissionsPolicy"})
    assert entities(policies) == {"PolicyGroups": [], "PolicyUsers": ["attached"],
                                  "PolicyRoles": []}
    bounds = store.call("ListEntitiesForPolicy", {"PolicyArn": arn,
                                                  "PolicyUsageFilter": "PermissionsBoundary"})
    assert entities(bounds) == {"PolicyGroups": [], "PolicyUsers": ["bounded"],
                                "PolicyRoles": ["bounded"]}


def test_list_entities_for_an_unknown_policy(store):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/ghost"
    err = error(lambda: store.call("ListEntitiesForPolicy", {"PolicyArn": arn}))
    assert (err.code, err.message) == ("NoSuchEntity", f"Policy {arn} was not found.")


def test_attached_policies_grant_their_permissions(store):
    # A user's permissions include its attached managed policies
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html)
    make(store, "User", "alice")
    alice = store.identity("alice")
    assert error(lambda: store.call("ListRoles", {}, alice)).code == "AccessDenied"
    store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": AWS + "IAMReadOnlyAccess"})
    assert store.call("ListRoles", {}, alice)["Roles"] == []
    store.call("DetachUserPolicy", {"UserName": "alice", "PolicyArn": AWS + "IAMReadOnlyAccess"})
    assert error(lambda: store.call("ListRoles", {}, alice)).code == "AccessDenied"


def test_a_user_may_attach_only_the_policies_a_condition_names(store):
    # iam:PolicyARN on attach and detach
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html)
    make(store, "User", "bob")
    make(store, "User", "alice")
    grant = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["iam:AttachUserPolicy", "iam:ListEntitiesForPolicy"],
        "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": READ_ONLY}}}]}
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "attach",
                                 "PolicyDocument": json.dumps(grant)})
    alice = store.identity("alice")
    store.call("AttachUserPolicy", {"UserName": "bob", "PolicyArn": READ_ONLY}, alice)
    admin = AWS + "AdministratorAccess"
    err = error(lambda: store.call("AttachUserPolicy", {"UserName": "bob", "PolicyArn": admin},
                                   alice))
    assert err.code == "AccessDenied"
    assert f"on resource: arn:aws:iam::{ACCOUNT}:user/bob" in err.message
    assert attached(store, "User", "bob") == [READ_ONLY]
    err = error(lambda: store.call("ListEntitiesForPolicy", {"PolicyArn": admin}, alice))
    assert err.code == "AccessDenied" and f"on resource: {admin}" in err.message


def test_attachment_changes_are_audited(store):
    make(store, "Group", "ops")
    store.call("AttachGroupPolicy", {"GroupName": "ops", "PolicyArn": READ_ONLY})
    error(lambda: store.call("DetachGroupPolicy", {"GroupName": "ops", "PolicyArn": VIEW_ONLY}))
    store.call("ListAttachedGroupPolicies", {"GroupName": "ops"})
    events = [(e["eventName"], e.get("errorCode")) for e in store.audit_trail()]
    assert events == [("DetachGroupPolicy", "NoSuchEntity"), ("AttachGroupPolicy", None),
                      ("CreateGroup", None)]
    assert store.audit_trail(event="AttachGroupPolicy")[0]["requestParameters"] == {
        "groupName": "ops", "policyArn": READ_ONLY}
