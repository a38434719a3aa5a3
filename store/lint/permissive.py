"""Allow statements that grant more than they seem to.

Access Analyzer's pass-role checks (SECURITY_WARNING) and create-service-linked-role
checks (WARNING), in their six shapes each: the action named or reached by a wildcard or
by NotAction, on a wildcard Resource or through NotResource. Their details are the
reference's words. Also its ALLOW_WITH_NOT_PRINCIPAL, and three of iamtui's own in the
same spirit (the reference has no basic check for them):

- ALLOW_WITH_NOT_ACTION / ALLOW_WITH_NOT_RESOURCE: "NotAction matches all services and
  actions that are not explicitly listed ... and could result in granting users more
  permissions than you intended", and likewise NotResource
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
  .../reference_policies_elements_notresource.html).
- ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE: every action (``*``) or every action of a
  service (``s3:*``) on every resource, with no condition: the opposite of least
  privilege (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html).
"""

from dataclasses import dataclass

from .document import Stmt
from .issues import Problem
from .patterns import action_covers, covers


@dataclass(frozen=True)
class _Grant:
    """An action whose grant on every resource of its kind is a risk."""

    action: str
    prefix: str          # of the issue codes
    resources: str       # the resource part every such resource matches
    condition_key: str   # the key that narrows the grant to what is meant
    star_in_resource: str   # AA's details, one per shape
    star_in_action_and_resource: str
    star_in_resource_and_not_action: str
    not_resource: str
    star_in_action_and_not_resource: str
    not_action_and_not_resource: str


_PASS_ROLE = _Grant(
    "iam:PassRole", "PASS_ROLE_WITH_", "role/*", "iam:passedtoservice",
    "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive "
    "because it allows iam:PassRole permissions on multiple resources. We recommend that you "
    "specify resource ARNs or add the iam:PassedToService condition key to your statement.",
    "Using wildcards (*) in the action and the resource can be overly permissive because it "
    "allows iam:PassRole permissions on all resources. We recommend that you specify resource "
    "ARNs or add the iam:PassedToService condition key to your statement.",
    "Using a resource with wildcards (*) and NotAction can be overly permissive because it "
    "allows iam:PassRole permissions on all resources. We recommend that you specify resource "
    "ARNs or add the iam:PassedToService condition key to your statement.",
    "Using the iam:PassRole action with NotResource can be overly permissive because it can "
    "allow iam:PassRole permissions on multiple resources. We recommend that you specify "
    "resource ARNs instead.",
    "Using an action with a wildcard (*) and NotResource can be overly permissive because it "
    "can allow iam:PassRole permissions on multiple resources. We recommend that you specify "
    "resource ARNs instead.",
    "Using NotAction with NotResource can be overly permissive because it can allow "
    "iam:PassRole permissions on multiple resources. We recommend that you specify resource "
    "ARNs instead.")

_CREATE_SLR = _Grant(
    "iam:CreateServiceLinkedRole", "CREATE_SLR_WITH_", "role/aws-service-role/*",
    "iam:awsservicename",
    "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow "
    "creation of unintended service-linked roles. We recommend that you specify resource ARNs "
    "instead.",
    "Using wildcards (*) in the action and the resource can allow creation of unintended "
    "service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all "
    "resources. We recommend that you specify resource ARNs instead.",
    "Using a resource with wildcards (*) and NotAction can allow creation of unintended "
    "service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all "
    "resources. We recommend that you specify resource ARNs instead.",
    "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of "
    "unintended service-linked roles for multiple resources. We recommend that you specify "
    "resource ARNs instead.",
    "Using an action with a wildcard(*) and NotResource can allow creation of unintended "
    "service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on "
    "multiple resources. We recommend that you specify resource ARNs instead.",
    "Using NotAction with NotResource can allow creation of unintended service-linked roles "
    "because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We "
    "recommend that you specify resource ARNs instead.")


def check(doc):
    for stmt in doc.statements:
        if not stmt.allow:
            continue
        for grant in (_PASS_ROLE, _CREATE_SLR):
            found = _grant(stmt, grant)
            if found:
                yield found
        if "NotPrincipal" in stmt.raw:
            yield Problem("ALLOW_WITH_NOT_PRINCIPAL", "Using Allow with NotPrincipal can be "
                          "overly permissive. We recommend that you use Principal instead.",
                          stmt.path + ("NotPrincipal",))
        if stmt.not_action:
            yield Problem("ALLOW_WITH_NOT_ACTION", "Using Allow with NotAction allows every "
                          "action of every service except those listed, including actions AWS "
                          "adds later. We recommend that you use Action instead.",
                          stmt.path + ("NotAction",))
        if stmt.not_resource:
            yield Problem("ALLOW_WITH_NOT_RESOURCE", "Using Allow with NotResource allows the "
                          "actions on every resource except those listed, including resources "
                          "created later. We recommend that you use Resource instead.",
                          stmt.path + ("NotResource",))
        yield from _everything(stmt)


def _grant(stmt: Stmt, grant: _Grant) -> Problem | None:
    """The finding for ``grant``'s action allowed on all its resources, in its shape."""
    if any(key.lower() == grant.condition_key for _, key, _, _ in stmt.conditions()):
        return None
    if stmt.not_action:
        if any(action_covers(e.value, grant.action) for e in stmt.actions):
            return None
        action_shape = "not_action"
    else:
        covering = [e.value for e in stmt.actions if action_covers(e.value, grant.action)]
        if not covering:
            return None
        named = any(value.lower() == grant.action.lower() for value in covering)
        action_shape = "named" if named else "star"
    resources = stmt.resources
    if stmt.not_resource:
        if any(_every(e.value, grant.resources) for e in resources):
            return None  # it excludes them all
        where, shape = stmt.path + ("NotResource",), {
            "named": "not_resource", "star": "star_in_action_and_not_resource",
            "not_action": "not_action_and_not_resource"}[action_shape]
    else:
        starred = [e for e in resources if _every(e.value, grant.resources)]
        if not starred:
            return None
        where, shape = starred[0].path, {
            "named": "star_in_resource", "star": "star_in_action_and_resource",
            "not_action": "star_in_resource_and_not_action"}[action_shape]
    return Problem(grant.prefix + shape.upper(), getattr(grant, shape), where)


def _every(pattern: str, resources: str) -> bool:
    """Whether a Resource pattern matches every IAM resource whose resource part is
    ``resources`` (``role/*``), in whatever account."""
    if pattern == "*":
        return True
    parts = pattern.split(":", 5)
    if len(parts) == 6:
        return covers(parts[2], "iam") and covers(parts[5], resources)
    return pattern.endswith("*") and covers(pattern, "arn:aws:iam::0:" + resources)


def _everything(stmt: Stmt):
    if stmt.not_action or stmt.not_resource or stmt.condition:
        return
    if not any(e.value == "*" for e in stmt.resources):
        return
    for element in stmt.actions:
        service, _, name = element.value.partition(":")
        if element.value == "*":
            yield Problem("ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE", 'Allowing every action ("*") '
                          'on every resource ("*") grants full administrator access: every '
                          "action of every service, including IAM itself.", element.path)
        elif name == "*":
            yield Problem("ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE", f"Allowing every {service} "
                          f'action ("{element.value}") on every resource ("*") grants full '
                          f"control of {service}, including deleting its resources and "
                          "changing who may use them.", element.path)
