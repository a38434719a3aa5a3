"""``iamtui can PRINCIPAL ACTION RESOURCE [--context KEY=VALUE[,TYPE]]... [--json]``: may
this principal do this action on this resource, and why.

The decision is store.analysis's (everything AWS would weigh); the reasons are
store.explain's. ``--json`` prints a SimulatePrincipalPolicy response
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html).
Exit 0 allowed, 1 denied, 2 bad input.
"""

import argparse

from evaluator import PolicyValidationError, evaluate
from evaluator.request import CONTEXT_TYPES
from evaluator.simulate import context_entries, evaluation_result
from store import IamError, Store
from store.analysis import principal, request_for
from store.context_types import context_type
from store.explain import explanation

from ..context_entry import context_entry
from ..output import BadInput, print_json
from ..parser import store_command

CONTEXT_HELP = (
    "a request context key: KEY=VALUE, KEY=V1,V2 (a list), and a type as the last item "
    f"where it matters: one of {', '.join(CONTEXT_TYPES)} (AWS's ContextKeyType). A key "
    "the action catalog knows gets its type from there (aws:SourceIp=203.0.113.7 is an "
    "ip, aws:MultiFactorAuthPresent=true a boolean, aws:TagKeys=team,project a "
    "stringList); any other is string. Repeat for several keys.")


def register(subparsers):
    parser = store_command(
        subparsers, "can", "may a principal do an action on a resource, and why",
        "Decide whether PRINCIPAL may do ACTION on RESOURCE as AWS would — its own "
        "policies, its groups', its permissions boundary, the resource's policy — and "
        "print the decision with the statements it rests on. Exit 0 allowed, 1 denied, "
        "2 bad input.", caller=False)
    parser.add_argument("principal", metavar="PRINCIPAL",
                        help="a user or role name, an ARN, root, or an access key id")
    add_request_arguments(parser, "print the SimulatePrincipalPolicy response shape")
    parser.set_defaults(run=run)


def add_request_arguments(parser, json_help: str) -> None:
    """ACTION, RESOURCE, ``--context`` and ``--json``, as the access questions take them."""
    parser.add_argument("action", metavar="ACTION", help="e.g. s3:GetObject")
    parser.add_argument("resource", metavar="RESOURCE", help="an ARN, or *")
    parser.add_argument("--context", action="append", default=[], metavar="KEY=VALUE[,TYPE]",
                        type=_context_entry, help=CONTEXT_HELP)
    parser.add_argument("--json", action="store_true", help=json_help)


def request_context(args) -> dict:
    """The ``--context`` keys, checked as AWS checks ContextEntries; BadInput otherwise."""
    try:
        return context_entries(args.context)
    except PolicyValidationError as err:
        raise BadInput(f"--context: {err}") from None


def run(args) -> int:
    context = request_context(args)
    account = Store(args.db).view()
    try:
        identity = principal(account, args.principal)
    except IamError as err:
        raise BadInput(err.message) from None
    request, policies = request_for(account, identity, args.action, args.resource, context)
    decision = evaluate(request, policies, explain=True)
    if args.json:
        print_json({"EvaluationResults": [evaluation_result(request, policies, decision, True)],
                    "IsTruncated": False})
    else:
        told = explanation(account, identity, request, policies, decision)
        may = "may" if decision.allowed else "may not"
        print(f"{told.verdict}: {args.principal} {may} {args.action} on {args.resource}")
        print("\n".join(told.lines()))
    return 0 if decision.allowed else 1


def _context_entry(text: str) -> dict:
    """``--context``'s value (tui.context_entry), refused as argparse refuses."""
    try:
        return context_entry(text, context_type)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
