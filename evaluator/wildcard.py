"""Wildcard patterns (``*`` any run of characters, ``?`` one character), matched in
linear time.

A pattern is split at its stars into fixed-length segments. The first segment must
match at the start, the last at the end, and each middle one is taken at its leftmost
place after the one before: with fixed-length segments, leftmost is always right, so
there is no backtracking and no input can make matching slow. ``?`` inside a segment is
handled by a regular expression with no repetition at all, which cannot backtrack.

Patterns may also carry *literal* ``*`` and ``?`` (from the policy-variable escapes
``${*}`` and ``${?}``): they are given as pieces, see ``Wildcard.from_pieces``.
"""

import functools
import re

STAR = object()   # a wildcard star among pattern pieces
QMARK = object()  # a wildcard question mark among pattern pieces


class _Segment:
    """A fixed-length run of literal characters and single-character wildcards."""

    __slots__ = ("text", "length", "regex")

    def __init__(self, parts: str | list):
        """``parts``: literal text, or a list of characters and QMARKs."""
        self.length = len(parts)
        if isinstance(parts, str):
            self.text = parts
            self.regex = None
        elif QMARK in parts:
            self.text = None
            self.regex = re.compile(
                "".join("." if p is QMARK else re.escape(p) for p in parts), re.DOTALL)
        else:
            self.text = "".join(parts)
            self.regex = None

    def match_at(self, s: str, pos: int) -> bool:
        if self.regex is None:
            return s.startswith(self.text, pos)
        return self.regex.match(s, pos) is not None

    def find(self, s: str, pos: int, end: int) -> int:
        if self.regex is None:
            return s.find(self.text, pos, end)
        found = self.regex.search(s, pos, end)
        return -1 if found is None else found.start()


class Wildcard:
    """A compiled pattern. ``matches(s)`` is linear in ``len(s)`` for a given pattern."""

    __slots__ = ("pattern", "exact", "anything", "_head", "_middle", "_tail", "_min")

    def __init__(self, pattern: str, segments: list):
        """``segments``: what lies between the wildcard stars, each as _Segment takes it."""
        self.pattern = pattern
        compiled = [_Segment(seg) for seg in segments]
        stars = len(segments) - 1
        self.anything = stars > 0 and not any(segments)
        self.exact = compiled[0].text if stars == 0 else None  # None: '?' in it
        self._head = compiled[0]
        self._tail = compiled[-1] if stars else None
        self._middle = tuple(seg for seg in compiled[1:-1] if seg.length)
        self._min = sum(seg.length for seg in compiled)

    @staticmethod
    def compile(pattern: str) -> "Wildcard":
        """A pattern where every ``*`` and ``?`` is a wildcard (compiled once per text:
        policies repeat the same patterns, and a Wildcard never changes)."""
        return _compile(pattern)

    @classmethod
    def from_pieces(cls, pieces: list) -> "Wildcard":
        """A pattern from literal strings and the STAR / QMARK markers."""
        segments, current = [], []
        for piece in pieces:
            if piece is STAR:
                segments.append(current)
                current = []
            elif piece is QMARK:
                current.append(QMARK)
            else:
                current.extend(piece)
        segments.append(current)
        return cls("".join("*" if p is STAR else "?" if p is QMARK else p for p in pieces),
                   segments)

    def matches(self, s: str) -> bool:
        if self.exact is not None:
            return s == self.exact
        if self.anything:
            return True
        n = len(s)
        if n < self._min:
            return False
        head, tail = self._head, self._tail
        if tail is None:  # no star: one fixed-length segment with '?' in it
            return n == head.length and head.match_at(s, 0)
        if not head.match_at(s, 0):
            return False
        end = n - tail.length
        if not tail.match_at(s, end):
            return False
        pos = head.length
        for seg in self._middle:
            found = seg.find(s, pos, end)
            if found < 0:
                return False
            pos = found + seg.length
        return pos <= end

    def __repr__(self) -> str:
        return f"Wildcard({self.pattern!r})"


@functools.lru_cache(maxsize=8192)
def _compile(pattern: str) -> Wildcard:
    if "?" in pattern:
        return Wildcard.from_pieces([QMARK if ch == "?" else STAR if ch == "*" else ch
                                     for ch in pattern])
    return Wildcard(pattern, pattern.split("*"))
