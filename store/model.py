"""AWS's own API models for IAM and STS (data/aws-api, from botocore): operation names,
parameter shapes and constraints, response member order.

The store validates every request against them and words failures as AWS's servers do
("1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint:
Member must satisfy regular expression pattern: [\\w+=,.@-]+"); the command line derives
its flags from them.
"""

import datetime
import functools
import gzip
import re
from importlib import resources

import orjson

from .errors import ValidationError

# Java regex classes the models use that Python's re lacks (tag keys and values).
_JAVA_CLASSES = {r"\p{L}": r"\w", r"\p{N}": r"\d", r"\p{Z}": r"\s"}


class InvalidParameters(ValidationError):
    """Parameters of the wrong shape (what the AWS CLI reports as "Parameter validation
    failed" before sending anything)."""


class Service:
    """One service's model."""

    def __init__(self, name: str):
        raw = orjson.loads(gzip.decompress(
            resources.files("store").joinpath(f"data/aws-api/{name}.json.gz").read_bytes()))
        self.name = name
        self.shapes = raw["shapes"]
        self.operations = raw["operations"]

    def operation(self, name: str) -> dict:
        return self.operations[name]

    def input_shape(self, operation: str) -> dict | None:
        ref = self.operations[operation].get("input")
        return self.shapes[ref["shape"]] if ref else None

    def output_shape(self, operation: str) -> dict | None:
        ref = self.operations[operation].get("output")
        return self.shapes[ref["shape"]] if ref else None

    # --- requests -------------------------------------------------------------------

    def validate(self, operation: str, params: dict) -> None:
        """Check ``params`` as AWS would: first their shape (unknown or missing
        members, wrong types), then the constraints (lengths, patterns, ranges, enums)."""
        shape = self.input_shape(operation) or {"type": "structure", "members": {}}
        problems = []
        self._check_types(shape, params, "", problems)
        if problems:
            raise InvalidParameters("Parameter validation failed:\n" + "\n".join(problems))
        self._check_constraints(shape, params, "", problems)
        if problems:
            count = len(problems)
            raise ValidationError(f"{count} validation error{'s' if count > 1 else ''} "
                                  f"detected: " + "; ".join(problems))

    def _check_types(self, shape, value, path, problems):
        kind = shape["type"]
        name = path or "input"
        if kind == "structure":
            if not isinstance(value, dict):
                problems.append(_wrong_type(name, value, "dict"))
                return
            members = shape.get("members", {})
            for key in value:
                if key not in members:
                    problems.append(f'Unknown parameter in {name}: "{key}", must be one of: '
                                    + ", ".join(members))
            for key in shape.get("required", []):
                if key not in value:
                    problems.append(f'Missing required parameter in {name}: "{key}"')
            for key, member in members.items():
                if key in value and value[key] is not None:
                    child = f"{path}.{key}" if path else key
                    self._check_types(self.shapes[member["shape"]], value[key], child, problems)
        elif kind == "list":
            if not isinstance(value, (list, tuple)):
                problems.append(_wrong_type(name, value, "list, tuple"))
                return
            item = self.shapes[shape["member"]["shape"]]
            for i, element in enumerate(value):
                self._check_types(item, element, f"{name}[{i}]", problems)
        elif kind == "map":
            if not isinstance(value, dict):
                problems.append(_wrong_type(name, value, "dict"))
        elif kind == "string":
            if not isinstance(value, str):
                problems.append(_wrong_type(name, value, "str"))
        elif kind in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(_wrong_type(name, value, "int"))
        elif kind == "boolean":
            if not isinstance(value, bool):
                problems.append(_wrong_type(name, value, "bool"))
        elif kind == "timestamp":
            if not isinstance(value, (str, datetime.datetime)):
                problems.append(_wrong_type(name, value, "timestamp"))
        elif kind == "blob":
            if not isinstance(value, (bytes, str)):
                problems.append(_wrong_type(name, value, "bytes, str"))

    def _check_constraints(self, shape, value, path, problems):
        kind = shape["type"]
        if kind == "structure":
            for key, member in shape.get("members", {}).items():
                if value.get(key) is not None:
                    child = f"{path}.{_camel(key)}" if path else _camel(key)
                    self._check_constraints(self.shapes[member["shape"]], value[key], child,
                                            problems)
            return
        if kind == "list":
            _length(shape, len(value), path, problems, f"Value '{value}'")
            item = self.shapes[shape["member"]["shape"]]
            for i, element in enumerate(value, 1):
                self._check_constraints(item, element, f"{path}.{i}.member", problems)
            return
        if kind == "string":
            # A secret (a password, a private key) is never repeated back: AWS says
            # "Value at 'password' failed to satisfy constraint" for a sensitive member.
            value_text = "Value" if shape.get("sensitive") else \
                f"Value '{value if len(value) <= 256 else value[:253] + '...'}'"
            if not _length(shape, len(value), path, problems, value_text):
                return
            if "enum" in shape and value not in shape["enum"]:
                problems.append(f"{value_text} at '{path}' failed to satisfy constraint: "
                                f"Member must satisfy enum value set: [{', '.join(shape['enum'])}]")
            elif "pattern" in shape and not _pattern(shape["pattern"]).fullmatch(value):
                problems.append(f"{value_text} at '{path}' failed to satisfy constraint: "
                                "Member must satisfy regular expression pattern: "
                                f"{shape['pattern']}")
        elif kind in ("integer", "long"):
            if "min" in shape and value < shape["min"]:
                problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: "
                                f"Member must have value greater than or equal to {shape['min']}")
            if "max" in shape and value > shape["max"]:
                problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: "
                                f"Member must have value less than or equal to {shape['max']}")

    # --- responses ------------------------------------------------------------------

    def shape_response(self, operation: str, data: dict) -> dict:
        """``data`` with members in the order AWS's response has them, unset ones left out."""
        shape = self.output_shape(operation)
        return self._ordered(shape, data, top=True) if shape else {}

    def _ordered(self, shape, value, top=False):
        kind = shape["type"]
        if kind == "structure" and isinstance(value, dict):
            return {key: self._ordered(self.shapes[member["shape"]], value[key])
                    for key, member in shape.get("members", {}).items()
                    if value.get(key) is not None
                    # an entity with no tags comes back without Tags (CreateUser, GetRole)
                    and not (key == "Tags" and value[key] == [] and not top)}
        if kind == "list" and isinstance(value, list):
            item = self.shapes[shape["member"]["shape"]]
            return [self._ordered(item, element) for element in value]
        return value


def _length(shape, size, path, problems, value_text) -> bool:
    if "min" in shape and size < shape["min"]:
        problems.append(f"{value_text} at '{path}' failed to satisfy constraint: "
                        f"Member must have length greater than or equal to {shape['min']}")
        return False
    if "max" in shape and size > shape["max"]:
        problems.append(f"{value_text} at '{path}' failed to satisfy constraint: "
                        f"Member must have length less than or equal to {shape['max']}")
        return False
    return True


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _wrong_type(name, value, valid) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return (f"Invalid type for parameter {name}, value: {shown}, "
            f"type: {type(value).__name__}, valid types: {valid}")


@functools.lru_cache(maxsize=None)
def _pattern(java: str) -> re.Pattern:
    """A model pattern as a Python regex (Java's ``\\w`` is ASCII; ``\\p{..}`` classes map
    to their Unicode counterparts)."""
    if r"\p{" in java:
        for java_class, python_class in _JAVA_CLASSES.items():
            java = java.replace(java_class, python_class)
        return re.compile(java)
    return re.compile(java, re.ASCII)


@functools.lru_cache(maxsize=None)
def service(name: str) -> Service:
    """The model for ``iam`` or ``sts``, loaded once."""
    return Service(name)
