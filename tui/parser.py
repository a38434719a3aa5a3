"""The argument parser every ``iamtui`` command uses, and the global options."""

import argparse
import sys


class Parser(argparse.ArgumentParser):
    """argparse's parser, with the exit status for a usage error chosen per command (2 by
    default; the AWS CLI's 252 under ``iamtui iam`` and ``iamtui sts``) and no
    abbreviated options (a mistyped flag is an error, not a guess)."""

    def __init__(self, *args, usage_status: int = 2, **kwargs):
        super().__init__(*args, allow_abbrev=False, **kwargs)
        self.usage_status = usage_status

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(self.usage_status, f"{self.prog}: error: {message}\n")


def global_options(caller: bool = True) -> argparse.ArgumentParser:
    """``--db`` and (with ``caller``) ``--as``, for ``iamtui`` itself and for every command
    that opens the store (so they may come before or after the command's name). Unset
    ones stay unset here: ``iamtui`` gives the defaults."""
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("global options")
    group.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS,
                       help="the store file (default: $IAMTUI_DB, else "
                            "$XDG_DATA_HOME/iamtui/iam.json)")
    if caller:
        group.add_argument("--as", dest="caller", metavar="PRINCIPAL", default=argparse.SUPPRESS,
                           help="make the calls as this principal: root, a user name or a "
                                "user ARN (default: the AWS_ACCESS_KEY_ID / "
                                "AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN credentials "
                                "when set, else root)")
    return options


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def store_command(subparsers, name: str, summary: str, description: str | None = None, *,
                  caller: bool = True) -> Parser:
    """A command (or a command's action) that opens the store, so takes the global
    options too; ``caller`` when ``--as`` applies to what it does."""
    return subparsers.add_parser(name, parents=[global_options(caller)], help=summary,
                                 description=description or summary[:1].upper() + summary[1:] + ".")
