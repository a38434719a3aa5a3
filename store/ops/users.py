"""IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, tags, boundaries.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html (and siblings)."""

from ..errors import DeleteConflict, NoSuchEntity
from ..operations import (boundary_context, entity_change, entity_resource, operation,
                          path_resource, tag_context)
from . import attachments, inline, tagging
from .holders import owned
from .paging import page, under_path

USER = entity_resource("user", "UserName", "Path")


def _caller_resource(account, params):
    return USER(account, params) if params.get("UserName") else "*"


# What ListUsers leaves out of each user, though GetUser shows it ("IAM resource-listing
# operations return a subset of the available attributes": API_ListUsers.html).
NOT_LISTED = ("PermissionsBoundary", "Tags")


@operation("CreateUser", resource=USER, context=tag_context)
def create_user(account, params, caller):
    user = new_principal(account, "user", params, GroupIds=[])
    account.insert("user", user)
    return {"User": user}


@operation("GetUser", writes=False, resource=_caller_resource)
def get_user(account, params, caller):
    """Without UserName, the calling user (the root user answers as the account)."""
    if params.get("UserName"):
        return {"User": account.get("user", params["UserName"])}
    if caller.is_root:
        return {"User": {"UserId": account.id, "Arn": caller.arn,
                         "CreateDate": account.info["CreateDate"]}}
    return {"User": account.get("user", caller.name)}


@operation("ListUsers", writes=False, resource=path_resource("user"))
def list_users(account, params, caller):
    return page(under_path(account.listing("user"), params), params, "Users", NOT_LISTED)


@entity_change("user", "UpdateUser")
def update_user(account, user, params):
    account.rename("user", user, params.get("NewUserName"), params.get("NewPath"))


@operation("DeleteUser", resource=USER)
def delete_user(account, params, caller):
    """AWS refuses while anything is still attached to the user
    (API_DeleteUser.html: "you must delete the items attached to the user manually"):
    policies, groups, then the credentials in the page's order — password, access keys,
    SSH public keys, an enabled MFA device."""
    user = account.get("user", params["UserName"])
    inline.require_none(user)
    attachments.require_none(user)
    if user.get("GroupIds"):
        raise DeleteConflict("Cannot delete entity, must remove user from all groups first.")
    for table, what in (("login_profiles", "login profile"), ("access_keys", "access keys"),
                        ("ssh_keys", "SSH public keys")):
        if owned(account, table, user["UserId"]):
            raise DeleteConflict(f"Cannot delete entity, must delete {what} first.")
    if any(device.get("EnableDate") for device in owned(account, "mfa_devices", user["UserId"])):
        raise DeleteConflict("Cannot delete entity, must delete MFA device first.")
    account.remove("user", user)
    return {}


def register_boundary_operations(kind: str) -> None:
    """Put{Kind}PermissionsBoundary and Delete{Kind}PermissionsBoundary for users and roles
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPermissionsBoundary.html
    and siblings)."""
    label = kind.capitalize()

    @entity_change(kind, f"Put{label}PermissionsBoundary", context=boundary_context)
    def put(account, entity, params):
        entity["PermissionsBoundary"] = boundary(account, params["PermissionsBoundary"])

    @entity_change(kind, f"Delete{label}PermissionsBoundary")
    def delete(account, entity, params):
        entity.pop("PermissionsBoundary", None)


def new_principal(account, kind: str, params: dict, **fields) -> dict:
    """A new user or role as CreateUser / CreateRole make it: the common fields, its
    permissions boundary and tags (each checked), and ``fields`` of its own."""
    entity = account.new_entity(kind, params[f"{kind.capitalize()}Name"],
                                params.get("Path") or "/")
    entity.update({"Tags": [], "AttachedPolicies": [], "InlinePolicies": {}, **fields})
    if params.get("PermissionsBoundary"):
        entity["PermissionsBoundary"] = boundary(account, params["PermissionsBoundary"])
    if params.get("Tags"):
        tagging.add(account, entity, params["Tags"])
    return entity


def boundary(account, arn: str) -> dict:
    """A PermissionsBoundary member for the managed policy ``arn`` (which must exist)."""
    if account.managed_policy(arn) is None:
        raise NoSuchEntity(f"Policy {arn} does not exist or is not attachable.")
    return boundary_member(arn)


def boundary_member(arn: str) -> dict:
    """The PermissionsBoundary member as AWS shows it: its type is always
    PermissionsBoundaryPolicy (API_AttachedPermissionsBoundary.html)."""
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}


tagging.register_operations("user")
register_boundary_operations("user")
