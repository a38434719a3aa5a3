"""``iamtui simulate --input FILE|-``: ``aws iam simulate-custom-policy --cli-input-json``.

Reads the same JSON, prints the same SimulatePolicyResponse. Exit 0 when it evaluated
(whatever the decision), 2 with a one-paragraph message on stderr for bad input.
"""

import json

from evaluator.errors import PolicyValidationError
from evaluator.simulate import OPERATION, ParameterValidation, simulate_custom_policy

from ..output import BadInput, print_json, read_input


def register(subparsers):
    parser = subparsers.add_parser(
        "simulate",
        help="evaluate policies as aws iam simulate-custom-policy does",
        description="Evaluate the policies in a SimulateCustomPolicy request "
                    "(the JSON of `aws iam simulate-custom-policy --cli-input-json`) "
                    "and print the SimulatePolicyResponse.")
    parser.add_argument("--input", "--cli-input-json", dest="input", required=True,
                        metavar="FILE",
                        help="the request JSON: a path, file://path, or - for standard input")
    parser.set_defaults(run=run)


def run(args) -> int:
    text = read_input(args.input)
    try:
        params = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadInput(f"Error parsing parameter 'cli-input-json': Invalid JSON: {err}") from None
    try:
        response = simulate_custom_policy(params)
    except ParameterValidation as err:
        raise BadInput(err.message) from None
    except PolicyValidationError as err:
        raise BadInput(f"An error occurred ({err.code}) when calling the {OPERATION} "
                       f"operation: {err}") from None
    print_json(response)
    return 0
