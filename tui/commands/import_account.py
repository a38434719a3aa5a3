"""``iamtui import FILE [--replace]``: an account from the JSON ``aws iam
get-account-authorization-details`` prints (store/account_import.py), so ``can``,
``who-can``, ``what-can`` and the app work on it offline. ``iamtui iam
get-account-authorization-details`` prints it back in the same shape.

Exit 0 imported; 2 a file that is not that JSON (every problem named, nothing written);
254 refused by the store (it holds an account already, without --replace; a caller
other than root).
"""

import json

from store import IamError, Store
from store.account_import import NotAuthorizationDetails, import_account

from ..caller import caller
from ..output import BadInput, Failure, SERVICE_ERROR, read_input
from ..parser import store_command

_LABELS = (("Users", "user"), ("Groups", "group"), ("Roles", "role"),
           ("Policies", "customer managed policy"), ("AWSManagedPolicies", "AWS managed policy"),
           ("InstanceProfiles", "instance profile"))


def register(subparsers):
    parser = store_command(
        subparsers, "import", "import an account from get-account-authorization-details JSON",
        "Import the account described by FILE, the JSON that `aws iam "
        "get-account-authorization-details` prints (documents URL-encoded or not), keeping "
        "its ids, ARNs, dates and every policy. The store must hold no account yet, unless "
        "--replace. All or nothing: a file with a problem changes nothing.")
    parser.add_argument("file", metavar="FILE", help="a path, file://path, or - for standard input")
    parser.add_argument("--replace", action="store_true",
                        help="discard everything the store holds (users, credentials, "
                             "resource policies, settings) and import the account instead")
    parser.set_defaults(run=run)


def run(args) -> int:
    text = read_input(args.file)
    try:
        details = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadInput(f"iamtui import: {args.file} is not JSON: {err}") from None
    store = Store(args.db)
    try:
        counts = import_account(store, details, replace=args.replace,
                                caller=caller(store, args.caller))
    except NotAuthorizationDetails as err:
        raise BadInput(f"iamtui import: {args.file}: {err.message}\nNothing was imported.") \
            from None
    except IamError as err:
        raise Failure(f"iamtui import: ({err.code}) {err.message}\nNothing was imported.",
                      SERVICE_ERROR) from None
    held = ", ".join(_count(counts[key], label) for key, label in _LABELS)
    print(f"Imported account {store.account_id} into {store.path}: {held}.")
    return 0


def _count(number: int, label: str) -> str:
    if number == 1:
        return f"1 {label}"
    plural = label[:-1] + "ies" if label.endswith("y") else label + "s"
    return f"{number} {plural}"
