"""What may this principal do? Its effective permissions as concrete actions (wildcards
expanded with the action catalog), each with the resources it reaches.

Without a resource, the answer is read from the principal's own policies
(store.principals.policy_set), following AWS's evaluation logic
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):

- an action is granted where an identity policy's Allow names it, on the resources that
  statement names (``NotResource``: everything except those);
- a permissions boundary and session policies must allow it too: the grant is narrowed
  to the resources they allow, and gone where they allow none of it;
- an explicit Deny (anywhere) takes away what it covers: all of a grant (the grant is
  dropped), part of it (shown as an exception: "bucket/* except bucket/secret/*"), or,
  with ``NotResource``, everything outside what it lists (the grant narrows to that).

Patterns are compared as AWS matches ARNs, with the evaluator's matcher: pattern P covers
pattern Q when P matches Q's text (its ``*`` read as characters). Conditions are not
evaluated here: a grant that an Allow grants only under conditions is marked
``conditional``; a conditional Deny is shown as an exception (it may take that part away)
and never removes a grant. Resource-based policies grant per resource, so they count
when a resource is given: then each action that can act on such a resource is decided
with store.analysis, exactly as ``iamtui can`` decides it.
"""

import dataclasses
import functools

import orjson

from evaluator import ALLOWED, evaluate
from evaluator.policy import Resources
from evaluator.wildcard import Wildcard

from . import catalog
from .analysis import principal, request_for
from .errors import NoSuchEntity
from .principals import policy_set


@dataclasses.dataclass(frozen=True)
class Scope:
    """Where an action is allowed: ``resource`` (an ARN pattern) except ``excepts``."""

    resource: str
    excepts: tuple[str, ...] = ()
    conditional: bool = False


@dataclasses.dataclass(frozen=True)
class Permission:
    action: catalog.Action
    scopes: tuple[Scope, ...]


def what_can(account, name: str, service: str | None = None,
             resource: str | None = None) -> tuple[str, list[Permission]]:
    """The ARN ``name`` stands for and what it may do, in catalog order. NoSuchEntity for
    an unknown principal or service."""
    identity = principal(account, name)
    if service is not None and catalog.service(service) is None:
        raise NoSuchEntity(f"The action catalog has no service with prefix {service}.")
    actions = catalog.expand(f"{service}:*" if service else "*")
    if resource is not None:
        return identity.arn, _on_resource(account, identity, actions, resource)
    if identity.is_root:  # the root user may do anything in its account
        return identity.arn, [Permission(a, (Scope("*"),)) for a in actions]
    policies = policy_set(account, identity)
    grants = _grants(_statements(policies.identity), actions, service)
    for guardrail in (policies.boundary, policies.session):
        if guardrail:
            _narrow(grants, _statements(guardrail))
    every = _statements((*policies.identity, *policies.boundary, *policies.session))
    _deny(grants, [(s, raw) for s, raw in every if not s.allow])
    permissions = []
    for action in actions:
        scopes = tuple(s for s in grants.get(action.full_name, ()) if _takes(action, s.resource))
        if scopes:
            permissions.append(Permission(action, scopes))
    return identity.arn, permissions


def _on_resource(account, identity, actions, resource: str) -> list[Permission]:
    """Each action that acts on resources shaped like ``resource``, decided on it."""
    actions = [a for a in actions if any(_arn_matcher(t.arn).match_fixed(resource)
                                         for t in a.resource_types)]
    if not actions:
        return []
    request, policies = request_for(account, identity, actions[0].full_name, resource)
    return [Permission(a, (Scope(resource),)) for a in actions
            if evaluate(dataclasses.replace(request, action=a.full_name), policies,
                        explain=False).decision == ALLOWED]


def _statements(bounds) -> list[tuple]:
    return [(s, _raw(b.policy.text, s.index)) for b in bounds for s in b.policy.statements]


def _grants(statements, actions, service) -> dict[str, list[Scope]]:
    """action -> the scopes the identity policies' Allows give it."""
    known = {a.full_name.lower(): a.full_name for a in actions}
    grants: dict[str, list[Scope]] = {}
    for statement, raw in statements:
        if statement.allow:
            scopes = _scopes_of(statement, raw)
            for full_name in _covered(statement, known, service):
                grants.setdefault(full_name, []).extend(scopes)
    return grants


def _narrow(grants, statements) -> None:
    """Keep of each grant what the guardrail's Allows (boundary or session) allow too."""
    for full_name, scopes in grants.items():
        lower = full_name.lower()
        allowed = [(s, raw) for s, raw in statements if s.allow and s.matches_action(lower)]
        grants[full_name] = [kept for scope in scopes for kept in
                             _within_any(scope, allowed)]


def _within_any(scope: Scope, allowed) -> list[Scope]:
    narrowed = []
    for statement, raw in allowed:
        patterns, negated = raw
        if negated:  # allows everything except those
            narrowed += _minus(scope, patterns, statement.conditions)
        else:
            narrowed += _within(scope, patterns, statement.conditions)
    return _distinct(narrowed)


def _deny(grants, denies) -> None:
    for full_name, scopes in grants.items():
        lower = full_name.lower()
        for statement, (patterns, negated) in denies:
            if statement.matches_action(lower):
                apply = _within if negated else _minus
                scopes = [kept for scope in scopes
                          for kept in apply(scope, patterns, statement.conditions)]
        grants[full_name] = _distinct(scopes)


def _minus(scope: Scope, patterns, conditional) -> list[Scope]:
    """``scope`` without what ``patterns`` cover."""
    if not conditional and any(_covers(p, scope.resource) for p in patterns):
        return []
    if conditional and any(_covers(p, scope.resource) for p in patterns):
        return [dataclasses.replace(scope, conditional=True)]
    carved = tuple(p for p in patterns if _covers(scope.resource, p) and p not in scope.excepts)
    return [dataclasses.replace(scope, excepts=scope.excepts + carved)]


def _within(scope: Scope, patterns, conditional) -> list[Scope]:
    """What of ``scope`` lies inside ``patterns``."""
    if any(_covers(p, scope.resource) for p in patterns):
        return [scope]
    if conditional:  # may or may not take the rest away
        return [dataclasses.replace(scope, conditional=True)]
    return [Scope(p, tuple(e for e in scope.excepts if _covers(p, e)), scope.conditional)
            for p in patterns if _covers(scope.resource, p)
            and not any(_covers(e, p) for e in scope.excepts)]


def _distinct(scopes: list[Scope]) -> list[Scope]:
    """Without repeats, and without a scope another plain scope already covers."""
    kept = []
    for scope in dict.fromkeys(scopes):
        if not any(other is not scope and not other.excepts and not other.conditional
                   and other.resource != scope.resource and _covers(other.resource, scope.resource)
                   for other in scopes):
            kept.append(scope)
    return kept


def _scopes_of(statement, raw) -> list[Scope]:
    patterns, negated = raw
    conditional = bool(statement.conditions)
    if negated:
        return [Scope("*", tuple(patterns), conditional)]
    return [Scope(p, (), conditional) for p in patterns]


def _covered(statement, known: dict, service) -> list[str]:
    """The catalog actions (of ``known``: lower-cased -> as written) an Allow covers."""
    if statement.not_action:
        return [name for lower, name in known.items() if statement.matches_action(lower)]
    found = []
    for pattern in statement.actions:
        if service and not pattern.pattern.startswith((f"{service.lower()}:", "*")):
            continue  # Wildcard.pattern is the lower-cased text of the Action entry
        found += (a.full_name for a in catalog.expand(pattern.pattern)
                  if a.full_name.lower() in known)
    return found


@functools.lru_cache(maxsize=4096)
def _raw(text: str, index: int) -> tuple[tuple[str, ...], bool]:
    """Statement ``index``'s Resource (or NotResource, then True) patterns, as written:
    the compiled statement keeps matchers, the person wants to read the ARNs."""
    return _resource_lists(text)[index]


@functools.lru_cache(maxsize=1024)
def _resource_lists(text: str) -> list[tuple[tuple[str, ...], bool]]:
    statements = orjson.loads(text)["Statement"]
    lists = []
    for statement in statements if isinstance(statements, list) else [statements]:
        negated = "NotResource" in statement
        value = statement["NotResource" if negated else "Resource"]
        lists.append((tuple([value] if isinstance(value, str) else value), negated))
    return lists


@functools.lru_cache(maxsize=65536)
def _covers(outer: str, inner: str) -> bool:
    """Whether every ARN ``inner`` matches is one ``outer`` matches (see the module's
    docstring: ``outer`` matches ``inner``'s text)."""
    return outer == "*" or outer == inner or Resources([outer], False).match_fixed(inner)


def _takes(action: catalog.Action, pattern: str) -> bool:
    """Whether a Resource pattern can name something ``action`` acts on: ``*`` always;
    otherwise the pattern's service part must match the service part of one of the
    action's resource types (an action that takes none is granted only on ``*``)."""
    return pattern == "*" or _service_matches(
        pattern, tuple(t.arn.split(":")[2] for t in action.resource_types))


@functools.lru_cache(maxsize=65536)
def _service_matches(pattern: str, services: tuple[str, ...]) -> bool:
    parts = pattern.split(":")
    if len(parts) < 3:
        return False
    match = Wildcard.compile(parts[2].lower())
    return any(match.matches(s) for s in services)


@functools.lru_cache(maxsize=4096)
def _arn_matcher(template: str) -> Resources:
    """A catalog ARN template (``arn:${Partition}:s3:::${BucketName}``) as a pattern."""
    pattern, rest = "", template
    while "${" in rest:
        head, _, rest = rest.partition("${")
        pattern += head + "*"
        rest = rest.partition("}")[2]
    return Resources([pattern + rest], False)
