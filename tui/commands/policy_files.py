"""``iamtui export-policies DIR`` and ``iamtui import-policies DIR``: the account's
policies as one pretty-printed JSON file each, in a stable layout, for version control
(store/policy_files.py says the layout), and back.

Exit 0 done; 2 files that are not policy documents in their place (nothing changed);
254 a change the store refused (named with its file; nothing changed).
"""

from store import IamError, Store
from store.errors import InvalidInput
from store.policy_files import export_policies, import_policies

from ..caller import caller
from ..output import BadInput, Failure, SERVICE_ERROR
from ..parser import store_command

LAYOUT = ("managed/PATH/NAME.json, users|groups|roles/NAME/inline/POLICY.json, "
          "roles/NAME/trust-policy.json, resources/ARN.json")


def register(subparsers):
    export = store_command(
        subparsers, "export-policies", "write every policy to a directory, a file each",
        f"Write every policy of the account — customer managed (default version), inline, "
        f"trust and resource-based — as one pretty-printed JSON file each under DIR "
        f"({LAYOUT}); files that no longer stand for a policy are removed, nothing else in "
        f"DIR is touched.")
    export.add_argument("directory", metavar="DIR")
    export.set_defaults(run=run_export)
    load = store_command(
        subparsers, "import-policies", "make the store's policies match a directory's files",
        f"Make the store's policies match the files under DIR ({LAYOUT}) through the IAM "
        f"operations that change them (PutUserPolicy, CreatePolicyVersion ...), each "
        f"authorized and audited; all of them or none. Policies whose file is gone stay.")
    load.add_argument("directory", metavar="DIR")
    load.set_defaults(run=run_import)


def run_export(args) -> int:
    counts = _attempt(args, "export-policies", export_policies)
    print(f"{args.directory}: {counts['written']} written, {counts['unchanged']} unchanged, "
          f"{counts['removed']} removed")
    return 0


def run_import(args) -> int:
    done = _attempt(args, "import-policies", import_policies)
    print("\n".join(done) if done else f"{args.directory}: the store already matches")
    return 0


def _attempt(args, command: str, action):
    store = Store(args.db)
    try:
        return action(store, args.directory, caller(store, args.caller))
    except InvalidInput as err:
        raise BadInput(f"iamtui {command}: {err.message}") from None
    except IamError as err:
        raise Failure(f"iamtui {command}: ({err.code}) {err.message}\nNothing was changed.",
                      SERVICE_ERROR) from None
    except OSError as err:
        raise BadInput(f"iamtui {command}: {err.filename}: {err.strerror}") from None
