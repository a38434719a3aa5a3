"""What the command line reads and prints: input files, JSON out, failures."""

import re
import sys

import orjson

# Exit statuses, the AWS CLI's
# (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html).
PARAMETER_ERROR = 252   # the parameters could not be used
SERVICE_ERROR = 254     # the service (the store) answered with an error
OTHER_ERROR = 255       # anything else: an unusable store file, an unknown --as


class Failure(Exception):
    """The command cannot go on: the message is shown as is on stderr, and the command
    exits with ``status``."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class BadInput(Failure):
    """Input the command cannot use; exit status 2."""

    def __init__(self, message: str):
        super().__init__(message, 2)


def service_failure(err, operation: str | None = None) -> Failure:
    """An IamError worded as the AWS CLI words it."""
    return Failure(f"\n{error_text(err, operation)}", SERVICE_ERROR)


def error_text(err, operation: str | None = None) -> str:
    """"An error occurred (AccessDenied) when calling the CreateUser operation: ..."."""
    where = f" when calling the {operation} operation" if operation else ""
    return f"An error occurred ({err.code}){where}: {err.message}"


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
    """JSON as the AWS CLI prints it: four-space indent, keys in the given order, text
    as it is (not escaped to ASCII)."""
    sys.stdout.write(aws_json(value) + "\n")


def aws_json(value) -> str:
    """orjson indents by two; JSON strings hold no raw line breaks, so every run of spaces
    that starts a line is indentation, and doubling it gives the AWS CLI's four."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    return _INDENT.sub(lambda found: found.group(0) * 2, text)


_INDENT = re.compile(r"^ +", re.MULTILINE)


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Rows of text in columns two spaces apart (trailing blanks trimmed)."""
    widths = [max(len(cell) for cell in column) for column in zip(*rows)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
