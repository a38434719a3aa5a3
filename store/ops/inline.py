"""Inline policies embedded in a user, group or role: Put, Get, List and Delete, one
implementation registered for each kind of entity.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html,
API_GetUserPolicy.html, API_ListUserPolicies.html, API_DeleteUserPolicy.html (and their
Group and Role twins).

The size quota is an aggregate: all of an entity's inline policies together, white space
not counted (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
"""

import re

from ..account import KINDS
from ..documents import checked, decoded
from ..errors import DeleteConflict, LimitExceeded, NoSuchEntity
from ..operations import entity_resource, operation
from .paging import page

_WHITESPACE = re.compile(r"\s+")


def put(kind: str):
    """Put{Kind}Policy: add or replace the named policy, within the aggregate quota."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        text = decoded(params["PolicyDocument"])
        policies = {**entity.get("InlinePolicies", {}), params["PolicyName"]: text}
        _check_aggregate(account, kind, entity[KINDS[kind][1]], policies.values())
        policies[params["PolicyName"]] = checked(text, account, _quota(kind))
        entity["InlinePolicies"] = policies
        account.update(kind, entity)
        return {}
    return handler


def get(kind: str):
    """Get{Kind}Policy: the named policy's document, with the entity's name."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        name_field = KINDS[kind][1]
        return {name_field: entity[name_field], "PolicyName": params["PolicyName"],
                "PolicyDocument": _document(kind, entity, params["PolicyName"])}
    return handler


def listing(kind: str):
    """List{Kind}Policies: the names of the entity's inline policies, paged."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        return page(sorted(entity.get("InlinePolicies", {})), params, "PolicyNames")
    return handler


def delete(kind: str):
    """Delete{Kind}Policy: remove the named policy (it must exist)."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        _document(kind, entity, params["PolicyName"])
        del entity["InlinePolicies"][params["PolicyName"]]
        account.update(kind, entity)
        return {}
    return handler


def require_none(entity: dict) -> None:
    """DeleteUser / DeleteGroup / DeleteRole refuse while inline policies remain."""
    if entity.get("InlinePolicies"):
        raise DeleteConflict("Cannot delete entity, must delete policies first.")


def _entity(account, kind: str, params: dict) -> dict:
    """The user / group / role the request names (UserName, GroupName or RoleName)."""
    return account.get(kind, params[KINDS[kind][1]])


def _document(kind: str, entity: dict, policy_name: str) -> str:
    document = entity.get("InlinePolicies", {}).get(policy_name)
    if document is None:
        raise NoSuchEntity(f"The {kind} policy with name {policy_name} cannot be found.")
    return document


def _quota(kind: str) -> str:
    return f"{kind.capitalize()}PolicySizeQuota"


def _check_aggregate(account, kind: str, name: str, documents) -> None:
    """LimitExceeded, in AWS's words, when the documents together are over the quota."""
    limit = account.quota(_quota(kind))
    if sum(len(_WHITESPACE.sub("", text)) for text in documents) > limit:
        raise LimitExceeded(f"Maximum policy size of {limit} bytes exceeded for {kind} {name}")


def _register(kind: str) -> None:
    title = kind.capitalize()
    resource = entity_resource(kind, KINDS[kind][1])
    operation(f"Put{title}Policy", resource=resource)(put(kind))
    operation(f"Get{title}Policy", writes=False, resource=resource)(get(kind))
    operation(f"List{title}Policies", writes=False, resource=resource)(listing(kind))
    operation(f"Delete{title}Policy", resource=resource)(delete(kind))


for _kind in KINDS:
    _register(_kind)
