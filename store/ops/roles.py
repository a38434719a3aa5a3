"""IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
UpdateAssumeRolePolicy, DeleteRole, tags and permissions boundaries.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (and siblings).

A role's trust policy (AssumeRolePolicyDocument) is kept as the text it was given; its
attached policies as ARNs (``AttachedPolicies``), its inline ones as ``{name: text}``.
"""

from evaluator import TRUST

from ..documents import checked
from ..operations import entity_change, entity_resource, operation, path_resource, tag_context
from . import attachments, inline, tagging
from .paging import page, under_path
from .users import new_principal, register_boundary_operations

ROLE = entity_resource("role", "RoleName", "Path")

# What ListRoles leaves out of each role, though GetRole shows it
# (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html).
_NOT_LISTED = ("PermissionsBoundary", "RoleLastUsed", "Tags")


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


@entity_change("role", "UpdateRole")
def update_role(account, role, params):
    """Description and / or MaxSessionDuration; what the request leaves out stays
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html)."""
    for field in ("Description", "MaxSessionDuration"):
        if params.get(field) is not None:
            role[field] = params[field]


@entity_change("role", "UpdateRoleDescription")
def update_role_description(account, role, params):
    """Answers with the updated role
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html)."""
    role["Description"] = params["Description"]
    return {"Role": role}


@entity_change("role", "UpdateAssumeRolePolicy")
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


def _trust_policy(account, text: str) -> str:
    """A trust policy as IAM stores it: valid as one, within AssumeRolePolicySize."""
    return checked(text, account, "AssumeRolePolicySizeQuota", TRUST, what="the trust policy")


tagging.register_operations("role")
register_boundary_operations("role")
