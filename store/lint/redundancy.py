"""What a policy says twice: actions and resource ARNs another entry of the same element
already covers (Access Analyzer's REDUNDANT_ACTION, REDUNDANT_RESOURCE), and statements
another statement of the same policy makes redundant (REDUNDANT_STATEMENT).

Access Analyzer reports a statement repeated as is. Here a statement is also redundant
when another with the same effect covers all it does (every action, every resource, the
same principals, and no condition or the same one), and an Allow is when a Deny of the
same policy, unconditionally or under the same condition, denies everything it allows:
it can never grant anything. Patterns are compared as written (``patterns``).
"""

from .actions import expand
from .document import Stmt
from .issues import Problem
from .patterns import action_covers, all_covered, arn_covers

_PAIRS = 40_000  # statement pairs compared at most: a policy's worth, and bounded time


def check(doc):
    for stmt in doc.statements:
        yield from _entries(stmt, "Action", action_covers, "REDUNDANT_ACTION",
                            "The action {inner} is redundant because {outer} provides similar "
                            "permissions. Update the policy to remove the redundant action "
                            "such as: {inner}.")
        yield from _entries(stmt, "Resource", arn_covers, "REDUNDANT_RESOURCE",
                            "The resource ARN {inner} is redundant because {outer} references "
                            "the same resource. Review the use of wildcards (*).")
    statements = doc.statements
    if len(statements) * (len(statements) - 1) > _PAIRS:
        return
    for stmt in statements:
        found = next((other for other in statements if other is not stmt
                      and _outdoes(other, stmt)), None)
        if found is not None:
            yield _redundant(stmt, found)


def _entries(stmt: Stmt, key: str, covers, code: str, words: str):
    """Entries another entry of the same element covers (the later of two equal ones).
    A plain entry covers only its equal; a pattern only entries of its own service, or
    any when its service has a wildcard: so each entry is compared with few others, which
    keeps a long list (ReadOnlyAccess has over a thousand actions) quick."""
    fold = str.lower if key == "Action" else str
    first, patterns, wild = {}, {}, []
    for i, element in enumerate(stmt.elements(key)):
        first.setdefault(fold(element.value), (i, element))
        if any(w in element.value for w in "*?"):
            service = _service(element.value, key)
            (wild if service is None else patterns.setdefault(service, [])).append((i, element))
    for i, inner in enumerate(stmt.elements(key)):
        if key == "Action" and expand(inner.value) == ():
            continue  # not an action at all: INVALID_ACTION says so
        j, equal = first[fold(inner.value)]
        service = _service(inner.value, key)
        candidates = wild + ([pair for found in patterns.values() for pair in found]
                             if service is None else patterns.get(service, []))
        outer = equal if j < i else next(
            (o for j, o in candidates if j != i and covers(o.value, inner.value)
             and (j < i or not covers(inner.value, o.value))), None)
        if outer is not None:
            yield Problem(code, words.format(inner=inner.value, outer=outer.value), inner.path)


def _service(value: str, key: str) -> str | None:
    """The service an Action or Resource entry names, lower-cased; None for any."""
    parts = value.split(":")
    service = parts[0] if key == "Action" else parts[2] if len(parts) > 2 else "*"
    return None if "*" in service or "?" in service else service.lower()


def _outdoes(other: Stmt, stmt: Stmt) -> bool:
    """Whether ``other`` leaves ``stmt`` nothing to do: it covers it with the same effect
    (the later of two equal statements is the redundant one), or it is a Deny that
    cancels the Allow ``stmt`` is."""
    if other.allow == stmt.allow:
        return _covers(other, stmt) and (other.index < stmt.index or not _covers(stmt, other))
    return stmt.allow and _covers(other, stmt)


def _covers(outer: Stmt, inner: Stmt) -> bool:
    if outer.condition and outer.condition != inner.condition:
        return False
    if "NotPrincipal" in outer.raw or "NotPrincipal" in inner.raw:
        return False
    principal = outer.raw.get("Principal")
    if principal not in ("*", {"AWS": "*"}) and principal != inner.raw.get("Principal"):
        return False
    return (_element(outer, inner, "Action", action_covers)
            and _element(outer, inner, "Resource", arn_covers))


def _element(outer: Stmt, inner: Stmt, name: str, covers) -> bool:
    """Whether ``outer``'s Action (or Resource) takes in all of ``inner``'s: with the plain
    element, every inner entry is covered by an outer one; with the Not form, every
    entry ``outer`` excludes is one ``inner`` excludes too."""
    negated = f"Not{name}"
    if name not in outer.raw and negated not in outer.raw:
        return name not in inner.raw and negated not in inner.raw  # trust policies: no Resource
    if "*" in [e.value for e in outer.elements(name)]:
        return True
    if name in outer.raw and name in inner.raw:
        return all_covered(_values(inner, name), _values(outer, name), covers)
    if negated in outer.raw and negated in inner.raw:
        return all_covered(_values(outer, negated), _values(inner, negated), covers)
    return False


def _values(stmt: Stmt, key: str) -> list[str]:
    return [element.value for element in stmt.elements(key)]


def _redundant(stmt: Stmt, other: Stmt) -> Problem:
    name = _name(other)
    if other.allow != stmt.allow:
        details = (f"This statement allows nothing: {name} denies everything it allows. "
                   "Update the policy to remove the redundant statement.")
        fix = f"Remove this statement, or narrow {name}."
    elif _covers(stmt, other):
        details = (f"The statements are redundant because they provide identical permissions "
                   f"({name}). Update the policy to remove the redundant statement.")
        fix = None
    else:
        details = (f"This statement is redundant because {name} already "
                   f"{'allows' if stmt.allow else 'denies'} everything it does. Update the "
                   "policy to remove the redundant statement.")
        fix = None
    return Problem("REDUNDANT_STATEMENT", details, stmt.path, fix)


def _name(stmt: Stmt) -> str:
    where = "Statement" + (f"[{stmt.index}]" if len(stmt.path) > 1 else "")
    return f"{where} ({stmt.raw['Sid']})" if stmt.raw.get("Sid") else where
