"""Checks on Action entries against the action catalog: services and actions that do not
exist, wildcards in service names, and actions that take no resource of the type the
statement's Resource names.

Access Analyzer's INVALID_SERVICE_IN_ACTION, INVALID_ACTION and WILDCARD_IN_SERVICE_NAME;
UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION is iamtui's own
(Access Analyzer has no such basic check): an action granted or denied only on resources
it never acts on does nothing there, as the Service Authorization Reference's resource
types columns say (an action with none takes only ``"Resource": "*"``).
"""

import difflib
import functools

from .. import catalog

from .document import Element, Stmt
from .issues import Problem
from .patterns import arn_meets

_WILDCARDS = ("*", "?")
_NAMED = 3  # resource types named in a finding before "..."


def check(doc):
    for stmt in doc.statements:
        yield from _names(stmt)
        for element, details, fix in scoped_out(stmt):
            yield Problem("UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION", details, element.path, fix)


@functools.lru_cache(maxsize=4096)
def expand(pattern: str) -> tuple[catalog.Action, ...] | None:
    """The catalog's actions an Action entry stands for; None when that is not worth
    asking (``*``, or a wildcard in the service prefix: every service)."""
    service = pattern.partition(":")[0]
    if pattern == "*" or any(w in service for w in _WILDCARDS):
        return None
    if not any(w in pattern for w in _WILDCARDS):
        found = catalog.action(pattern)
        return (found,) if found else ()
    return tuple(catalog.expand(pattern))


def scoped_out(stmt: Stmt) -> list[tuple[Element, str, str | None]]:
    """The Action entries none of whose actions act on a resource the statement's
    Resource names, each with the reason and a fix: (entry, details, fix)."""
    if stmt.not_action or stmt.not_resource or "Resource" not in stmt.raw:
        return []
    arns = [element.value for element in stmt.resources]
    if "*" in arns:
        return []
    found = []
    for element in stmt.actions:
        actions = expand(element.value)
        if not actions or any(_takes(action, arns) for action in actions):
            continue
        found.append((element, *_reason(element.value, actions)))
    return found


def _takes(action: catalog.Action, arns: list[str]) -> bool:
    return any(arn_meets(arn, kind.arn) for kind in action.resource_types for arn in arns)


def _reason(written: str, actions: tuple[catalog.Action, ...]) -> tuple[str, str | None]:
    if len(actions) > 1 or any(w in written for w in _WILDCARDS):
        return (f"None of the {len(actions)} actions {written} stands for acts on a resource "
                "that this statement's Resource names.", None)
    action = actions[0]
    if not action.resource_types:
        return (f"The action {action.full_name} does not support resource-level permissions: "
                'it is allowed or denied only with "Resource": "*".',
                'Move it to a statement with "Resource": "*".')
    kinds = ", ".join(f"{kind.name} ({kind.arn})" for kind in action.resource_types[:_NAMED])
    more = ", ..." if len(action.resource_types) > _NAMED else ""
    return (f"The action {action.full_name} acts on {kinds}{more}; "
            "no ARN in this statement's Resource names one.", None)


def _names(stmt: Stmt):
    for element in stmt.actions:
        written = element.value
        if written == "*":
            continue
        service = written.partition(":")[0]
        if any(w in service for w in _WILDCARDS):
            if service != "*":
                yield _wildcard_service(element)
            continue
        if catalog.service(service) is None:
            guess = _service_guess(service.lower())
            yield Problem("INVALID_SERVICE_IN_ACTION",
                          f"The service {service} specified in the action does not exist."
                          + (f" Did you mean {guess}?" if guess else ""),
                          element.path, f"Did you mean {guess}?" if guess else None)
        elif not expand(written):
            guess = _action_guess(written)
            yield Problem("INVALID_ACTION",
                          f"The action {written} does not exist."
                          + (f" Did you mean {guess}?" if guess else ""),
                          element.path, f"Did you mean {guess}?" if guess else None)
    for element in stmt.resources:
        parts = element.value.split(":")
        if len(parts) > 2 and parts[2] != "*" and any(w in parts[2] for w in _WILDCARDS):
            yield _wildcard_service(element)


def _wildcard_service(element: Element) -> Problem:
    return Problem("WILDCARD_IN_SERVICE_NAME",
                   "Avoid using wildcards (*, ?) in the service name because it might grant "
                   "unintended access to other AWS services with similar names.", element.path)


@functools.lru_cache(maxsize=1024)
def _service_guess(service: str) -> str | None:
    return _guess(service, catalog.services())


@functools.lru_cache(maxsize=1024)
def _action_guess(written: str) -> str | None:
    service = catalog.service(written.partition(":")[0])
    return _guess(written, [action.full_name for action in service.actions.values()])


def _guess(written: str, known) -> str | None:
    """The known name closest to what was written, if one is close (case-insensitive)."""
    by_lower = {name.lower(): name for name in known}
    close = difflib.get_close_matches(written.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None
