"""A policy document parsed, validated and compiled once, to be evaluated many times.

Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html

``parse_policy(text, kind)`` returns an immutable ``Policy`` (cached by text) or raises
``PolicyValidationError`` naming the place. The kind says which elements a document
may carry: identity-based policies (also boundaries, session policies and SCPs) name
no Principal; resource-based policies must; role trust policies name no Resource.

Deciding needs no place in the text, so a document is first read without offsets
(``jsonsource.load_plain``, the C scanner); only a document that is not valid is read
again with them, to say where, and a statement's position is found the first time it
is asked for (``Statement.start``, by an explanation or the simulator).
"""

import functools
import re
from dataclasses import dataclass, field

from . import arn as arns
from .conditions import ConditionValueError, compile_test, parse_operator
from .errors import PolicyValidationError
from .jsonsource import JsonArray, JsonObject, Source, load, load_plain
from .principals import InvalidPrincipal, PrincipalSet
from .variables import Template
from .wildcard import Wildcard

IDENTITY = "identity"
RESOURCE = "resource"
TRUST = "trust"
KINDS = (IDENTITY, RESOURCE, TRUST)

# SimulateCustomPolicy's limit for one document (botocore: policyDocumentType max 131072).
SIMULATOR_MAX_LENGTH = 131_072
VERSIONS = ("2012-10-17", "2008-10-17")

_TOP_KEYS = ("Version", "Id", "Statement")
_STATEMENT_KEYS = ("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
                   "Resource", "NotResource", "Condition")
_ACTION = re.compile(r"([A-Za-z0-9*?-]+):([A-Za-z0-9*?_-]+)\Z")
_CACHE_LIMIT = 4096  # entries kept per policy for each lookup cache


class Resources:
    """A Resource / NotResource list: ``*``, or ARNs matched part by part."""

    __slots__ = ("anything", "fixed", "templated")

    def __init__(self, values: list[str], variables: bool):
        self.anything = "*" in values
        fixed, templated = [], []
        for value in values:
            template = Template.parse(value, variables)
            if template.has_variables:
                templated.append(template)
            else:
                fixed.append(arns.fixed_pattern(template))
        self.fixed = tuple(fixed)
        self.templated = tuple(templated)

    def match_fixed(self, resource: str) -> bool:
        """Whether a pattern without variables matches: the same for every request."""
        if self.anything:
            return True
        for segments in self.fixed:
            if arns.matches_segments(resource, segments):
                return True
        return False

    def match(self, resource: str, context) -> bool:
        if self.anything:
            return True
        for segments in self.fixed:
            if arns.matches_segments(resource, segments):
                return True
        for template in self.templated:
            pieces = template.pieces(context)  # None: a variable without value matches nothing
            if pieces is not None and arns.matches_segments(resource, arns.segment_pattern(pieces)):
                return True
        return False

    def variable_keys(self) -> tuple[str, ...]:
        return tuple(k for template in self.templated for k in template.variable_keys)


class _Positions:
    """Where a document's statements start and end: found with the positional scanner
    the first time one is asked for, then kept."""

    __slots__ = ("text", "spans")

    def __init__(self, text: str):
        self.text = text
        self.spans = None

    def of(self, index: int) -> tuple[tuple[int, int], tuple[int, int]]:
        if self.spans is None:
            self.spans = _statement_spans(self.text)
        return self.spans[index]


def _statement_spans(text: str) -> tuple:
    """Each statement's (start, end) in a valid document, as (line, column). End is just
    after the statement's '}'; AWS reports Start as just after the token before it: the
    '[' for the first of a list, the previous statement's '}' for later ones, its own
    '{' for a lone statement object (research notes in
    tests/evaluator/test_elements_statement.py)."""
    source = Source(text)
    raw = load(text)["Statement"]
    spans, start = [], raw.start + 1
    for node in raw if isinstance(raw, JsonArray) else [raw]:
        spans.append((source.position(start), source.position(node.end)))
        start = node.end
    return tuple(spans)


@dataclass(frozen=True, slots=True, eq=False)
class Statement:
    """One compiled statement. ``start`` / ``end`` are (line, column) as AWS's
    simulator reports a statement's StartPosition / EndPosition, counted the first time
    any statement of the document is asked for its place."""

    index: int
    sid: str | None
    allow: bool
    actions: tuple          # Wildcards over lower-cased action names
    not_action: bool
    resources: Resources | None
    not_resource: bool
    principals: PrincipalSet | None
    not_principal: bool
    conditions: tuple       # ConditionTests, all of which must hold
    services: frozenset | None  # service prefixes Action can match; None: any
    positions: _Positions = field(repr=False)
    resource_varies: bool = False  # Resource holds policy variables: match per request

    @property
    def start(self) -> tuple[int, int]:
        return self.positions.of(self.index)[0]

    @property
    def end(self) -> tuple[int, int]:
        return self.positions.of(self.index)[1]

    @property
    def effect(self) -> str:
        return "Allow" if self.allow else "Deny"

    def matches_action(self, action: str) -> bool:
        """``action`` must be lower-cased."""
        for pattern in self.actions:
            if pattern.matches(action):
                return not self.not_action
        return self.not_action

    def matches_resource(self, resource: str, context) -> bool:
        if self.resources is None:  # a trust policy: the resource is the role itself
            return True
        return self.resources.match(resource, context) != self.not_resource

    def conditions_hold(self, context, missing=None) -> bool:
        if missing is None:
            for test in self.conditions:
                if not test.holds(context):
                    return False
            return True
        held = True
        for test in self.conditions:  # explaining: look at every key, to list the missing
            if not test.holds(context, missing):
                held = False
        return held

    def missing_resource_keys(self, context) -> list[str]:
        """The variables in Resource that the request gives no value (as written)."""
        if self.resources is None:
            return []
        return [k for k in self.resources.variable_keys() if k.lower() not in context]


@dataclass(frozen=True, eq=False)
class Policy:
    """A compiled policy document."""

    text: str
    kind: str
    version: str | None
    id: str | None
    statements: tuple[Statement, ...]
    _by_service: dict = field(repr=False)
    _generic: tuple = field(repr=False)
    _for_action: dict = field(default_factory=dict, repr=False)
    _for_request: dict = field(default_factory=dict, repr=False)

    @property
    def variables(self) -> bool:
        return self.version == "2012-10-17"

    def statements_for(self, action: str) -> tuple[Statement, ...]:
        """The statements whose Action / NotAction covers ``action`` (lower-cased), in
        document order. Computed once per action and kept."""
        found = self._for_action.get(action)
        if found is None:
            service = action.partition(":")[0]
            candidates = self._by_service.get(service, ()) + self._generic
            found = tuple(sorted((s for s in candidates if s.matches_action(action)),
                                 key=lambda s: s.index))
            if len(self._for_action) >= _CACHE_LIMIT:
                self._for_action.clear()
            self._for_action[action] = found
        return found

    def candidates(self, action: str, resource: str) -> tuple[Statement, ...]:
        """The statements that may apply to ``action`` (lower-cased) on ``resource``:
        Action and any variable-free Resource already match; what is left to check per
        request is the principal, a Resource with policy variables, and conditions.
        Kept per (action, resource), so asking again — for the next principal, the next
        keystroke — costs a dictionary lookup."""
        key = (action, resource)
        found = self._for_request.get(key)
        if found is None:
            found = tuple(s for s in self.statements_for(action)
                          if s.resources is None or s.resources.templated
                          or s.resources.match_fixed(resource) != s.not_resource)
            if len(self._for_request) >= _CACHE_LIMIT:
                self._for_request.clear()
            self._for_request[key] = found
        return found


def parse_policy(text: str, kind: str = IDENTITY,
                 max_length: int | None = SIMULATOR_MAX_LENGTH) -> Policy:
    """Parse and validate a policy document; the result is cached by text and kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown policy kind {kind!r}")
    if not isinstance(text, str):
        raise PolicyValidationError("the policy document must be text")
    if max_length is not None and len(text) > max_length:
        raise PolicyValidationError(
            f"the policy document is {len(text):,} characters; the limit is {max_length:,}")
    return _parse(text, kind)


@functools.lru_cache(maxsize=65536)
def _parse(text: str, kind: str) -> Policy:
    doc = load_plain(text)
    if doc is not None:
        try:
            return _Parser(text, kind, located=False).policy(doc)
        except _Unlocated:
            pass  # something is wrong: parse again with offsets, to say where
    return _Parser(text, kind, located=True).policy(load(text))


class _Unlocated(Exception):
    """A document parsed without offsets is not valid (the message needs a place)."""


class _Parser:
    """Validates and compiles one parsed document. ``located``: its objects and arrays
    are jsonsource's, with offsets and repeated keys; otherwise plain (and no key
    repeats), and any failure raises _Unlocated for the caller to parse again."""

    def __init__(self, text: str, kind: str, located: bool):
        self.text = text
        self.kind = kind
        self.located = located
        self.positions = _Positions(text)

    def fail(self, message: str, path: str, node=None):
        if not self.located:
            raise _Unlocated
        line = column = None
        if isinstance(node, (JsonObject, JsonArray)):
            line, column = Source(self.text).position(node.start)
        raise PolicyValidationError(message, path, line, column)

    def object(self, node, path: str, allowed: tuple | None = None) -> dict:
        """``node`` as a JSON object without repeated keys; with ``allowed``, only
        those keys."""
        if not isinstance(node, dict):
            self.fail("must be a JSON object", path, node)
        if isinstance(node, JsonObject) and node.duplicates:
            self.fail(f"duplicate key {node.duplicates[0]!r}", path, node)
        for key in node:
            if allowed is not None and key not in allowed:
                self.fail(f"unknown element {key!r} (expected one of {', '.join(allowed)})",
                          path, node)
        return node

    def strings(self, node, path: str, owner) -> list[str]:
        values = [node] if isinstance(node, str) else node
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail("must be a string or a list of strings", path, owner)
        if not values:
            self.fail("must not be an empty list", path, owner)
        return values

    def policy(self, doc) -> Policy:
        if not isinstance(doc, dict):
            self.fail("the policy must be a JSON object", "", doc)
        self.object(doc, "", _TOP_KEYS)
        version = doc.get("Version")
        if version is not None and version not in VERSIONS:
            self.fail(f"Version must be one of {', '.join(VERSIONS)}, not {version!r}",
                      "Version", doc)
        policy_id = doc.get("Id")
        if policy_id is not None and not isinstance(policy_id, str):
            self.fail("must be a string", "Id", doc)
        if "Statement" not in doc:
            self.fail("Missing required field Statement", "", doc)
        raw = doc["Statement"]
        variables = version == "2012-10-17"
        if isinstance(raw, list):
            if not raw:
                self.fail("must hold at least one statement", "Statement", raw)
            nodes = [(node, f"Statement[{i}]") for i, node in enumerate(raw)]
        else:
            nodes = [(raw, "Statement")]
        statements, sids = [], set()
        for index, (node, path) in enumerate(nodes):
            statement = self.statement(node, path, index, variables)
            if statement.sid is not None:
                if statement.sid in sids:
                    self.fail("Statement IDs (SID) in a single policy must be unique "
                              f"({statement.sid!r} repeats)", path, node)
                sids.add(statement.sid)
            statements.append(statement)
        by_service, generic = {}, []
        for statement in statements:
            if statement.services is None:
                generic.append(statement)
            else:
                for service in statement.services:
                    by_service.setdefault(service, []).append(statement)
        return Policy(self.text, self.kind, version, policy_id, tuple(statements),
                      {k: tuple(v) for k, v in by_service.items()}, tuple(generic))

    def statement(self, node, path, index, variables) -> Statement:
        self.object(node, path, _STATEMENT_KEYS)
        sid = node.get("Sid")
        if sid is not None and not isinstance(sid, str):
            self.fail("Sid must be a string", f"{path}.Sid", node)
        if "Effect" not in node:
            self.fail("Missing required field Effect", path, node)
        effect = node["Effect"]
        if effect not in ("Allow", "Deny"):
            self.fail(f'Effect must be "Allow" or "Deny" (case-sensitive), not {effect!r}',
                      f"{path}.Effect", node)
        actions, not_action, services = self.actions(node, path)
        resources, not_resource = self.resources(node, path, variables)
        principals, not_principal = self.principals(node, path)
        conditions = self.conditions(node.get("Condition"), f"{path}.Condition", node, variables)
        return Statement(index, sid, effect == "Allow", actions, not_action, resources,
                         not_resource, principals, not_principal, conditions, services,
                         self.positions, resources is not None and bool(resources.templated))

    def exclusive(self, node, path, name):
        negated = f"Not{name}"
        if name in node and negated in node:
            self.fail(f"a statement cannot have both {name} and {negated}", path, node)
        if negated in node:
            return negated, True
        return (name, False) if name in node else (None, False)

    def actions(self, node, path):
        key, negated = self.exclusive(node, path, "Action")
        if key is None:
            self.fail("Missing required field Action", path, node)
        values = self.strings(node[key], f"{path}.{key}", node)
        patterns, services = [], set()
        for value in values:
            if value != "*":
                shape = _ACTION.match(value)
                if shape is None:
                    self.fail(f"{value!r}: Actions/Conditions must be prefaced by a vendor, "
                              "e.g., iam, sdb, ec2, etc.", f"{path}.{key}", node)
                service = shape.group(1).lower()
            patterns.append(Wildcard.compile(value.lower()))
            if value == "*" or "*" in service or "?" in service:
                services = None
            elif services is not None:
                services.add(service)
        if negated:
            services = None
        return tuple(patterns), negated, (frozenset(services) if services is not None else None)

    def resources(self, node, path, variables):
        key, negated = self.exclusive(node, path, "Resource")
        if key is None:
            if self.kind == IDENTITY:
                self.fail("Missing required field Resource", path, node)
            return None, False
        if self.kind == TRUST:
            self.fail(f"Has prohibited field {key}: a trust policy applies to its role",
                      f"{path}.{key}", node)
        values = self.strings(node[key], f"{path}.{key}", node)
        for value in values:
            if value != "*" and not (value.startswith("arn:") and
                                     (arns.split(value) is not None or value.endswith("*"))):
                self.fail(f'Resource {value} must be in ARN format or "*".', f"{path}.{key}", node)
        return Resources(values, variables), negated

    def principals(self, node, path):
        key, negated = self.exclusive(node, path, "Principal")
        if key is None:
            if self.kind != IDENTITY:
                self.fail("Missing required field Principal", path, node)
            return None, False
        if self.kind == IDENTITY:
            self.fail(f"Has prohibited field {key}: identity-based policies apply to whoever "
                      "they are attached to", f"{path}.{key}", node)
        raw = node[key]
        if isinstance(raw, JsonObject) and raw.duplicates:
            self.fail(f"duplicate key {raw.duplicates[0]!r}", f"{path}.{key}", raw)
        try:
            return PrincipalSet.parse(raw), negated
        except InvalidPrincipal as err:
            self.fail(str(err), f"{path}.{key}", raw if isinstance(raw, dict) else node)

    def conditions(self, raw, path, owner, variables) -> tuple:
        if raw is None:
            return ()
        block = self.object(raw, path)
        tests = []
        for operator_name, keys in block.items():
            op_path = f"{path}.{operator_name}"
            parsed = parse_operator(operator_name)
            if parsed is None:
                self.fail(f"unknown condition operator {operator_name!r}", op_path, block)
            keys = self.object(keys, op_path)
            if not keys:
                self.fail("must name at least one condition key", op_path, keys)
            for key, values in keys.items():
                key_path = f"{op_path}.{key}"
                if ":" not in key:
                    self.fail(f"condition key {key!r}: Actions/Conditions must be prefaced "
                              "by a vendor, e.g., iam, sdb, ec2, etc.", key_path, keys)
                values = [values] if not isinstance(values, list) else values
                if not values:
                    self.fail("must have at least one value", key_path, keys)
                for value in values:
                    if not isinstance(value, (str, int, float)) or value is None:
                        self.fail("condition values must be strings, numbers or booleans",
                                  key_path, keys)
                try:
                    tests.append(compile_test(operator_name, parsed, key, values, variables))
                except ConditionValueError as err:
                    self.fail(str(err), key_path, keys)
        return tuple(tests)
