"""IAM groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup,
DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html (and siblings).

Groups hold users only (no nesting). Membership is kept on the user, as the ids of its
groups in ``GroupIds``, so renaming a group keeps its members.
"""

from .. import ids
from ..account import KINDS
from ..errors import DeleteConflict, EntityAlreadyExists, LimitExceeded
from ..operations import entity_resource, operation, path_resource
from . import attachments, inline
from .paging import page, under_path

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
    return {"Group": group, **page(members(account, group), params, "Users")}


@operation("ListGroups", writes=False, resource=path_resource("group"))
def list_groups(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroups.html"""
    return page(_by_name(under_path(account.all("group"), params)), params, "Groups")


@operation("UpdateGroup", resource=GROUP)
def update_group(account, params, caller):
    """New name and / or path; the group keeps its id, so its members stay
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html)."""
    group = account.get("group", params["GroupName"])
    renamed(account, "group", group, params.get("NewGroupName"), params.get("NewPath"))
    account.update("group", group)
    return {}


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
    groups = [account.by_id("group", group_id) for group_id in user.get("GroupIds", [])]
    return page(_by_name([g for g in groups if g is not None]), params, "Groups")


def members(account, group: dict) -> list[dict]:
    """The group's users, by name."""
    users = [user for user in account.all("user") if group["GroupId"] in user.get("GroupIds", [])]
    return sorted(users, key=lambda user: user["UserName"].lower())


def renamed(account, kind: str, entity: dict, new_name: str | None,
            new_path: str | None) -> None:
    """Give a user / group / role a new name and / or path (and so a new ARN); its unique
    id stays. The new name must not be another entity's, whatever its case."""
    _, name_field, _, arn_kind = KINDS[kind]
    name = new_name or entity[name_field]
    path = new_path or entity["Path"]
    other = account.find(kind, name)
    if other is not None and other.doc_id != entity.doc_id:
        raise EntityAlreadyExists(f"{kind.capitalize()} with name {name} already exists.")
    entity.update({name_field: name, "Path": path,
                   "Arn": ids.arn(account.id, arn_kind, path, name)})


def _group_and_user(account, params: dict) -> tuple[dict, dict]:
    return account.get("group", params["GroupName"]), account.get("user", params["UserName"])


def _by_name(groups: list[dict]) -> list[dict]:
    return sorted(groups, key=lambda group: group["GroupName"].lower())
