"""``iamtui who-can ACTION RESOURCE [--context KEY=VALUE[,TYPE]]... [--json]``: every
user, role and the root user that would be allowed, each with the statement that allows
it (store.who_can). ``--context`` reads as it does for ``iamtui can``. Exit 0 when
someone can, 1 when nobody can, 2 bad input.
"""

from store import Store
from store.who_can import who_can

from ..output import print_json, print_table
from ..parser import store_command
from .can import add_request_arguments, request_context


def register(subparsers):
    parser = store_command(
        subparsers, "who-can", "list every principal that may do an action on a resource",
        "List every user, every role (as a session of the role) and the root user that "
        "may do ACTION on RESOURCE as AWS would decide it, one a line with the statement "
        "that allows it. Exit 0 when someone can, 1 when nobody can, 2 bad input.",
        caller=False)
    add_request_arguments(parser, "print the principals as JSON: Action, Resource, "
                                  "Principals")
    parser.set_defaults(run=run)


def run(args) -> int:
    grants = who_can(Store(args.db).view(), args.action, args.resource,
                     request_context(args))
    if args.json:
        print_json({"Action": args.action, "Resource": args.resource,
                    "Principals": [_json(grant) for grant in grants]})
    elif grants:
        print_table([(grant.kind, grant.name, _allowed_by(grant)) for grant in grants])
    else:
        print(f"nobody may {args.action} on {args.resource}")
    return 0 if grants else 1


def _allowed_by(grant) -> str:
    """The first statement the allow rests on (and how many more), else the reason."""
    if not grant.statements:
        return grant.reason
    more = len(grant.statements) - 1
    return str(grant.statements[0]) + (f" (and {more} more)" if more else "")


def _json(grant) -> dict:
    return {"Type": grant.kind, "Name": grant.name, "Arn": grant.arn, "Reason": grant.reason,
            "Statements": [{"Policy": ref.policy, "Statement": ref.label, "Line": ref.line,
                            "How": ref.how} for ref in grant.statements]}
