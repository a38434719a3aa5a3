"""Policy variables: ``${aws:username}`` and friends in Resource and condition values.

A value is parsed once into a ``Template``: literal text, variables (with an optional
``${key, 'default'}``) and the escapes ``${*}``, ``${?}``, ``${$}`` that stand for a
literal character. At request time the template renders against the request context.
A variable whose key the request lacks, with no default, leaves the value matching
nothing (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html,
"Request information that you can use for policy variables" / no-value behaviour).
Under Version 2008-10-17, or with no Version, values are taken literally.
"""

import functools
import re

from .wildcard import QMARK, STAR, Wildcard

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_ESCAPES = {"*": "*", "?": "?", "$": "$"}
_DEFAULT = re.compile(r"\s*'([^']*)'\s*\Z")


class Template:
    """A string that may hold policy variables."""

    __slots__ = ("source", "parts", "has_variables", "variable_keys", "plain")

    def __init__(self, source: str, parts: tuple):
        self.source = source
        self.parts = parts  # ("text", s) | ("literal", ch) | ("var", key_lower, default, key)
        # the source when it is all text, every * and ? a wildcard (the common case,
        # compiled without going through pieces); else None
        self.plain = parts[0][1] if len(parts) == 1 and parts[0][0] == "text" else None
        if self.plain is not None:
            self.has_variables, self.variable_keys = False, ()
            return
        self.has_variables = any(part[0] == "var" for part in parts)
        # keys, as written, whose absence leaves the value without text (no default)
        self.variable_keys = tuple(part[3] for part in parts
                                   if part[0] == "var" and part[2] is None)

    @classmethod
    def parse(cls, source: str, variables: bool) -> "Template":
        if not variables or "${" not in source:
            return cls(source, (("text", source),))
        parts, pos = [], 0
        for found in _VARIABLE.finditer(source):
            inner = found.group(1)
            if found.start() > pos:
                parts.append(("text", source[pos:found.start()]))
            pos = found.end()
            if inner in _ESCAPES:
                parts.append(("literal", _ESCAPES[inner]))
                continue
            key, _, default = inner.partition(",")
            key = key.strip()
            if not key:
                parts.append(("text", found.group(0)))
                continue
            fallback = None
            if default:
                quoted = _DEFAULT.match(default)
                fallback = quoted.group(1) if quoted else default.strip()
            parts.append(("var", key.lower(), fallback, key))
        if pos < len(source):
            parts.append(("text", source[pos:]))
        return cls(source, tuple(parts))

    def render(self, context) -> str | None:
        """The value as plain text (escapes resolved); None when a variable has no value."""
        if self.plain is not None:
            return self.plain
        out = []
        for part in self.parts:
            if part[0] == "var":
                value = lookup(context, part[1], part[2])
                if value is None:
                    return None
                out.append(value)
            else:
                out.append(part[1])
        return "".join(out)

    def pieces(self, context, fold_case: bool = False) -> tuple | None:
        """The value as wildcard pieces, one character each: ``*``/``?`` written in the
        policy are the STAR / QMARK markers, those from escapes or variable values are
        literal characters. None when a variable has no value."""
        pieces = []
        for part in self.parts:
            if part[0] == "text":
                text = part[1].lower() if fold_case else part[1]
                pieces.extend(STAR if ch == "*" else QMARK if ch == "?" else ch for ch in text)
            elif part[0] == "literal":
                pieces.append(part[1])
            else:
                value = lookup(context, part[1], part[2])
                if value is None:
                    return None
                pieces.extend(value.lower() if fold_case else value)
        return tuple(pieces)

    def wildcard(self, context, fold_case: bool = False) -> Wildcard | None:
        """The value as a compiled wildcard pattern; None when a variable has no value."""
        if self.plain is not None:
            return Wildcard.compile(self.plain.lower() if fold_case else self.plain)
        pieces = self.pieces(context, fold_case)
        return None if pieces is None else compiled(pieces)


def lookup(context, key: str, default: str | None) -> str | None:
    """A single-valued context key's value for substitution, else the default."""
    value = context.get(key)
    if value is None or value.multivalued or len(value.values) != 1:
        return default
    return value.values[0]


@functools.lru_cache(maxsize=8192)
def compiled(pieces: tuple) -> Wildcard:
    """A wildcard for a rendered pattern, shared by every value that renders the same."""
    return Wildcard.from_pieces(list(pieces))
