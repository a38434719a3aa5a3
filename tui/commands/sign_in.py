"""``iamtui sign-in (--user-name NAME | --root-email EMAIL)``: sign in with a password, as
at the AWS Management Console, and print the console session's credentials as shell
exports, so that ``eval "$(iamtui sign-in --user-name alice)"`` signs the shell in (the
AWS CLI's environment variables:
https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).

The password is asked for without echo (getpass), then an MFA code if the principal has
an MFA device, then a new password if the old one must be changed. With
``--password-stdin`` the answers are read from standard input instead, one a line, in
that order (for scripts and tests). A refusal is one line on stderr and exit status 1.
"""

import getpass
import shlex
import sys

from store import IamError, Store, signin

from ..output import Failure
from ..parser import store_command

EXPORTS = (("AWS_ACCESS_KEY_ID", "AccessKeyId"), ("AWS_SECRET_ACCESS_KEY", "SecretAccessKey"),
           ("AWS_SESSION_TOKEN", "SessionToken"))


def register(subparsers):
    parser = store_command(
        subparsers, "sign-in", "sign in with a password; print the session as shell exports",
        "Sign in as an IAM user or the root user with a password (and an MFA code when the "
        "principal has an MFA device), and print the console session's credentials as "
        "`export` lines for a shell: eval \"$(iamtui sign-in --user-name NAME)\".",
        caller=False)
    parser.add_argument("--account", metavar="ID_OR_ALIAS",
                        help="the account's id or alias (default: the store's account)")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--user-name", metavar="NAME", help="sign in as this IAM user")
    who.add_argument("--root-email", metavar="EMAIL",
                     help="sign in as the root user, by the account's email address")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (then the MFA code and "
                             "the new password, if they are asked for), one a line")
    parser.set_defaults(run=run)


def run(args) -> int:
    store = Store(args.db)
    answer = _Lines(sys.stdin) if args.password_stdin else _prompt
    request = {"account": args.account or store.account_id, "user_name": args.user_name,
               "root_email": args.root_email, "password": answer("Password: ")}
    while True:
        try:
            credentials = signin.sign_in(store, **request)
            break
        except signin.MfaCodeRequired:
            request["mfa_code"] = answer("MFA code: ")
        except signin.NewPasswordRequired as err:
            print(err.message, file=sys.stderr)
            request["new_password"] = answer("New password: ", confirm=True)
        except IamError as err:
            raise Failure(f"iamtui sign-in: {err.message}", 1) from None
    for variable, member in EXPORTS:
        print(f"export {variable}={shlex.quote(credentials[member])}")
    print(f"Signed in; the session expires at {credentials['Expiration']}.", file=sys.stderr)
    return 0


def _prompt(question: str, confirm: bool = False) -> str:
    """Asked at the terminal, not echoed; a new password is typed twice."""
    try:
        typed = getpass.getpass(question)
        if confirm and getpass.getpass("Again: ") != typed:
            raise Failure("iamtui sign-in: the two new passwords differ", 1)
    except EOFError:
        raise _unanswered(question) from None
    return typed


class _Lines:
    """The answers on standard input, one a line."""

    def __init__(self, stream):
        self.lines = stream.read().splitlines()

    def __call__(self, question: str, confirm: bool = False) -> str:
        if not self.lines:
            raise _unanswered(question)
        return self.lines.pop(0)


def _unanswered(question: str) -> Failure:
    return Failure(f"iamtui sign-in: no answer to {question.rstrip(': ')!r}", 1)
