"""``iamtui demo``: a demo account built from the seed module's scenarios (store/demo.py),
in its own file so the real store is never touched."""

import shlex

from store import IamError, Store, demo

from .. import launch
from ..output import SERVICE_ERROR, Failure, print_table
from ..parser import store_command


def register(subparsers):
    parser = store_command(
        subparsers, "demo", "build the demo account and show what to try",
        "Build the demo account (id 123456789012, alias demo-corp) from the seed module's "
        "scenarios, unless the file already holds an account, then show what it holds and "
        "commands to try. The file is --db if given, else $XDG_DATA_HOME/iamtui/demo.json "
        "(never the real store). In a terminal, the app then opens on it with a guided "
        "walkthrough.", caller=False)
    parser.add_argument("--no-app", action="store_true",
                        help="print what the account holds and commands to try instead of "
                             "opening the app (what happens when not in a terminal)")
    parser.set_defaults(run=run)


def run(args) -> int:
    store = Store(args.db or demo.default_path())
    try:
        built = demo.build(store)
    except IamError as err:
        raise Failure(f"\nCould not build the demo account, nothing was written: "
                      f"({err.code}) {err.message}", SERVICE_ERROR) from None
    if launch.in_terminal() and not args.no_app:
        return launch.open_app(store, walkthrough=True)
    account = store.view()
    aliases = ", ".join(account.info["AccountAliases"])
    print(f"{'Built' if built else 'Already there:'} account {account.id} ({aliases}) "
          f"in {store.path}\n")
    print_table(_contents(store, account))
    db = f"--db {shlex.quote(store.path)}"
    print("\nTry:")
    print_table([
        (f"  iamtui {db} iam get-account-authorization-details", "# everything, as AWS"),
        (f"  iamtui {db} iam get-group --group-name Developers", "# alice and dave"),
        (f"  iamtui {db} --as bob iam list-users", "# ReadOnlyAccess: allowed"),
        (f"  iamtui {db} --as bob iam create-user --user-name eve", "# AccessDenied"),
        (f"  iamtui {db} audit", "# who did what"),
    ])
    return 0


def _contents(store: Store, account) -> list[tuple[str, str]]:
    users = sorted(account.all("user"), key=lambda user: user["UserName"])
    groups = []
    for group in sorted(account.all("group"), key=lambda group: group["GroupName"]):
        members = [u["UserName"] for u in users if group["GroupId"] in u.get("GroupIds", [])]
        groups.append(f"{group['GroupName']} ({', '.join(members)})")
    return [
        ("  users", ", ".join(user["UserName"] for user in users)),
        ("  groups", ", ".join(groups)),
        ("  roles", ", ".join(sorted(role["RoleName"] for role in account.all("role")))),
        ("  customer managed policies",
         ", ".join(sorted(p["PolicyName"] for p in account.table("policies").all()))),
        ("  resource policies", ", ".join(r["Arn"] for r in store.list_resources())),
    ]
