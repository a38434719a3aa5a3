"""The ``iamtui`` command line."""

import argparse
import importlib.metadata
import sys

from .commands import simulate
from .output import BadInput

COMMANDS = (simulate,)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iamtui",
        description="A local identity and access manager that behaves like AWS IAM.")
    parser.add_argument("--version", action="version",
                        version=f"iamtui {importlib.metadata.version('iamtui')}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except BadInput as err:
        print(str(err), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
