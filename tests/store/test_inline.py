"""Inline policies of users, groups and roles through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html,
API_GetUserPolicy.html, API_ListUserPolicies.html, API_DeleteUserPolicy.html and their
Group and Role twins (API_PutGroupPolicy.html ... API_DeleteRolePolicy.html); quotas:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("the total size
of all inline policies" of a user 2,048, group 5,120, role 10,240 characters, white space
not counted).
"""

import json
import urllib.parse

import pytest

from calls import error

ACCOUNT = "123456789012"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})
# kind, the entity's name parameter, its aggregate inline quota
KINDS = [("User", "UserName", 2048), ("Group", "GroupName", 5120), ("Role", "RoleName", 10240)]


def policy(action="s3:GetObject", resource="*") -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": resource}]})


def sized(characters: int) -> str:
    """A valid policy of exactly ``characters`` characters, none of them white space."""
    text = policy(resource="arn:aws:s3:::b").replace(" ", "")
    assert characters >= len(text)
    return text.replace(":::b", ":::" + "b" * (characters - len(text) + 1))


def make(store, kind: str, name: str) -> None:
    extra = {"AssumeRolePolicyDocument": TRUST} if kind == "Role" else {}
    store.call(f"Create{kind}", {f"{kind}Name": name, **extra})


def stored(store, kind: str, name: str) -> dict:
    return store.view().find(kind.lower(), name)


@pytest.mark.parametrize("kind,name_param,quota", KINDS)
def test_put_get_list_delete(store, kind, name_param, quota):
    make(store, kind, "Ops")
    for policy_name, action in (("write", "s3:PutObject"), ("read", "s3:GetObject")):
        assert store.call(f"Put{kind}Policy", {name_param: "ops", "PolicyName": policy_name,
                                               "PolicyDocument": policy(action)}) == {}
    got = store.call(f"Get{kind}Policy", {name_param: "OPS", "PolicyName": "read"})
    assert got == {name_param: "Ops", "PolicyName": "read", "PolicyDocument": policy()}
    listed = store.call(f"List{kind}Policies", {name_param: "ops"})
    assert listed == {"PolicyNames": ["read", "write"], "IsTruncated": False}
    store.call(f"Delete{kind}Policy", {name_param: "ops", "PolicyName": "write"})
    assert stored(store, kind, "ops")["InlinePolicies"] == {"read": policy()}


@pytest.mark.parametrize("verb", ["Get", "Delete"])
@pytest.mark.parametrize("kind,name_param,quota", KINDS)
def test_a_missing_policy_is_named_in_aws_words(store, verb, kind, name_param, quota):
    make(store, kind, "ops")
    err = error(lambda: store.call(f"{verb}{kind}Policy", {name_param: "ops",
                                                           "PolicyName": "nope"}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"The {kind.lower()} policy with name nope cannot be found.")


@pytest.mark.parametrize("kind,name_param,quota", KINDS)
def test_a_missing_entity_is_named_in_aws_words(store, kind, name_param, quota):
    err = error(lambda: store.call(f"Put{kind}Policy", {name_param: "ghost", "PolicyName": "p",
                                                        "PolicyDocument": policy()}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"The {kind.lower()} with name ghost cannot be found.")


def test_putting_a_policy_again_replaces_it(store):
    make(store, "User", "alice")
    for action in ("s3:GetObject", "s3:ListBucket"):
        store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "p",
                                     "PolicyDocument": policy(action)})
    assert stored(store, "User", "alice")["InlinePolicies"] == {"p": policy("s3:ListBucket")}


@pytest.mark.parametrize("document,fragment", [
    (json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}),
     "Missing required field Resource"),
    (json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}), "Principal"),
    ("{", "invalid JSON"),
])
def test_a_malformed_document_is_refused(store, document, fragment):
    make(store, "Group", "ops")
    err = error(lambda: store.call("PutGroupPolicy", {"GroupName": "ops", "PolicyName": "p",
                                                      "PolicyDocument": document}))
    assert err.code == "MalformedPolicyDocument" and fragment in err.message
    assert stored(store, "Group", "ops")["InlinePolicies"] == {}


def test_a_url_encoded_document_is_stored_decoded(store):
    make(store, "Role", "app")
    store.call("PutRolePolicy", {"RoleName": "app", "PolicyName": "p",
                                 "PolicyDocument": urllib.parse.quote(policy())})
    assert stored(store, "Role", "app")["InlinePolicies"] == {"p": policy()}


@pytest.mark.parametrize("kind,name_param,quota", KINDS)
def test_the_size_quota_counts_all_inline_policies_together(store, kind, name_param, quota):
    make(store, kind, "ops")
    half = quota // 2
    for policy_name in ("one", "two"):
        store.call(f"Put{kind}Policy", {name_param: "ops", "PolicyName": policy_name,
                                        "PolicyDocument": sized(half)})
    err = error(lambda: store.call(f"Put{kind}Policy", {name_param: "ops", "PolicyName": "three",
                                                        "PolicyDocument": sized(200)}))
    assert (err.code, err.message) == (
        "LimitExceeded", f"Maximum policy size of {quota} bytes exceeded for {kind.lower()} ops")
    assert sorted(stored(store, kind, "ops")["InlinePolicies"]) == ["one", "two"]
    # replacing a policy counts the new text instead of the old
    store.call(f"Put{kind}Policy", {name_param: "ops", "PolicyName": "two",
                                    "PolicyDocument": sized(half - 200)})
    store.call(f"Put{kind}Policy", {name_param: "ops", "PolicyName": "three",
                                    "PolicyDocument": sized(200)})


def test_white_space_does_not_count_towards_the_quota(store):
    make(store, "User", "alice")
    padded = json.dumps(json.loads(sized(2048)), indent=40)
    assert len(padded) > 2048
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "p",
                                 "PolicyDocument": padded})
    err = error(lambda: store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "q",
                                                     "PolicyDocument": sized(200)}))
    assert err.code == "LimitExceeded"


def test_list_policies_pages(store):
    make(store, "User", "alice")
    for policy_name in ("c", "a", "b"):
        store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": policy_name,
                                     "PolicyDocument": policy()})
    first = store.call("ListUserPolicies", {"UserName": "alice", "MaxItems": 2})
    assert first["PolicyNames"] == ["a", "b"] and first["IsTruncated"]
    rest = store.call("ListUserPolicies", {"UserName": "alice", "Marker": first["Marker"]})
    assert rest == {"PolicyNames": ["c"], "IsTruncated": False}


def test_a_user_may_put_policies_on_itself_only(store):
    # Policy variables:
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    make(store, "User", "bob")
    make(store, "User", "alice")
    own = policy(["iam:PutUserPolicy", "iam:GetUserPolicy"],
                 f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "self", "PolicyDocument": own})
    alice = store.identity("alice")
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "more",
                                 "PolicyDocument": policy()}, alice)
    got = store.call("GetUserPolicy", {"UserName": "alice", "PolicyName": "more"}, alice)
    assert got["PolicyDocument"] == policy()
    err = error(lambda: store.call("PutUserPolicy", {"UserName": "bob", "PolicyName": "p",
                                                     "PolicyDocument": policy()}, alice))
    assert err.code == "AccessDenied"
    assert f"on resource: arn:aws:iam::{ACCOUNT}:user/bob" in err.message
    assert stored(store, "User", "bob")["InlinePolicies"] == {}


def test_a_group_policy_grants_its_members_and_only_them(store):
    # A user's permissions include its groups' policies
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    make(store, "Group", "readers")
    make(store, "User", "alice")
    store.call("PutGroupPolicy", {"GroupName": "readers", "PolicyName": "list",
                                  "PolicyDocument": policy("iam:ListRoles")})
    alice = store.identity("alice")
    assert error(lambda: store.call("ListRoles", {}, alice)).code == "AccessDenied"
    store.call("AddUserToGroup", {"GroupName": "readers", "UserName": "alice"})
    assert store.call("ListRoles", {}, alice)["Roles"] == []
    store.call("DeleteGroupPolicy", {"GroupName": "readers", "PolicyName": "list"})
    assert error(lambda: store.call("ListRoles", {}, alice)).code == "AccessDenied"


def test_inline_policy_changes_are_audited(store):
    make(store, "Role", "app")
    store.call("PutRolePolicy", {"RoleName": "app", "PolicyName": "p", "PolicyDocument": policy()})
    error(lambda: store.call("DeleteRolePolicy", {"RoleName": "app", "PolicyName": "nope"}))
    store.call("GetRolePolicy", {"RoleName": "app", "PolicyName": "p"})
    events = [(e["eventName"], e.get("errorCode")) for e in store.audit_trail()]
    assert events == [("DeleteRolePolicy", "NoSuchEntity"), ("PutRolePolicy", None),
                      ("CreateRole", None)]
    put = store.audit_trail(event="PutRolePolicy")[0]
    assert put["requestParameters"] == {"roleName": "app", "policyName": "p",
                                        "policyDocument": policy()}
