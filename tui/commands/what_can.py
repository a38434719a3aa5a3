"""``iamtui what-can PRINCIPAL [--service S] [--resource ARN] [--json]``: the principal's
effective permissions (store.what_can), grouped by service.

Exit 0 with the answer (even an empty one), 2 for an unknown principal or service.
"""

from store import IamError, Store, catalog
from store.what_can import what_can

from ..output import BadInput, print_json, print_table
from ..parser import store_command


def register(subparsers):
    parser = store_command(
        subparsers, "what-can", "list what a principal may do",
        "List the concrete actions a user or role may do (wildcards expanded with the "
        "AWS action catalog), with the resources it may do them on, after every deny.",
        caller=False)
    parser.add_argument("principal", metavar="PRINCIPAL",
                        help="a user or role name, an ARN, root, or an access key id")
    parser.add_argument("--service", metavar="PREFIX", help="only this service, e.g. s3")
    parser.add_argument("--resource", metavar="ARN",
                        help="only what it may do on this resource, decided on it")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        arn, permissions = what_can(Store(args.db).view(), args.principal, args.service,
                                    args.resource)
    except IamError as err:
        raise BadInput(f"iamtui what-can: {err.message}") from None
    if args.json:
        print_json({"Principal": arn, "Permissions": [_json(p) for p in permissions]})
    else:
        _print(arn, permissions)
    return 0


def _json(permission) -> dict:
    return {"Action": permission.action.full_name, "AccessLevel": permission.action.access_level,
            "Resources": [{"Resource": s.resource, "Except": list(s.excepts),
                           "Conditional": s.conditional} for s in permission.scopes]}


def _print(arn: str, permissions) -> None:
    print(f"{arn} may do {len(permissions)} action(s)")
    names = catalog.services()
    service = None
    rows = []
    for permission in permissions:
        if permission.action.service != service:
            service = permission.action.service
            rows.append((f"{names[service]} ({service})", "", ""))
        for i, scope in enumerate(permission.scopes):
            first = i == 0
            rows.append(("  " + permission.action.full_name if first else "",
                         permission.action.access_level if first else "", _words(scope)))
    if rows:
        print_table(rows)


def _words(scope) -> str:
    text = scope.resource
    if scope.excepts:
        text += " except " + ", ".join(scope.excepts)
    return text + (" (under conditions)" if scope.conditional else "")
