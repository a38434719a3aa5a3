"""Checks on the Condition element: keys that do not exist, operators that do not fit the
key's type, set qualifiers on the wrong kind of key, keys the statement's actions never
carry, and aws:SourceIp values that can never match.

Every code here is Access Analyzer's. A key's type and whether it is multivalued come
from the catalog (``store.catalog.condition_key``: the services' keys and AWS's global
keys); whether an action carries a key, from ``store.catalog.supports``. Keys of OIDC and
other identity providers (``token.actions.githubusercontent.com:sub``, any prefix with a
dot) are the provider's own: no catalog lists them, so they are not checked.
Multivalued keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
"""

import ipaddress
import re

from .. import catalog
from .actions import expand
from .document import Stmt
from .issues import Problem

# Operator families by the start of the operator's name, in the catalog's type words.
_FAMILIES = (("String", "String"), ("Numeric", "Numeric"), ("Date", "Date"), ("Bool", "Bool"),
             ("Binary", "Binary"), ("IpAddress", "IPAddress"), ("NotIpAddress", "IPAddress"),
             ("Arn", "ARN"), ("Null", "Null"))
_TAG_WITHOUT_KEY = re.compile(r"[\w.-]+:(resource|request|principal)tag/?\Z", re.IGNORECASE)
_RESOURCE_TAG = "aws:resourcetag/"
_ACTION_LISTED = ("aws:requesttag/", "aws:tagkeys")  # global, yet listed per action
_PRIVATE = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128"))


class Operator:
    """A condition operator's name read into its parts: ``ForAnyValue:StringLikeIfExists``."""

    def __init__(self, name: str):
        qualifier, _, base = name.rpartition(":")
        self.name = name
        self.qualifier = qualifier or None
        self.if_exists = base.endswith("IfExists")
        self.base = base.removesuffix("IfExists")
        self.family = next(f for prefix, f in _FAMILIES if self.base.startswith(prefix))
        self.negated = "Not" in self.base

    @property
    def needs_key(self) -> bool:
        """Whether the condition is false when the request lacks the key, as the evaluator
        decides it (``ConditionTest._when_absent``): not for Null, IfExists, ForAllValues
        or a negated operator; always for ForAnyValue."""
        if self.family == "Null" or self.if_exists or self.qualifier == "ForAllValues":
            return False
        return self.qualifier == "ForAnyValue" or not self.negated


def check(doc):
    for stmt in doc.statements:
        if "Condition" in stmt.raw and not stmt.condition:
            yield Problem("EMPTY_OBJECT_CONDITION", "This condition block is empty and it does "
                          "not affect the policy. Specify conditions.", stmt.path + ("Condition",))
        for operator, keys in stmt.condition.items():
            yield from _same_keys(keys, stmt.path + ("Condition", operator))
        for operator, key, values, path in stmt.conditions():
            op = Operator(operator)
            info = yield from _key(key, path)
            if info is not None:
                yield from _types(op, key, info, path)
            yield from _values(op, key, values, path)
            yield from _carried(stmt, op, key, path)


def unsupported(stmt: Stmt, key: str) -> list[str] | None:
    """The Action entries none of whose actions carries ``key``, or None when the key is
    not one that actions list (a global key, an unknown one) or the statement's actions
    cannot be told (NotAction, ``*``)."""
    lower = key.lower()
    listed = lower.startswith((_RESOURCE_TAG,) + _ACTION_LISTED)
    if stmt.not_action or not listed and (catalog.global_key(key)
                                          or not catalog.condition_key(key)):
        return None
    found = []
    for element in stmt.actions:
        actions = expand(element.value)
        if actions is None:
            return None
        if actions and not any(catalog.supports(action, key) for action in actions):
            found.append(element.value)
    return found


def _key(key: str, path: tuple):
    """Problems with the key's name; returns the catalog's key, or None."""
    lower = key.lower()
    prefix = lower.partition(":")[0]
    if lower == "aws:arn":
        yield Problem("UNSUPPORTED_GLOBAL_CONDITION_KEY", "The condition key aws:ARN is not "
                      "supported. Use aws:PrincipalArn or aws:SourceArn instead.", path)
        return None
    if _TAG_WITHOUT_KEY.match(key):
        yield Problem("MISSING_TAG_KEY_IN_CONDITION", f"The condition key {key} must include a "
                      "tag key to control access based on tags. Use the format "
                      f"{key.rstrip('/')}/tag-key and specify a key name for tag-key.", path)
        return None
    if "." in prefix:
        return None  # an identity provider's key
    found = catalog.condition_key(key)
    if found is None:
        if prefix == "aws":
            yield Problem("INVALID_GLOBAL_CONDITION_KEY",
                          f"The condition key {key} does not exist. Use a valid condition key.",
                          path)
        elif catalog.service(prefix) is None:
            yield Problem("INVALID_SERVICE", f"The service {prefix} does not exist. Use a valid "
                          "service name.", path)
        else:
            yield Problem("INVALID_SERVICE_CONDITION_KEY", f"The condition key {key} does not "
                          f"exist in the service {prefix}. Use a valid condition key.", path)
    return found


def _types(op: Operator, key: str, info: catalog.ConditionKey, path: tuple):
    types = info.base_types
    if op.family != "Null" and op.family not in types and not (op.family == "String"
                                                                and "ARN" in types):
        yield Problem("TYPE_MISMATCH", f"Use the operator type {types[0]} instead of operator "
                      f"{op.base} for the condition key {key}.", path,
                      f"Use a {types[0]} operator for {key}.")
    if info.multivalued and op.qualifier is None and op.family != "Null":
        yield Problem("MISSING_QUALIFIER", f"The request context key {key} has multiple values. "
                      "Use the ForAllValues or ForAnyValue condition key qualifiers in your "
                      "policy.", path, f"Use ForAnyValue:{op.name} or ForAllValues:{op.name}.")
    if not info.multivalued and op.qualifier == "ForAllValues":
        yield Problem("FORALLVALUES_WITH_SINGLE_VALUED_KEY", "Using ForAllValues qualifier with "
                      f"the single-valued condition key {key} can be overly permissive. We "
                      "recommend that you remove ForAllValues:.", path)


def _values(op: Operator, key: str, values: list[str], path: tuple):
    if op.base in ("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                   "StringNotEqualsIgnoreCase") and any(
            "*" in v.replace("${*}", "") or "?" in v.replace("${?}", "") for v in values):
        yield Problem("WILDCARD_WITHOUT_LIKE_OPERATOR", "Your condition value includes a * or ? "
                      "character. If you meant to use a wildcard (*, ?), update the condition "
                      "operator to include Like.", path,
                      f"Use {op.name.replace('Equals', 'Like').replace('IgnoreCase', '')} "
                      "for wildcards.")
    if key.lower() == "aws:sourceip" and op.family == "IPAddress":
        yield from _private(op, values, path)


def _private(op: Operator, values: list[str], path: tuple):
    """aws:SourceIp only ever holds public addresses (its page in the global keys)."""
    private = [is_private(value) for value in values]
    if not any(private):
        return
    negated = "NOT_" if op.negated else ""
    if all(private):
        details = ("The values for condition key aws:SourceIp include only private IP "
                   "addresses and " + ("has no effect." if op.negated else
                                       "will not have the desired effect.") +
                   " aws:SourceIp works only for public IP address ranges. Update the value "
                   "to include only public IP addresses.")
        yield Problem(f"PRIVATE_{negated}IP_ADDRESS", details, path)
    else:
        yield Problem(f"PRIVATE_{negated}IP_ADDRESS_SUBSET", "The values for condition key "
                      "aws:SourceIp include a mix of private and public IP addresses. The "
                      "private addresses " + ("have no effect." if op.negated else
                                              "will not have the desired effect.") +
                      " aws:SourceIp works only for public IP address ranges. To define "
                      "permissions for private IP ranges, use aws:VpcSourceIp.", path)


def is_private(value: str) -> bool:
    """Whether an address or range lies inside a private network: RFC 1918's, loopback,
    link-local, and IPv6's unique-local. (Python's ``is_private`` also counts the
    documentation ranges such as 203.0.113.0/24, which are public as far as AWS can tell.)
    """
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        return False
    return any(network.version == private.version and network.subnet_of(private)
               for private in _PRIVATE)


def _carried(stmt: Stmt, op: Operator, key: str, path: tuple):
    """Keys the statement's actions never carry: AA's UNSUPPORTED_ACTION_FOR_CONDITION_KEY,
    or for aws:ResourceTag its own pair of checks by service."""
    if op.family == "Null" or op.if_exists:
        return  # the statement asks about the key's absence itself
    resource_tag = key.lower().startswith(_RESOURCE_TAG)
    if resource_tag and stmt.not_action:
        effect = "Deny" if not stmt.allow else "Allow"
        yield Problem(f"{effect.upper()}_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                      f"Using the effect {effect} with NotAction and the tag condition key "
                      + ("can be overly permissive because some service actions are not "
                         "denied by this statement." if effect == "Deny" else
                         "allows only service actions that support the condition key.")
                      + " The condition key doesn't apply to some service actions. We "
                      "recommend that you use Action instead of NotAction.", path)
        return
    missing = unsupported(stmt, key)
    if not missing:
        return
    if resource_tag:
        prefixes = ", ".join(sorted({name.partition(":")[0].lower() for name in missing}))
        if stmt.allow:
            yield Problem("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                          "Using the effect Allow with the tag condition key and actions for "
                          f"services with the following prefixes does not affect the policy: "
                          f"{prefixes}. Actions for the listed service are not allowed by this "
                          "statement. We recommend that you move these actions to a different "
                          "statement without this condition key.", path)
        else:
            yield Problem("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                          "Using the effect Deny with the tag condition key and actions for "
                          "services with the following prefixes can be overly permissive: "
                          f"{prefixes}. Actions for the listed services are not denied by this "
                          "statement. We recommend that you move these actions to a different "
                          "statement without this condition key.", path)
        return
    yield Problem("UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
                  f"The following actions: {', '.join(missing)} are not supported by the "
                  f"condition key {key}. The condition will not be evaluated for these "
                  "actions. We recommend that you move these actions to a different statement "
                  "without this condition key.", path)


def _same_keys(keys: dict, path: tuple):
    seen = {}
    for key in keys:
        first = seen.setdefault(key.lower(), key)
        if first != key:
            yield Problem("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", f"The condition key {key} appears "
                          f"more than once with different capitalization ({first}) in the same "
                          "condition block. Remove the duplicate condition keys.", path + (key,))
