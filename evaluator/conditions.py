"""The Condition element: every operator family, the IfExists suffix, the ForAllValues /
ForAnyValue set qualifiers and Null.

Semantics follow AWS's pages, cited where a rule is subtle:
- operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- multivalued keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
- evaluation of several keys and values: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html

Several operators, or several keys under one operator, must all hold (AND); several
values for one key match when any does (OR) — and for a negated operator, when the
request value matches none of them.
"""

import base64
import functools
import binascii
import datetime
import ipaddress
import operator
import re

from . import arn as arns
from .variables import Template

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_EPOCH = re.compile(r"-?\d+\Z")
_REDUCED_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?\Z")  # YYYY or YYYY-MM


class ConditionValueError(ValueError):
    """A condition value that does not fit its operator (bad IP, date, number...)."""


# --- values -------------------------------------------------------------------------

def as_text(raw) -> str:
    """Condition values may be JSON strings, numbers or booleans; AWS reads them as text."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        return repr(raw) if isinstance(raw, float) else str(raw)
    return raw


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    text = text.strip()
    return float(text) if _NUMBER.match(text) else None


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> float | None:
    """A W3C ISO 8601 date (``1997``, ``1997-07``, ``1997-07-16``, with a time and zone
    or without: no zone means UTC) or epoch seconds, as seconds since the epoch
    (operators page, "Date condition operators"; http://www.w3.org/TR/NOTE-datetime)."""
    text = text.strip()
    if _EPOCH.match(text):
        return float(int(text))
    reduced = _REDUCED_DATE.match(text)
    if reduced:
        text = f"{reduced.group(1)}-{reduced.group(2) or '01'}-01"
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def parse_bool(text: str) -> str | None:
    lowered = text.strip().lower()
    return lowered if lowered in ("true", "false") else None


@functools.lru_cache(maxsize=4096)
def parse_ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def parse_binary(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


# --- families: how one request value compares with one policy value ------------------

class _Family:
    """Compiles a policy value once; tests one request value against it."""


    def compile(self, text: str, variables: bool):
        return text

    def test(self, value: str, compiled, context) -> bool:
        raise NotImplementedError


class _StringEquals(_Family):
    def __init__(self, fold: bool):
        self.fold = fold

    def compile(self, text, variables):
        template = Template.parse(text, variables)
        if template.has_variables:
            return template
        expected = template.render({})
        return expected.casefold() if self.fold else expected

    def test(self, value, expected, context):
        if isinstance(expected, Template):
            expected = expected.render(context)
            if expected is None:
                return False
            if self.fold:
                expected = expected.casefold()
        return (value.casefold() if self.fold else value) == expected


class _StringLike(_Family):
    def compile(self, text, variables):
        template = Template.parse(text, variables)
        return template if template.has_variables else template.wildcard({})

    def test(self, value, pattern, context):
        if isinstance(pattern, Template):
            pattern = pattern.wildcard(context)
            if pattern is None:
                return False
        return pattern.matches(value)


class _ArnLike(_Family):
    """ArnEquals and ArnLike alike: each of the six colon-separated parts of the ARN is
    matched on its own, with wildcards, so ``*`` does not cross a colon — except a
    pattern with fewer parts whose last part ends in ``*``, which takes the rest."""


    def compile(self, text, variables):
        template = Template.parse(text, variables)
        return template if template.has_variables else arns.fixed_pattern(template)

    def test(self, value, compiled, context):
        if isinstance(compiled, Template):
            pieces = compiled.pieces(context)
            if pieces is None:
                return False
            compiled = arns.segment_pattern(pieces)
        return arns.matches_segments(value, compiled)


class _Numeric(_Family):
    def __init__(self, compare):
        self.compare = compare

    def compile(self, text, variables):
        number = parse_number(text)
        if number is None:
            raise ConditionValueError(f"'{text}' is not a number")
        return number

    def test(self, value, number, context):
        got = parse_number(value)
        return got is not None and self.compare(got, number)


class _Date(_Family):
    def __init__(self, compare):
        self.compare = compare

    def compile(self, text, variables):
        moment = parse_date(text)
        if moment is None:
            raise ConditionValueError(
                f"'{text}' is not a date "
                "(ISO 8601, such as 2026-01-31T12:00:00Z, or epoch seconds)")
        return moment

    def test(self, value, moment, context):
        got = parse_date(value)
        return got is not None and self.compare(got, moment)


class _Bool(_Family):
    def compile(self, text, variables):
        flag = parse_bool(text)
        if flag is None:
            raise ConditionValueError(f"'{text}' is not a boolean (true or false)")
        return flag

    def test(self, value, flag, context):
        return parse_bool(value) == flag


class _Binary(_Family):
    def compile(self, text, variables):
        data = parse_binary(text)
        if data is None:
            raise ConditionValueError(f"'{text}' is not base64-encoded binary")
        return data

    def test(self, value, data, context):
        return parse_binary(value) == data


class _Ip(_Family):
    def compile(self, text, variables):
        try:
            return ipaddress.ip_network(text.strip(), strict=False)
        except ValueError:
            raise ConditionValueError(f"'{text}' is not an IP address or CIDR range") from None

    def test(self, value, network, context):
        address = parse_ip(value)
        return address is not None and address.version == network.version and address in network


_OPERATORS = {
    "StringEquals": (_StringEquals(False), False),
    "StringNotEquals": (_StringEquals(False), True),
    "StringEqualsIgnoreCase": (_StringEquals(True), False),
    "StringNotEqualsIgnoreCase": (_StringEquals(True), True),
    "StringLike": (_StringLike(), False),
    "StringNotLike": (_StringLike(), True),
    "NumericEquals": (_Numeric(operator.eq), False),
    "NumericNotEquals": (_Numeric(operator.eq), True),
    "NumericLessThan": (_Numeric(operator.lt), False),
    "NumericLessThanEquals": (_Numeric(operator.le), False),
    "NumericGreaterThan": (_Numeric(operator.gt), False),
    "NumericGreaterThanEquals": (_Numeric(operator.ge), False),
    "DateEquals": (_Date(operator.eq), False),
    "DateNotEquals": (_Date(operator.eq), True),
    "DateLessThan": (_Date(operator.lt), False),
    "DateLessThanEquals": (_Date(operator.le), False),
    "DateGreaterThan": (_Date(operator.gt), False),
    "DateGreaterThanEquals": (_Date(operator.ge), False),
    "Bool": (_Bool(), False),
    "BinaryEquals": (_Binary(), False),
    "IpAddress": (_Ip(), False),
    "NotIpAddress": (_Ip(), True),
    "ArnEquals": (_ArnLike(), False),
    "ArnLike": (_ArnLike(), False),
    "ArnNotEquals": (_ArnLike(), True),
    "ArnNotLike": (_ArnLike(), True),
}
_QUALIFIERS = {"ForAllValues": "all", "ForAnyValue": "any"}
class ConditionTest:
    """One operator applied to one context key, with its policy values.

    ``holds(context, missing)`` answers whether this part of the Condition is met; when
    ``missing`` is a list, absent keys (and variables without a value) are added to it.
    """

    __slots__ = ("operator", "name", "key", "family", "negated", "if_exists", "qualifier",
                 "null_expects_absent", "values", "variable_keys", "when_absent")

    def __init__(self, operator_name, name, family, negated, if_exists, qualifier,
                 null_expects_absent, values, variable_keys):
        self.operator = operator_name
        self.name = name          # the key as the policy writes it
        self.key = name.lower()   # context keys are case-insensitive
        self.family = family
        self.negated = negated
        self.if_exists = if_exists
        self.qualifier = qualifier
        self.null_expects_absent = null_expects_absent
        self.values = values
        self.variable_keys = variable_keys
        self.when_absent = self._when_absent()

    def _when_absent(self) -> bool:
        """The answer when the request lacks the key (operators page, "Important":
        false, but true for negated operators; IfExists and Null test presence;
        ForAllValues is true and ForAnyValue false for an absent or empty set)."""
        if self.family is None:
            return self.null_expects_absent
        if self.if_exists or self.qualifier == "all":
            return True
        if self.qualifier == "any":
            return False
        return self.negated

    def holds(self, context, missing=None) -> bool:
        found = context.get(self.key)
        if missing is not None:
            for name in self.variable_keys:
                if name.lower() not in context:
                    missing.append(name)
        if found is None or not found.values:
            if missing is not None:
                missing.append(self.name)
            return self.when_absent
        if self.family is None:  # Null, key present
            return not self.null_expects_absent
        if self.qualifier is None:
            # A single-valued operator never matches a multivalued key (aws:TagKeys):
            # single-vs-multi-valued context keys page.
            if found.multivalued:
                return False
            value, test = found.values[0], self.family.test
            for compiled_value in self.values:  # _one, inlined: the common case
                if test(value, compiled_value, context):
                    return not self.negated
            return self.negated
        if self.qualifier == "any":
            return any(self._one(value, context) for value in found.values)
        return all(self._one(value, context) for value in found.values)

    def _one(self, value: str, context) -> bool:
        """Positive operators: the value matches any policy value. Negated ones: it
        matches none of them."""
        test = self.family.test
        for compiled_value in self.values:
            if test(value, compiled_value, context):
                return not self.negated
        return self.negated


def parse_operator(name: str):
    """``ForAnyValue:StringLikeIfExists`` -> (family, negated, if_exists, qualifier),
    or None for an unknown operator. Null is (None, False, False, None)."""
    qualifier = None
    prefix, colon, rest = name.partition(":")
    if colon:
        qualifier = _QUALIFIERS.get(prefix)
        if qualifier is None:
            return None
        name = rest
    if name == "Null":
        return None if qualifier else (None, False, False, None)
    if_exists = name.endswith("IfExists")
    base = name[:-len("IfExists")] if if_exists else name
    entry = _OPERATORS.get(base)
    if entry is None:
        return None
    family, negated = entry
    return family, negated, if_exists, qualifier


def compile_test(operator_name, parsed, key, raw_values, variables):
    """Build a ConditionTest; raise ConditionValueError for a value that does not fit."""
    return _compile_test(operator_name, parsed, key, tuple(map(as_text, raw_values)),
                         variables)


@functools.lru_cache(maxsize=8192)
def _compile_test(operator_name, parsed, key, texts, variables):
    """Kept per operator, key and values: policies repeat the same conditions (MFA, source
    networks, tags), and a ConditionTest never changes once built."""
    family, negated, if_exists, qualifier = parsed
    if family is None:
        flag = parse_bool(texts[0]) if len(texts) == 1 else None
        if flag is None:
            raise ConditionValueError("Null takes one value, true or false")
        return ConditionTest(operator_name, key, None, False, False, None,
                             flag == "true", (), ())
    values = tuple(family.compile(text, variables) for text in texts)
    variable_keys = tuple(
        k for value in values if isinstance(value, Template) for k in value.variable_keys)
    return ConditionTest(operator_name, key, family, negated, if_exists, qualifier,
                         False, values, variable_keys)
