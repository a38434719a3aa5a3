"""IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
UpdateAssumeRolePolicy, DeleteRole, tags and permissions boundaries.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (and siblings).

A role's trust policy (AssumeRolePolicyDocument) is kept as the text it was given; its
attached policies as ARNs (``AttachedPolicies``), its inline ones as ``{name: text}``.
"""

from evaluator import TRUST

from ..documents import checked
from ..operations import (boundary_context, entity_resource, operation, path_resource,
                          tag_context)
from . import attachments, inline, tagging
from .paging import page, under_path
from .users import boundary, new_principal

ROLE = entity_resource("role", "RoleName", "Path")

# What ListRoles leaves out of each role, though GetRole shows it
# (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html).
_NOT_LISTED = ("PermissionsBoundary", "RoleLastUsed", "Tags")


def _changes_role(name: str, **options):
    """Register ``change(account, role, params)`` as the operation ``name``: it is given
    the role the request names, which is stored again after it; the response is what
    ``change`` returns (nothing, for most)."""
    def register(change):
        def handler(account, params, caller):
            role = account.get("role", params["RoleName"])
            response = change(account, role, params)
            account.update("role", role)
            return response or {}
        operation(name, resource=ROLE, **options)(handler)
        return change
    return register


@operation("CreateRole", resource=ROLE, context=tag_context)
def create_role(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"""
    role = new_principal(
        account, "role", params,
        AssumeRolePolicyDocument=_trust_policy(account, params["AssumeRolePolicyDocument"]),
        MaxSessionDuration=params.get("MaxSessionDuration") or 3600)
    if params.get("Description"):
        role["Description"] = params["Description"]
    account.insert("role", role)
    return {"Role": role}


@operation("GetRole", writes=False, resource=ROLE)
def get_role(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html"""
    return {"Role": account.get("role", params["RoleName"])}


@operation("ListRoles", writes=False, resource=path_resource("role"))
def list_roles(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html"""
    return page(under_path(account.listing("role"), params), params, "Roles", _NOT_LISTED)


@_changes_role("UpdateRole")
def update_role(account, role, params):
    """Description and / or MaxSessionDuration; what the request leaves out stays
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html)."""
    for field in ("Description", "MaxSessionDuration"):
        if params.get(field) is not None:
            role[field] = params[field]


@_changes_role("UpdateRoleDescription")
def update_role_description(account, role, params):
    """Answers with the updated role
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html)."""
    role["Description"] = params["Description"]
    return {"Role": role}


@_changes_role("UpdateAssumeRolePolicy")
def update_assume_role_policy(account, role, params):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html"""
    role["AssumeRolePolicyDocument"] = _trust_policy(account, params["PolicyDocument"])


@operation("DeleteRole", resource=ROLE)
def delete_role(account, params, caller):
    """Refused while the role has inline or attached policies
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html)."""
    role = account.get("role", params["RoleName"])
    inline.require_none(role)
    attachments.require_none(role)
    account.remove("role", role)
    return {}


@_changes_role("TagRole", context=tag_context)
def tag_role(account, role, params):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html"""
    tagging.add(account, role, params["Tags"])


@_changes_role("UntagRole")
def untag_role(account, role, params):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html"""
    tagging.remove(role, params["TagKeys"])


@operation("ListRoleTags", writes=False, resource=ROLE)
def list_role_tags(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html"""
    return tagging.listing(account.get("role", params["RoleName"]), params)


@_changes_role("PutRolePermissionsBoundary", context=boundary_context)
def put_role_permissions_boundary(account, role, params):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html"""
    role["PermissionsBoundary"] = boundary(account, params["PermissionsBoundary"])


@_changes_role("DeleteRolePermissionsBoundary")
def delete_role_permissions_boundary(account, role, params):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html"""
    role.pop("PermissionsBoundary", None)


def _trust_policy(account, text: str) -> str:
    """A trust policy as IAM stores it: valid as one, within AssumeRolePolicySize."""
    return checked(text, account, "AssumeRolePolicySizeQuota", TRUST, what="the trust policy")
