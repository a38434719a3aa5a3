"""``iamtui audit``: the store's audit trail (CloudTrail-shaped records), newest first."""

from store import Store

from ..output import print_json, print_table
from ..parser import positive_int, store_command


def register(subparsers):
    parser = store_command(
        subparsers, "audit", "show the audit trail, newest first",
        "Show the audit trail: one CloudTrail-shaped record per change, sign-in and "
        "credential event, newest first. One line each (time, who, event, error code if "
        "it failed), or the records as JSON.", caller=False)
    parser.add_argument("--principal", metavar="NAME_OR_ARN",
                        help="only calls made by this principal (root, a user name or an ARN)")
    parser.add_argument("--event", metavar="EVENT_NAME",
                        help="only this event, e.g. CreateUser")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="at most N records")
    parser.add_argument("--json", action="store_true",
                        help="print the records as a JSON list")
    parser.set_defaults(run=run)


def run(args) -> int:
    records = Store(args.db).audit_trail(principal=args.principal, event=args.event)
    records = records[:args.limit]
    if args.json:
        print_json(records)
    else:
        print_table([(r["eventTime"], who(r["userIdentity"]), r["eventName"], outcome(r))
                     for r in records])
    return 0


def outcome(record: dict) -> str:
    """The error code of a failed call; a failed sign-in carries none, only CloudTrail's
    ``"ConsoleLogin": "Failure"`` and its errorMessage."""
    if record.get("errorCode"):
        return record["errorCode"]
    if (record.get("responseElements") or {}).get("ConsoleLogin") == "Failure":
        return f"Failure: {record.get('errorMessage', '')}"
    return ""


def who(identity: dict) -> str:
    if identity["type"] == "Root":
        return "root"
    return identity.get("userName") or identity.get("arn") or identity["type"]
