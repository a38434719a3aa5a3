"""Managed policies attached to users, groups and roles: Attach, Detach and
ListAttached, one implementation registered for each kind of entity, and
ListEntitiesForPolicy, the same attachments seen from the policy.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html,
API_DetachUserPolicy.html, API_ListAttachedUserPolicies.html (and their Group and Role
twins), API_ListEntitiesForPolicy.html.

An entity keeps the ARNs of its attached policies in ``AttachedPolicies``.
"""

from ..account import KINDS
from ..errors import DeleteConflict, LimitExceeded, NoSuchEntity
from ..operations import entity_resource, operation, policy_arn_context, policy_resource
from .paging import page, under_path

# ListEntitiesForPolicy: the kinds each EntityFilter keeps (no user, group or role is a
# policy, so the policy filters keep none), and the response list of each kind.
_ENTITY_FILTERS = {"User": ("user",), "Group": ("group",), "Role": ("role",),
                   "LocalManagedPolicy": (), "AWSManagedPolicy": ()}
_POLICY_LISTS = {"group": "PolicyGroups", "user": "PolicyUsers", "role": "PolicyRoles"}


def attach(kind: str):
    """Attach{Kind}Policy: the policy must exist; attaching it again changes nothing."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        arn = params["PolicyArn"]
        policy = account.managed_policy(arn)
        if policy is None or not policy.get("IsAttachable", True):
            raise NoSuchEntity(f"Policy {arn} does not exist or is not attachable.")
        attached = entity.get("AttachedPolicies", [])
        if arn in attached:
            return {}
        limit = account.quota(f"AttachedPoliciesPer{kind.capitalize()}Quota")
        if len(attached) >= limit:
            raise LimitExceeded(
                f"Cannot exceed quota for PoliciesPer{kind.capitalize()}: {limit}")
        entity["AttachedPolicies"] = attached + [arn]
        account.update(kind, entity)
        return {}
    return handler


def detach(kind: str):
    """Detach{Kind}Policy: the policy must be attached to the entity."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        arn = params["PolicyArn"]
        attached = entity.get("AttachedPolicies", [])
        if arn not in attached:
            raise NoSuchEntity(f"Policy {arn} was not found.")
        entity["AttachedPolicies"] = [each for each in attached if each != arn]
        account.update(kind, entity)
        return {}
    return handler


def listing(kind: str):
    """ListAttached{Kind}Policies: name and ARN of each, PathPrefix on the policy's path."""
    def handler(account, params, caller):
        entity = _entity(account, kind, params)
        policies = [account.managed_policy(arn) for arn in entity.get("AttachedPolicies", [])]
        attached = [{"PolicyName": policy["PolicyName"], "PolicyArn": policy["Arn"]}
                    for policy in under_path([p for p in policies if p is not None], params)]
        return page(attached, params, "AttachedPolicies")
    return handler


@operation("ListEntitiesForPolicy", writes=False, resource=policy_resource)
def list_entities_for_policy(account, params, caller):
    """The groups, users and roles the policy is attached to or is the permissions
    boundary of, paged across the three lists
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html)."""
    arn = account.get_managed_policy(params["PolicyArn"])["Arn"]
    kinds = _ENTITY_FILTERS.get(params.get("EntityFilter"), tuple(_POLICY_LISTS))
    entries = [(kind, entity) for kind in _POLICY_LISTS if kind in kinds
               for entity in under_path(account.listing(kind), params)
               if _uses(entity, arn, params.get("PolicyUsageFilter"))]
    result = page(entries, params, "Entities")
    response = {key: [] for key in _POLICY_LISTS.values()}
    for kind, entity in result.pop("Entities"):
        response[_POLICY_LISTS[kind]].append(entity)
    return {**response, **result}


def require_none(entity: dict) -> None:
    """DeleteUser / DeleteGroup / DeleteRole refuse while managed policies are attached."""
    if entity.get("AttachedPolicies"):
        raise DeleteConflict("Cannot delete entity, must detach all policies first.")


def _entity(account, kind: str, params: dict) -> dict:
    return account.get(kind, params[KINDS[kind][1]])


def _uses(entity: dict, arn: str, usage: str | None) -> bool:
    """Does ``entity`` use the policy as PolicyUsageFilter asks (either way without it)?"""
    permissions = arn in entity.get("AttachedPolicies", [])
    boundary = entity.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn") == arn
    if usage == "PermissionsPolicy":
        return permissions
    if usage == "PermissionsBoundary":
        return boundary
    return permissions or boundary


def _register(kind: str) -> None:
    title = kind.capitalize()
    resource = entity_resource(kind, KINDS[kind][1])
    operation(f"Attach{title}Policy", resource=resource, context=policy_arn_context)(attach(kind))
    operation(f"Detach{title}Policy", resource=resource, context=policy_arn_context)(detach(kind))
    operation(f"ListAttached{title}Policies", writes=False, resource=resource)(listing(kind))


for _kind in KINDS:
    _register(_kind)
