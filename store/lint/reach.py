"""A Deny statement that can never apply: iamtui's DENY_NEVER_APPLIES (a SECURITY_WARNING,
since whoever wrote it believes something is denied that is not).

A Deny applies only when its action, its resource and its condition all match the request
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
It never does when:
- NotAction or NotResource lists ``*``: it matches no action, or no resource;
- none of its actions acts on a resource its Resource names (``actions.scoped_out``);
- a condition needs a key none of its actions carries (``conditions.unsupported``): a
  condition is false when the request lacks its key, unless it is negated, IfExists,
  ForAllValues or Null (operators page, "Important");
- aws:SourceIp compared, positively, with private addresses only: AWS sets it to public
  addresses only (AA's PRIVATE_IP_ADDRESS).
The finding sits on the statement; the checks that found each reason report it too.
"""

from .actions import scoped_out
from .conditions import Operator, is_private, unsupported
from .document import Stmt
from .issues import Problem


def check(doc):
    for stmt in doc.statements:
        if stmt.allow:
            continue
        reason = _never(stmt)
        if reason:
            yield Problem("DENY_NEVER_APPLIES", f"This Deny statement never applies: {reason}. "
                          "The requests it seems to deny are not denied by it.", stmt.path)


def _never(stmt: Stmt) -> str | None:
    if stmt.not_action and "*" in [e.value for e in stmt.actions]:
        return 'its NotAction excludes every action ("*")'
    if stmt.not_resource and "*" in [e.value for e in stmt.resources]:
        return 'its NotResource excludes every resource ("*")'
    actions = stmt.actions
    if not stmt.not_action and actions and len(scoped_out(stmt)) == len(actions):
        return "none of its actions acts on a resource that its Resource names"
    for operator, key, values, _ in stmt.conditions():
        op = Operator(operator)
        if not op.needs_key:
            continue
        missing = unsupported(stmt, key)
        if missing is not None and actions and len(missing) == len(actions):
            return (f"none of its actions carries the condition key {key}, so its condition "
                    "never holds")
        if (key.lower() == "aws:sourceip" and op.family == "IPAddress"
                and all(map(is_private, values))):
            return "aws:SourceIp never holds a private address"
    return None
