"""IAM groups and their members through the store's API.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html,
API_GetGroup.html, API_ListGroups.html, API_UpdateGroup.html, API_DeleteGroup.html,
API_AddUserToGroup.html, API_RemoveUserFromGroup.html, API_ListGroupsForUser.html;
quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
(a user is in at most 10 groups).
"""

import json


from calls import error

ACCOUNT = "123456789012"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def stored(store, name: str) -> dict:
    return store.view().find("group", name)


def granted(store, name: str, action: str, resource: str):
    """User ``name``, allowed ``action`` on ``resource`` by an inline policy, as a caller."""
    policy = {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}
    store.call("CreateUser", {"UserName": name})
    store.call("PutUserPolicy", {"UserName": name, "PolicyName": "grant",
                                 "PolicyDocument": json.dumps(policy)})
    return store.identity(name)


def test_create_group_answers_as_aws_and_stores_the_group(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html
    group = store.call("CreateGroup", {"GroupName": "admins", "Path": "/ops/"})["Group"]
    assert list(group) == ["Path", "GroupName", "GroupId", "Arn", "CreateDate"]
    assert group["Arn"] == f"arn:aws:iam::{ACCOUNT}:group/ops/admins"
    assert group["GroupId"].startswith("AGPA") and len(group["GroupId"]) == 21
    kept = stored(store, "admins")
    assert kept["GroupId"] == group["GroupId"]
    assert (kept["AttachedPolicies"], kept["InlinePolicies"]) == ([], {})


def test_group_names_are_unique_and_found_whatever_the_case(store):
    store.call("CreateGroup", {"GroupName": "Admins"})
    err = error(lambda: store.call("CreateGroup", {"GroupName": "admins"}))
    assert err.code == "EntityAlreadyExists"
    assert err.message == "Group with name admins already exists."
    assert store.call("GetGroup", {"GroupName": "ADMINS"})["Group"]["GroupName"] == "Admins"


def test_unknown_group(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroup.html
    err = error(lambda: store.call("GetGroup", {"GroupName": "nobody"}))
    assert err.code == "NoSuchEntity"
    assert err.message == "The group with name nobody cannot be found."


def test_list_groups_by_path_prefix_and_pages(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroups.html
    for name, path in (("ops", "/eng/"), ("Dev", "/eng/"), ("finance", "/")):
        store.call("CreateGroup", {"GroupName": name, "Path": path})
    assert [g["GroupName"] for g in store.call("ListGroups")["Groups"]] == ["Dev", "finance", "ops"]
    eng = store.call("ListGroups", {"PathPrefix": "/eng/"})["Groups"]
    assert [g["GroupName"] for g in eng] == ["Dev", "ops"]
    first = store.call("ListGroups", {"MaxItems": 2})
    assert first["IsTruncated"] and len(first["Groups"]) == 2
    rest = store.call("ListGroups", {"MaxItems": 2, "Marker": first["Marker"]})
    assert [g["GroupName"] for g in rest["Groups"]] == ["ops"] and not rest["IsTruncated"]


def test_members_are_listed_both_ways_and_kept_on_the_user(store):
    # API_AddUserToGroup.html, API_GetGroup.html, API_ListGroupsForUser.html
    group_id = store.call("CreateGroup", {"GroupName": "admins"})["Group"]["GroupId"]
    store.call("CreateGroup", {"GroupName": "auditors"})
    for name in ("bob", "alice"):
        store.call("CreateUser", {"UserName": name})
        store.call("AddUserToGroup", {"GroupName": "Admins", "UserName": name})
    store.call("AddUserToGroup", {"GroupName": "auditors", "UserName": "alice"})
    users = store.call("GetGroup", {"GroupName": "admins"})["Users"]
    assert [u["UserName"] for u in users] == ["alice", "bob"]
    assert "GroupIds" not in users[0]
    groups = store.call("ListGroupsForUser", {"UserName": "alice"})["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins", "auditors"]
    assert store.view().find("user", "bob")["GroupIds"] == [group_id]


def test_adding_a_member_twice_changes_nothing(store):
    store.call("CreateGroup", {"GroupName": "admins"})
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "alice"})
    store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "ALICE"})
    assert len(store.view().find("user", "alice")["GroupIds"]) == 1
    assert len(store.call("GetGroup", {"GroupName": "admins"})["Users"]) == 1


def test_get_group_pages_its_users(store):
    store.call("CreateGroup", {"GroupName": "admins"})
    for name in ("a", "b", "c"):
        store.call("CreateUser", {"UserName": name})
        store.call("AddUserToGroup", {"GroupName": "admins", "UserName": name})
    first = store.call("GetGroup", {"GroupName": "admins", "MaxItems": 2})
    assert [u["UserName"] for u in first["Users"]] == ["a", "b"] and first["IsTruncated"]
    rest = store.call("GetGroup", {"GroupName": "admins", "Marker": first["Marker"]})
    assert [u["UserName"] for u in rest["Users"]] == ["c"]
    assert rest["Group"]["GroupName"] == "admins"


def test_add_user_to_group_needs_both_to_exist(store):
    store.call("CreateGroup", {"GroupName": "admins"})
    err = error(lambda: store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "ghost"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The user with name ghost cannot be found.")
    store.call("CreateUser", {"UserName": "alice"})
    err = error(lambda: store.call("AddUserToGroup", {"GroupName": "nope", "UserName": "alice"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The group with name nope cannot be found.")


def test_a_user_is_in_at_most_ten_groups(store):
    store.call("CreateUser", {"UserName": "alice"})
    for number in range(11):
        store.call("CreateGroup", {"GroupName": f"g{number}"})
    for number in range(10):
        store.call("AddUserToGroup", {"GroupName": f"g{number}", "UserName": "alice"})
    err = error(lambda: store.call("AddUserToGroup", {"GroupName": "g10", "UserName": "alice"}))
    assert (err.code, err.message) == ("LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10")
    assert len(store.view().find("user", "alice")["GroupIds"]) == 10


def test_remove_user_from_group(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveUserFromGroup.html
    store.call("CreateGroup", {"GroupName": "admins"})
    store.call("CreateGroup", {"GroupName": "auditors"})
    store.call("CreateUser", {"UserName": "alice"})
    for group in ("admins", "auditors"):
        store.call("AddUserToGroup", {"GroupName": group, "UserName": "alice"})
    store.call("RemoveUserFromGroup", {"GroupName": "ADMINS", "UserName": "alice"})
    assert store.call("GetGroup", {"GroupName": "admins"})["Users"] == []
    assert store.view().find("user", "alice")["GroupIds"] == [stored(store, "auditors")["GroupId"]]
    store.call("RemoveUserFromGroup", {"GroupName": "admins", "UserName": "alice"})  # not a member
    assert len(store.view().find("user", "alice")["GroupIds"]) == 1


def test_update_group_renames_and_moves_keeping_members(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html
    group_id = store.call("CreateGroup", {"GroupName": "admins"})["Group"]["GroupId"]
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "alice"})
    store.call("UpdateGroup", {"GroupName": "admins", "NewGroupName": "operators",
                               "NewPath": "/ops/"})
    result = store.call("GetGroup", {"GroupName": "operators"})
    assert result["Group"]["Arn"] == f"arn:aws:iam::{ACCOUNT}:group/ops/operators"
    assert result["Group"]["GroupId"] == group_id
    assert [u["UserName"] for u in result["Users"]] == ["alice"]
    assert error(lambda: store.call("GetGroup", {"GroupName": "admins"})).code == "NoSuchEntity"


def test_update_group_refuses_a_taken_name_but_allows_a_change_of_case(store):
    store.call("CreateGroup", {"GroupName": "admins"})
    store.call("CreateGroup", {"GroupName": "auditors"})
    err = error(lambda: store.call("UpdateGroup", {"GroupName": "admins",
                                                   "NewGroupName": "Auditors"}))
    assert (err.code, err.message) == ("EntityAlreadyExists",
                                       "Group with name Auditors already exists.")
    store.call("UpdateGroup", {"GroupName": "admins", "NewGroupName": "Admins"})
    assert [g["GroupName"] for g in store.call("ListGroups")["Groups"]] == ["Admins", "auditors"]


def test_delete_group_refuses_while_members_or_policies_remain(store):
    # https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html
    store.call("CreateGroup", {"GroupName": "admins"})
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "alice"})
    policy = {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    store.call("PutGroupPolicy", {"GroupName": "admins", "PolicyName": "p",
                                  "PolicyDocument": json.dumps(policy)})
    store.call("AttachGroupPolicy", {"GroupName": "admins", "PolicyArn": READ_ONLY})

    def delete():
        return store.call("DeleteGroup", {"GroupName": "admins"})

    conflicts = [
        ("RemoveUserFromGroup", {"UserName": "alice"},
         "Cannot delete entity, must remove users from group first."),
        ("DeleteGroupPolicy", {"PolicyName": "p"},
         "Cannot delete entity, must delete policies first."),
        ("DetachGroupPolicy", {"PolicyArn": READ_ONLY},
         "Cannot delete entity, must detach all policies first."),
    ]
    for fix, params, message in conflicts:
        err = error(delete)
        assert (err.code, err.message) == ("DeleteConflict", message)
        store.call(fix, {"GroupName": "admins", **params})
    delete()
    assert stored(store, "admins") is None


def test_a_user_may_create_groups_only_where_a_policy_allows(store):
    # iam:CreateGroup is authorized against the new group's ARN (Service Authorization
    # Reference for IAM, https://docs.aws.amazon.com/service-authorization/latest/reference/
    # list_awsidentityandaccessmanagementiam.html)
    alice = granted(store, "alice", "iam:CreateGroup", f"arn:aws:iam::{ACCOUNT}:group/eng/*")
    store.call("CreateGroup", {"GroupName": "devs", "Path": "/eng/"}, alice)
    err = error(lambda: store.call("CreateGroup", {"GroupName": "admins"}, alice))
    assert err.code == "AccessDenied"
    assert err.message == (
        f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: iam:CreateGroup "
        f"on resource: arn:aws:iam::{ACCOUNT}:group/admins because no identity-based policy "
        "allows the iam:CreateGroup action")
    err = error(lambda: store.call("DeleteGroup", {"GroupName": "devs"}, alice))
    assert err.code == "AccessDenied"
    assert [g["GroupName"] for g in store.call("ListGroups")["Groups"]] == ["devs"]


def test_membership_changes_are_authorized_against_the_group(store):
    alice = granted(store, "alice", "iam:AddUserToGroup", f"arn:aws:iam::{ACCOUNT}:group/devs")
    store.call("CreateUser", {"UserName": "bob"})
    for group in ("devs", "admins"):
        store.call("CreateGroup", {"GroupName": group})
    store.call("AddUserToGroup", {"GroupName": "devs", "UserName": "bob"}, alice)
    err = error(lambda: store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "bob"},
                                   alice))
    assert err.code == "AccessDenied"
    assert f"resource: arn:aws:iam::{ACCOUNT}:group/admins" in err.message
    groups = store.call("ListGroupsForUser", {"UserName": "bob"})["Groups"]
    assert [g["GroupName"] for g in groups] == ["devs"]


def test_group_changes_are_audited(store):
    store.call("CreateGroup", {"GroupName": "admins"})
    store.call("CreateUser", {"UserName": "alice"})
    store.call("AddUserToGroup", {"GroupName": "admins", "UserName": "alice"})
    error(lambda: store.call("DeleteGroup", {"GroupName": "admins"}))
    store.call("GetGroup", {"GroupName": "admins"})
    events = [(e["eventName"], e.get("errorCode")) for e in store.audit_trail()]
    assert events == [("DeleteGroup", "DeleteConflict"), ("AddUserToGroup", None),
                      ("CreateUser", None), ("CreateGroup", None)]
    added = store.audit_trail(event="AddUserToGroup")[0]
    assert added["requestParameters"] == {"groupName": "admins", "userName": "alice"}
