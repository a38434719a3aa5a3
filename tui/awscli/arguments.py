"""An operation's command-line flags, derived from its input shape in the API model, and
the request parameters they make — the AWS CLI's rules:

- a string, integer or timestamp member takes one value; a boolean is ``--flag`` /
  ``--no-flag``; a list takes one or more values (``--tag-keys a b``);
- a structure, a map, or a list of structures takes JSON or shorthand
  (``--tags Key=team,Value=blue Key=cost,Value=1``);
- any value may be ``file://path`` or ``fileb://path``;
- ``--cli-input-json`` (JSON text or ``file://``) gives parameters too; flags win;
- on a paginated operation, Marker and MaxItems give way to ``--starting-token``,
  ``--max-items`` and ``--page-size``.
"""

import argparse
import json

from ..parser import positive_int
from . import paramfiles, shorthand
from .docs import first_sentence
from .errors import ParamError
from .names import flag
from .pagination import PAGING_MEMBERS, is_paginated

CLI_INPUT_JSON = "--cli-input-json"
_STRUCTURED = ("structure", "map")


class OperationArguments:
    """The flags of one operation of one service model."""

    def __init__(self, model, operation: str):
        self.model = model
        self.operation = operation
        self.paginated = is_paginated(model, operation)
        shape = model.input_shape(operation) or {}
        self.required = set(shape.get("required", ()))
        self.members = {name: ref for name, ref in shape.get("members", {}).items()
                        if not (self.paginated and name in PAGING_MEMBERS)}

    def add_to(self, parser: argparse.ArgumentParser, enforce_required: bool) -> None:
        for name, ref in self.members.items():
            shape = self.model.shapes[ref["shape"]]
            options = {"dest": name, "help": _help(ref, shape, self.model)}
            if shape["type"] == "boolean":
                options["action"] = argparse.BooleanOptionalAction
            else:
                options["metavar"] = "VALUE"
                if shape["type"] == "list":
                    options["nargs"] = "+"
            if enforce_required and name in self.required:
                options["required"] = True
            parser.add_argument(flag(name), **options)
        parser.add_argument(CLI_INPUT_JSON, dest="cli_input_json", metavar="JSON",
                            help="request parameters as a JSON object (text or "
                                 "file://path); flags given too override them")
        if self.paginated:
            paging = parser.add_argument_group("pagination (every page is fetched unless "
                                               "--max-items is given)")
            paging.add_argument("--starting-token", dest="starting_token", metavar="TOKEN",
                                help="the NextToken a previous --max-items output ended with")
            paging.add_argument("--max-items", dest="max_items", type=positive_int, metavar="N",
                                help="print at most N items, then a NextToken")
            paging.add_argument("--page-size", dest="page_size", type=positive_int, metavar="N",
                                help="items fetched per request (MaxItems)")

    def params(self, args: argparse.Namespace) -> dict:
        """The request: --cli-input-json's parameters, then each flag given."""
        params = _cli_input(args.cli_input_json) if args.cli_input_json else {}
        for name, ref in self.members.items():
            value = getattr(args, name)
            if value is not None:
                params[name] = self._value(self.model.shapes[ref["shape"]], value, flag(name))
        return params

    def _value(self, shape: dict, raw, option: str):
        kind = shape["type"]
        if kind == "boolean":
            return raw
        if kind == "list":
            return self._list(shape, [paramfiles.load(item, option) for item in raw], option)
        text = paramfiles.load(raw, option)
        if kind in _STRUCTURED:
            return self._structured(shape, text, option)
        return _scalar(shape, text, option)

    def _list(self, shape: dict, items: list, option: str) -> list:
        if len(items) == 1 and isinstance(items[0], str) and items[0].lstrip().startswith("["):
            return _json(items[0], option)
        member = self.model.shapes[shape["member"]["shape"]]
        if member["type"] in _STRUCTURED:
            return [self._structured(member, item, option) for item in items]
        return [_scalar(member, item, option) for item in items]

    def _structured(self, shape: dict, text, option: str):
        if not isinstance(text, str) or text.lstrip().startswith("{"):
            return _json(text, option)
        try:
            return self._typed(shape, shorthand.parse(text))
        except shorthand.ShorthandError as err:
            raise ParamError(option, str(err)) from None

    def _typed(self, shape: dict, value):
        """Shorthand text given the types the model wants (what cannot be converted is
        left for the request's validation to report)."""
        kind = shape["type"]
        if kind == "structure" and isinstance(value, dict):
            members = shape.get("members", {})
            return {key: self._typed(self.model.shapes[members[key]["shape"]], item)
                    if key in members else item for key, item in value.items()}
        if kind == "list":
            member = self.model.shapes[shape["member"]["shape"]]
            items = value if isinstance(value, list) else [value]
            return [self._typed(member, item) for item in items]
        if kind in ("integer", "long") and isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                return value
        if kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value


def _scalar(shape: dict, text, option: str):
    if shape["type"] in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise ParamError(option, f"invalid literal for int() with base 10: "
                                     f"{text!r}") from None
    return text


def _json(text, option: str):
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ParamError(option, f"Invalid JSON: {err}\nJSON received: {text}") from None


def _cli_input(value: str) -> dict:
    params = _json(paramfiles.load(value, "cli-input-json"), "cli-input-json")
    if not isinstance(params, dict):
        raise ParamError("cli-input-json", "Invalid JSON: expected an object of parameters")
    return params


def _help(ref: dict, shape: dict, model) -> str:
    text = first_sentence(ref.get("documentation"))
    if shape["type"] == "list":
        shape = model.shapes[shape["member"]["shape"]]
    if shape["type"] == "structure":
        syntax = ",".join(f"{name}={model.shapes[member['shape']]['type']}"
                          for name, member in shape.get("members", {}).items())
        text += f" Shorthand: {syntax}, or JSON."
    return text.replace("%", "%%")
