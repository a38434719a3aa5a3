"""``iamtui resources``: resource-based policies of other services' resources (an S3
bucket's policy, an SQS queue's ...), kept beside the account so decisions can weigh them.
Each is guarded by its service's own actions (s3:PutBucketPolicy ...), so ``--as`` matters.
"""

import json

from store import IamError, Store

from ..awscli import paramfiles
from ..awscli.errors import ParamError
from ..caller import caller
from ..output import PARAMETER_ERROR, Failure, print_json, print_table, service_failure
from ..parser import store_command


def register(subparsers):
    parser = store_command(
        subparsers, "resources", "resource-based policies (S3 bucket policies and the like)",
        "Put, show, list and delete the resource-based policies of resources outside IAM, "
        "such as S3 bucket policies.")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    listing = store_command(actions, "list", "list the resources that have a policy")
    listing.add_argument("--json", action="store_true", help="print the records as JSON")
    listing.set_defaults(run=run_list)
    get = store_command(actions, "get", "show a resource's policy")
    put = store_command(actions, "put", "set (or replace) a resource's policy")
    delete = store_command(actions, "delete", "remove a resource's policy")
    for action, run in ((get, run_get), (put, run_put), (delete, run_delete)):
        action.add_argument("arn", metavar="ARN", help="the resource, e.g. arn:aws:s3:::bucket")
        action.set_defaults(run=run)
    put.add_argument("--policy", required=True, metavar="JSON",
                     help="the policy document: JSON text or file://path")


def run_list(args) -> int:
    records = _attempt(args, lambda store, who: store.list_resources(who))
    if args.json:
        print_json(records)
    else:
        print_table([(record["Arn"], record["UpdateDate"]) for record in records])
    return 0


def run_get(args) -> int:
    record = _attempt(args, lambda store, who: store.get_resource_policy(args.arn, who))
    print_json({**record, "Policy": json.loads(record["Policy"])})
    return 0


def run_put(args) -> int:
    try:
        text = paramfiles.load(args.policy, "--policy")
    except ParamError as err:
        raise Failure(f"\n{err}", PARAMETER_ERROR) from None
    _attempt(args, lambda store, who: store.put_resource_policy(args.arn, text, who))
    return 0


def run_delete(args) -> int:
    _attempt(args, lambda store, who: store.delete_resource_policy(args.arn, who))
    return 0


def _attempt(args, action):
    """``action(store, caller)``, with the store's errors worded as the AWS CLI's."""
    store = Store(args.db)
    try:
        return action(store, caller(store, args.caller))
    except IamError as err:
        raise service_failure(err) from None
