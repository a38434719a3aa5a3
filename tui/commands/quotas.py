"""``iamtui quotas``: the account's IAM quotas (AWS's defaults unless granted more), and
``iamtui quotas set NAME VALUE`` to grant a value, as Service Quotas would (root only)."""

from store import IamError, Store

from ..caller import caller
from ..output import print_json, print_table, service_failure
from ..parser import positive_int, store_command


def register(subparsers):
    parser = store_command(
        subparsers, "quotas", "show or set the account's IAM quotas",
        "Show the account's IAM quotas (named as GetAccountSummary names them), or set "
        "one as Service Quotas would grant it.")
    parser.add_argument("--json", action="store_true", help="print {name: value} as JSON")
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    change = store_command(actions, "set", "grant the account a quota value (root only)")
    change.add_argument("name", metavar="NAME", help="e.g. UsersQuota")
    change.add_argument("value", type=positive_int, metavar="VALUE")
    change.set_defaults(run=run_set)


def run_list(args) -> int:
    quotas = Store(args.db).quotas()
    if args.json:
        print_json(quotas)
    else:
        print_table([(name, str(value)) for name, value in quotas.items()])
    return 0


def run_set(args) -> int:
    store = Store(args.db)
    try:
        store.set_quota(args.name, args.value, caller(store, args.caller))
    except IamError as err:
        raise service_failure(err) from None
    return 0
