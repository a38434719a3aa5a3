"""Comparing wildcard patterns with each other, as the checks need: does one Action or
Resource pattern cover another, can a Resource pattern name a resource of a given type.

Patterns are compared as written, never expanded. ``covers(outer, inner)`` asks whether
``outer`` matches ``inner``'s text with its ``*`` and ``?`` read as plain characters:
then it matches every string ``inner`` matches, except when ``outer``'s ``?`` met one of
``inner``'s ``*`` — that case is refused. ARNs match part by part, as the evaluator
matches them (``evaluator.arn``).
"""

import functools
import re

from evaluator.policy import Resources
from evaluator.wildcard import Wildcard

_VARIABLE = re.compile(r"\$\{[^}]*\}")
_LONGEST = 512  # characters: longer patterns are not compared (and taken to intersect)
# A run of any characters but "/": what ${BucketName} stands for, since bucket names
# hold only letters, digits, dots and hyphens
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), so
# "arn:aws:s3:::bucket/*" names objects and never a bucket.
_NO_SLASH = "\x01"
_STARS = ("*", _NO_SLASH)
_WILD = re.compile("[*?\x01]")


@functools.lru_cache(maxsize=65536)
def covers(outer: str, inner: str) -> bool:
    """Whether wildcard pattern ``outer`` matches every string pattern ``inner`` does."""
    if outer == inner or outer == "*":
        return True
    if "?" in outer and "*" in inner:
        return False
    return Wildcard.compile(outer).matches(inner)


def all_covered(inners: list[str], outers: list[str], covers_one) -> bool:
    """Whether each of ``inners`` is covered by one of ``outers``: a plain entry by an
    equal one (set lookup), otherwise by a pattern (``covers_one``)."""
    fold = str.lower if covers_one is action_covers else str
    plain = {fold(outer) for outer in outers}
    patterns = [outer for outer in outers if _WILD.search(outer)]
    return all(fold(inner) in plain or any(covers_one(o, inner) for o in patterns)
               for inner in inners)


def action_covers(outer: str, inner: str) -> bool:
    """Whether Action pattern ``outer`` allows every action ``inner`` names (any case)."""
    return covers(outer.lower(), inner.lower())


@functools.lru_cache(maxsize=65536)
def arn_covers(outer: str, inner: str) -> bool:
    """Whether Resource pattern ``outer`` matches every ARN ``inner`` matches."""
    if outer == inner or outer == "*":
        return True
    if inner == "*" or "${" in outer or "${" in inner or ("?" in outer and "*" in inner):
        return False
    return Resources([outer], False).match_fixed(inner)


@functools.lru_cache(maxsize=65536)
def arn_meets(pattern: str, template: str) -> bool:
    """Whether Resource pattern ``pattern`` can match an ARN of the catalog's ARN
    ``template`` (``arn:${Partition}:s3:::${BucketName}``): some ARN fits both. A policy
    variable counts as any text."""
    if pattern == "*" or len(pattern) > _LONGEST:
        return True
    parts, slots = list(_split(pattern, "*")), list(_split(template, _slot))
    if len(slots) < 6:
        return False
    if len(parts) < 6:
        if not parts[-1].endswith("*"):
            return False  # too short to be an ARN, and no star to stretch over the rest
        slots = slots[:len(parts) - 1] + [":".join(slots[len(parts) - 1:])]
    parts[2], slots[2] = parts[2].lower(), slots[2].lower()
    return all(_meet(part, slot) for part, slot in zip(parts, slots))


@functools.lru_cache(maxsize=16384)
def _split(arn: str, variable) -> tuple[str, ...]:
    """An ARN pattern's six parts, each policy variable (or catalog placeholder) replaced
    by what it may stand for."""
    return tuple(_VARIABLE.sub(variable, arn).split(":", 5))


def _ends_agree(a: str, b: str) -> bool:
    """Whether the plain text before each pattern's first wildcard can start one string."""
    head_a, head_b = _WILD.split(a, 1)[0], _WILD.split(b, 1)[0]
    return head_a.startswith(head_b) or head_b.startswith(head_a)


def _slot(variable: re.Match) -> str:
    return _NO_SLASH if variable.group(0) == "${BucketName}" else "*"


def _meet(a: str, b: str) -> bool:
    """Whether two wildcard patterns (``*`` any run, ``?`` one character, _NO_SLASH a run
    without "/") share a string: a walk over pairs of positions, at most
    len(a) * len(b) of them, after the quick answers: equal, or one is ``*``, or one is
    plain text (then the other must match it), or their fixed ends differ."""
    if a == b or a == "*" or b == "*":
        return True
    for text, pattern in ((a, b), (b, a)):
        if not _WILD.search(text) and _NO_SLASH not in pattern:
            return covers(pattern, text)
    if not (_ends_agree(a, b) and _ends_agree(a[::-1], b[::-1])):
        return False
    seen, todo, goal = set(), [(0, 0)], (len(a), len(b))
    while todo:
        i, j = state = todo.pop()
        if state == goal:
            return True
        if state in seen:
            continue
        seen.add(state)
        star_a = a[i] if i < len(a) and a[i] in _STARS else None
        star_b = b[j] if j < len(b) and b[j] in _STARS else None
        if star_a:
            todo.append((i + 1, j))  # the star matches nothing
        if star_b:
            todo.append((i, j + 1))
        if i < len(a) and j < len(b) and not (star_a and star_b):
            if star_a:  # the star takes b's next character
                if star_a == "*" or b[j] != "/":
                    todo.append((i, j + 1))
            elif star_b:
                if star_b == "*" or a[i] != "/":
                    todo.append((i + 1, j))
            elif a[i] == b[j] or "?" in (a[i], b[j]):
                todo.append((i + 1, j + 1))
    return False
