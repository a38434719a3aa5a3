"""Who can do this action on this resource: every principal of the account that would
be allowed, each with the statements that allow it.

The principals are every IAM user, every role (asked about as a session of the role, as
store.analysis does: roles act only through sessions) and the root user. Each is decided
as AWS would (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
on the fast path (evaluate without explanation, with the policies store.analysis keeps
between calls); only those allowed are decided again with explanation, to name the
statements that allow them (store.explain). IAM Access Analyzer's findings answer a like
question on AWS (https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html).
"""

from dataclasses import dataclass

from evaluator import evaluate
from evaluator.decision import IDENTITY, RESOURCE

from .analysis import Gathering, role_session
from .explain import StatementRef, explanation
from .principals import Identity, root


@dataclass(frozen=True)
class Grant:
    """One principal that would be allowed: ``kind`` is ``user``, ``role`` or ``root``;
    ``statements`` are the ones the allow rests on (none for the root user, which needs
    no policy in its own account); ``reason`` says which step allowed it."""

    kind: str
    name: str
    arn: str
    reason: str
    statements: tuple[StatementRef, ...]


def who_can(account, action: str, resource: str, context: dict | None = None) -> list[Grant]:
    """Every principal allowed ``action`` on ``resource``: users, then roles (each by
    name), then the root user."""
    gathering = Gathering(account, resource, context)
    granted = []
    for kind, arn, identity in principals(account):
        if not identity.is_root and not _may_allow(gathering.policies(identity)[1],
                                                   action, resource):
            continue
        request, policies = gathering.request(identity, action)
        if evaluate(request, policies, explain=False).allowed:
            told = explanation(account, identity, request, policies,
                               evaluate(request, policies, explain=True))
            granted.append(Grant(kind, identity.name or "root", arn, told.reason,
                                 told.deciding))
    return granted


def _may_allow(policies, action: str, resource: str) -> bool:
    """Whether any identity-based or resource-based Allow statement is for this action
    and resource. Without one nothing can allow the request (only those two kinds grant:
    the evaluation logic page above), so the principal is implicitly denied whatever the
    conditions, and deciding it can be skipped."""
    table = policies.candidates(action.lower(), resource)
    return bool(table.get((IDENTITY, True)) or table.get((RESOURCE, True)))


def principals(account) -> list[tuple[str, str, Identity]]:
    """``(kind, ARN, Identity)`` for every user and role, by name, and the root user;
    each list kept until its table changes."""
    users = account.database.derived("principals", "users", lambda _: [
        ("user", user["Arn"], Identity("user", user["Arn"], account.id, user["UserName"]))
        for user in account.listing("user")])
    roles = account.database.derived("principals", "roles", lambda _: [
        ("role", role["Arn"], role_session(account.id, role["RoleName"]))
        for role in account.listing("role")])
    identity = root(account.id)
    return [*users, *roles, ("root", identity.arn, identity)]
