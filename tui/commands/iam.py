"""``iamtui iam OPERATION [--flags]`` and ``iamtui sts OPERATION [--flags]``: the AWS CLI's
commands over the store.

Operation and flag names, value syntaxes, pagination, JSON output and error wording are
the AWS CLI's (tui/awscli). Every operation the store registers appears by itself; a
service with none registered has no command. Exit status as the AWS CLI's
(https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html): 0 done,
252 bad parameters, 254 the store answered with an error, 255 anything else.
"""

import argparse
import functools
import textwrap

from store import IamError, Store
from store.model import InvalidParameters, service
from store.operations import OPERATIONS

from ..awscli import documents
from ..awscli.arguments import CLI_INPUT_JSON, OperationArguments
from ..awscli.customizations import customization
from ..awscli.docs import first_paragraph
from ..awscli.errors import ParamError
from ..awscli.names import cli_name
from ..awscli.pagination import paginate
from ..caller import caller
from ..output import PARAMETER_ERROR, Failure, print_json, service_failure
from ..parser import Parser, global_options

SERVICES = {"iam": "AWS Identity and Access Management", "sts": "AWS Security Token Service"}


def register(subparsers):
    for name, title in SERVICES.items():
        operations = registered(name)
        if not operations:
            continue
        parser = subparsers.add_parser(
            name, parents=[global_options()], usage_status=PARAMETER_ERROR,
            help=f"{title} operations, as the AWS CLI's `aws {name}`",
            description=textwrap.fill(
                f"{title} operations on the store, named and shaped as `aws {name}` has "
                f"them. `iamtui {name} OPERATION --help` lists an operation's flags."),
            epilog="operations:\n" + textwrap.fill(
                ", ".join(sorted(operations)), initial_indent="  ", subsequent_indent="  ",
                break_on_hyphens=False),
            formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("operation", choices=sorted(operations), metavar="OPERATION",
                            help="e.g. " + min(operations, key=len))
        parser.add_argument("arguments", nargs=argparse.REMAINDER, metavar="...",
                            help="the operation's flags")
        parser.set_defaults(run=functools.partial(run, name, operations))


def registered(service_name: str) -> dict[str, str]:
    """``{cli name: API name}`` of the operations the store carries out for the service."""
    model = service(service_name)
    return {cli_name(name): name for name, spec in OPERATIONS.items()
            if spec.service == service_name and name in model.operations}


def run(service_name: str, operations: dict, args) -> int:
    model = service(service_name)
    operation = operations[args.operation]
    arguments = OperationArguments(model, operation)
    custom = customization(operation)
    parser = Parser(prog=f"iamtui {service_name} {args.operation}", parents=[global_options()],
                    usage_status=PARAMETER_ERROR,
                    description=first_paragraph(model.operation(operation).get("documentation")))
    with_input = any(arg.split("=", 1)[0] == CLI_INPUT_JSON for arg in args.arguments)
    arguments.add_to(parser, enforce_required=not with_input)
    custom.add_arguments(parser)
    parser.parse_args(args.arguments, namespace=args)
    try:
        params = arguments.params(args)
        store = Store(args.db)
        identity = caller(store, args.caller)
        if arguments.paginated:
            response = paginate(lambda request: store.call(operation, request, identity),
                                model, operation, params, max_items=args.max_items,
                                starting_token=args.starting_token, page_size=args.page_size)
        else:
            response = store.call(operation, params, identity)
    except ParamError as err:
        raise Failure(f"\n{err}", PARAMETER_ERROR) from None
    except InvalidParameters as err:
        raise Failure(f"\n{err.message}", PARAMETER_ERROR) from None
    except IamError as err:
        raise service_failure(err, operation) from None
    response = custom.after_call(args, response)
    if response:
        print_json(documents.decode(model, operation, response))
    return 0
