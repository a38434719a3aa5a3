"""What the command line reads and prints: input files, JSON out, errors."""

import json
import sys


class BadInput(Exception):
    """Input the command cannot use; the message is shown as is, exit status 2."""


def read_input(name: str) -> str:
    """The text of ``name``: a path, ``file://path`` (as the AWS CLI takes), or ``-``."""
    if name == "-":
        return sys.stdin.read()
    path = name.removeprefix("file://")
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as err:
        raise BadInput(f"Error: cannot read {path}: {err.strerror}") from None
    except UnicodeDecodeError:
        raise BadInput(f"Error: {path} is not UTF-8 text") from None


def print_json(value) -> None:
    """JSON as the AWS CLI prints it: four-space indent, keys in the given order."""
    sys.stdout.write(json.dumps(value, indent=4, ensure_ascii=False) + "\n")
