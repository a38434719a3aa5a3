"""The ``iamtui`` command line."""

import importlib.metadata
import os
import sys

from store import Store, StoreUnusable, catalog

from . import launch
from .commands import (audit, can, demo, iam, keys, lint, providers, quotas, resources, root,
                       sign_in, simulate, what_can, who_can)
from .commands import import_account, policy_files
from .output import OTHER_ERROR, Failure
from .parser import Parser, global_options

COMMANDS = (iam, sign_in, keys, root, providers, can, who_can, what_can, audit, resources,
            quotas, demo, simulate, import_account, policy_files, lint)


def build_parser() -> Parser:
    parser = Parser(
        prog="iamtui", parents=[global_options()],
        description="A local identity and access manager that behaves like AWS IAM.")
    parser.set_defaults(db=None, caller=None)
    parser.add_argument("--read-only", action="store_true",
                        help="open the app with every key that changes something hidden")
    parser.add_argument("--version", action="version",
                        version=f"iamtui {importlib.metadata.version('iamtui')} "
                                f"(action catalog: {catalog.date()})")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        if not launch.in_terminal():
            parser.print_help(sys.stderr)
            return 2
        args.run = lambda args: launch.open_app(Store(args.db), args.caller, args.read_only)
    try:
        status = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can still be answered quietly
        return status
    except Failure as err:
        print(str(err), file=sys.stderr)
        return err.status
    except StoreUnusable as err:
        print(f"iamtui: {err}", file=sys.stderr)
        return OTHER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly. What is still buffered goes
        # nowhere, so the flush at exit cannot fail again (Python's signal docs recipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
