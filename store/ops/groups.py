"""IAM groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup,
DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html (and siblings).

Groups hold users only (no nesting). Membership is kept on the user, as the ids of its
groups in ``GroupIds``, so renaming a group keeps its members.
"""

from ..errors import DeleteConflict, LimitExceeded
from ..operations import entity_change, entity_resource, operation, path_resource
from . import attachments, inline
from .paging import page, under_path
from .users import NOT_LISTED

GROUP = entity_resource("group", "GroupName", "Path")
USER = entity_resource("user", "UserName")


@operation("CreateGroup", resource=GROUP)
def create_group(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html"""
    group = account.new_entity("group", params["GroupName"], params.get("Path") or "/")
    group.update({"AttachedPolicies": [], "InlinePolicies": {}})
    account.insert("group", group)
    return {"Group": group}


@operation("GetGroup", writes=False, resource=GROUP)
def get_group(account, params, caller):
    """The group and its users, paged
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroup.html)."""
    group = account.get("group", params["GroupName"])
    return {"Group": group, **page(members(account, group), params, "Users", NOT_LISTED)}


@operation("ListGroups", writes=False, resource=path_resource("group"))
def list_groups(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroups.html"""
    return page(under_path(account.listing("group"), params), params, "Groups")


@entity_change("group", "UpdateGroup")
def update_group(account, group, params):
    """New name and / or path; the group keeps its id, so its members stay
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html)."""
    account.rename("group", group, params.get("NewGroupName"), params.get("NewPath"))


@operation("DeleteGroup", resource=GROUP)
def delete_group(account, params, caller):
    """Refused while the group has members or policies
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html)."""
    group = account.get("group", params["GroupName"])
    if members(account, group):
        raise DeleteConflict("Cannot delete entity, must remove users from group first.")
    inline.require_none(group)
    attachments.require_none(group)
    account.remove("group", group)
    return {}


@operation("AddUserToGroup", resource=GROUP)
def add_user_to_group(account, params, caller):
    """Adding a member again changes nothing; a user is in at most GroupsPerUser groups
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html)."""
    group, user = _group_and_user(account, params)
    group_ids = user.get("GroupIds", [])
    if group["GroupId"] in group_ids:
        return {}
    limit = account.quota("GroupsPerUserQuota")
    if len(group_ids) >= limit:
        raise LimitExceeded(f"Cannot exceed quota for GroupsPerUser: {limit}")
    user["GroupIds"] = group_ids + [group["GroupId"]]
    account.update("user", user)
    return {}


@operation("RemoveUserFromGroup", resource=GROUP)
def remove_user_from_group(account, params, caller):
    """Removing a user who is not a member changes nothing, as in AWS
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveUserFromGroup.html)."""
    group, user = _group_and_user(account, params)
    user["GroupIds"] = [each for each in user.get("GroupIds", []) if each != group["GroupId"]]
    account.update("user", user)
    return {}


@operation("ListGroupsForUser", writes=False, resource=USER)
def list_groups_for_user(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroupsForUser.html"""
    user = account.get("user", params["UserName"])
    mine = set(user.get("GroupIds", []))
    return page([g for g in account.listing("group") if g["GroupId"] in mine], params, "Groups")


def members(account, group: dict) -> list[dict]:
    """The group's users, by name."""
    return [user for user in account.listing("user")
            if group["GroupId"] in user.get("GroupIds", [])]


def _group_and_user(account, params: dict) -> tuple[dict, dict]:
    return account.get("group", params["GroupName"]), account.get("user", params["UserName"])
