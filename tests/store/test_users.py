"""IAM users through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html,
API_GetUser.html, API_ListUsers.html, API_UpdateUser.html, API_DeleteUser.html,
API_TagUser.html, API_PutUserPermissionsBoundary.html;
names: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
("Names of users, groups, roles ... must be unique ... not distinguished by case").
"""

import pytest

from calls import error

ACCOUNT = "123456789012"


def test_create_user_answers_as_aws(store):
    user = store.call("CreateUser", {"UserName": "alice", "Path": "/eng/"})["User"]
    assert list(user) == ["Path", "UserName", "UserId", "Arn", "CreateDate"]
    assert user["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/eng/alice"
    assert user["UserId"].startswith("AIDA") and len(user["UserId"]) == 21
    assert store.call("GetUser", {"UserName": "alice"})["User"] == user


def test_names_are_unique_whatever_the_case(store):
    store.call("CreateUser", {"UserName": "alice"})
    err = error(lambda: store.call("CreateUser", {"UserName": "ALICE"}))
    assert err.code == "EntityAlreadyExists"
    assert err.message == "User with name ALICE already exists."
    assert store.call("GetUser", {"UserName": "Alice"})["User"]["UserName"] == "alice"


@pytest.mark.parametrize("params,fragment", [
    ({"UserName": "a b"}, "at 'userName' failed to satisfy constraint: Member must satisfy "
                          "regular expression pattern"),
    ({"UserName": "x" * 65}, "Member must have length less than or equal to 64"),
    ({"UserName": "ok", "Path": "eng"}, "at 'path' failed to satisfy constraint"),
])
def test_invalid_input_is_refused_in_aws_words(store, params, fragment):
    err = error(lambda: store.call("CreateUser", params))
    assert err.code == "ValidationError" and fragment in err.message
    assert store.call("ListUsers")["Users"] == []


def test_unknown_user(store):
    err = error(lambda: store.call("GetUser", {"UserName": "nobody"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The user with name nobody cannot be found.")


def test_list_users_by_path_prefix_and_pages(store):
    for name in ("carol", "alice", "bob"):
        store.call("CreateUser", {"UserName": name, "Path": "/eng/" if name != "bob" else "/"})
    assert [u["UserName"] for u in store.call("ListUsers")["Users"]] == ["alice", "bob", "carol"]
    eng = store.call("ListUsers", {"PathPrefix": "/eng/"})["Users"]
    assert [u["UserName"] for u in eng] == ["alice", "carol"]
    first = store.call("ListUsers", {"MaxItems": 2})
    assert first["IsTruncated"] and len(first["Users"]) == 2
    rest = store.call("ListUsers", {"MaxItems": 2, "Marker": first["Marker"]})
    assert [u["UserName"] for u in rest["Users"]] == ["carol"] and not rest["IsTruncated"]


def test_update_user_renames_and_moves(store):
    store.call("CreateUser", {"UserName": "alice"})
    store.call("UpdateUser", {"UserName": "alice", "NewUserName": "alicia", "NewPath": "/ops/"})
    user = store.call("GetUser", {"UserName": "alicia"})["User"]
    assert user["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/ops/alicia"
    assert error(lambda: store.call("GetUser", {"UserName": "alice"})).code == "NoSuchEntity"


def test_tags_add_replace_remove(store):
    store.call("CreateUser", {"UserName": "alice", "Tags": [{"Key": "team", "Value": "blue"}]})
    store.call("TagUser", {"UserName": "alice", "Tags": [{"Key": "Team", "Value": "red"},
                                                         {"Key": "cost", "Value": "42"}]})
    tags = store.call("ListUserTags", {"UserName": "alice"})["Tags"]
    assert tags == [{"Key": "Team", "Value": "red"}, {"Key": "cost", "Value": "42"}]
    store.call("UntagUser", {"UserName": "alice", "TagKeys": ["TEAM"]})
    assert store.call("ListUserTags", {"UserName": "alice"})["Tags"] == [{"Key": "cost", "Value": "42"}]


def test_permissions_boundary_set_and_removed(store):
    arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
    store.call("CreateUser", {"UserName": "alice", "PermissionsBoundary": arn})
    boundary = store.call("GetUser", {"UserName": "alice"})["User"]["PermissionsBoundary"]
    assert boundary == {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                        "PermissionsBoundaryArn": arn}
    store.call("DeleteUserPermissionsBoundary", {"UserName": "alice"})
    assert "PermissionsBoundary" not in store.call("GetUser", {"UserName": "alice"})["User"]
    missing = "arn:aws:iam::aws:policy/NoSuchPolicy"
    err = error(lambda: store.call("PutUserPermissionsBoundary",
                                   {"UserName": "alice", "PermissionsBoundary": missing}))
    assert err.code == "NoSuchEntity"


def test_get_user_without_a_name_is_the_caller(store):
    store.call("CreateUser", {"UserName": "alice"})
    root = store.call("GetUser")["User"]
    assert root["Arn"] == f"arn:aws:iam::{ACCOUNT}:root" and root["UserId"] == ACCOUNT


def test_quota_on_users_per_account(store):
    store.set_quota("UsersQuota", 2)  # a quota increase (or here, decrease) as AWS grants
    store.call("CreateUser", {"UserName": "a"})
    store.call("CreateUser", {"UserName": "b"})
    err = error(lambda: store.call("CreateUser", {"UserName": "c"}))
    assert (err.code, err.message) == ("LimitExceeded", "Cannot exceed quota for UsersPerAccount: 2")


def test_every_change_is_audited_without_secrets(store):
    store.call("CreateUser", {"UserName": "alice"})
    error(lambda: store.call("CreateUser", {"UserName": "alice"}))
    events = store.audit_trail()
    assert [(e["eventName"], e.get("errorCode")) for e in events] == [
        ("CreateUser", "EntityAlreadyExists"), ("CreateUser", None)]
    assert events[1]["requestParameters"] == {"userName": "alice"}
    assert events[1]["userIdentity"]["type"] == "Root"
