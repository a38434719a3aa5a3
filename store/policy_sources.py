"""Where a statement the evaluator weighed is kept: the stored document a person opens to
read or change it — a managed policy (by ARN), an inline policy (by the user, group or
role holding it) or a resource's own policy — found from the names store.principals
gives each policy it gathers (a StatementRef's ``source`` and ``place``).

A session policy has no such document (it was passed to AssumeRole and lives only in the
session), so it has no source here.
"""

from dataclasses import dataclass

from evaluator.decision import BOUNDARY, IDENTITY, RESOURCE

from .account import KINDS
from .explain import StatementRef
from .principals import Identity

MANAGED, INLINE = "managed", "inline"


@dataclass(frozen=True)
class PolicySource:
    """``kind`` is MANAGED, INLINE or RESOURCE. ``name``: the policy's name (a resource
    policy's: the resource's ARN). ``arn``: the managed policy's or the resource's.
    ``holder_kind`` and ``holder``: the user / group / role an inline policy is in."""

    kind: str
    name: str
    arn: str = ""
    holder_kind: str = ""
    holder: str = ""


def source_of(account, identity: Identity, ref: StatementRef) -> PolicySource | None:
    """The stored document ``ref``'s statement is in, as the account stands; None for a
    session policy, or when the policy is gone since the decision."""
    if ref.place == RESOURCE:
        return PolicySource(RESOURCE, ref.source, ref.source)
    if identity.is_root or ref.place not in (IDENTITY, BOUNDARY):
        return None
    kind = "user" if identity.kind == "user" else "role"
    entity = account.find(kind, identity.name)
    if entity is None:
        return None
    if ref.place == BOUNDARY:
        arn = entity.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
        return PolicySource(MANAGED, ref.source, arn) if arn else None
    holders = [(kind, entity)] + [("group", group) for group in (
        account.by_id("group", group_id) for group_id in entity.get("GroupIds", [])) if group]
    for holder_kind, holder in holders:
        holder_name = holder[KINDS[holder_kind][1]]
        for policy_name in holder.get("InlinePolicies", {}):
            # the label store.principals.policies_of gives an inline policy
            if f"{holder_kind}_{holder_name}_{policy_name}" == ref.source:
                return PolicySource(INLINE, policy_name, "", holder_kind, holder_name)
        for arn in holder.get("AttachedPolicies", []):
            policy = account.managed_policy(arn)
            if policy is not None and policy["PolicyName"] == ref.source:
                return PolicySource(MANAGED, ref.source, arn)
    return None
