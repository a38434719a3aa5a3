"""A document the evaluator's parser refuses, as one ERROR finding.

The parser (``evaluator.parse_policy``) is the one judge of the grammar: it stops at the
first problem and says what and where (a dotted path and, for invalid JSON, the line and
column). This module only names the problem with Access Analyzer's issue code. A few of
those codes are suggestions or general warnings in Access Analyzer (an empty Action list,
a condition value that is not a date); iamtui's parser refuses those documents, so here
they are errors: the document cannot be saved until they are fixed.
"""

import re

from evaluator import PolicyValidationError
from evaluator.jsonsource import load

from .issues import Problem
from .locate import Locator, line_starts

_EMPTY_LIST = {"Action": "EMPTY_ARRAY_ACTION", "NotAction": "EMPTY_ARRAY_ACTION",
               "Resource": "EMPTY_ARRAY_RESOURCE", "NotResource": "EMPTY_ARRAY_RESOURCE",
               "Principal": "EMPTY_ARRAY_PRINCIPAL", "NotPrincipal": "EMPTY_ARRAY_PRINCIPAL"}

# (pattern in the parser's message, issue code), first match wins.
_CODES = (
    (r"^invalid JSON", "JSON_SYNTAX_ERROR"),
    (r"^duplicate key", "MALFORMED_POLICY_DOCUMENT"),
    (r"^unknown element", "INVALID_POLICY_ELEMENT"),
    (r"^Version must be", "INVALID_VERSION"),
    (r"Missing required field Statement|at least one statement", "MISSING_STATEMENT"),
    (r"\(SID\)", "UNIQUE_SIDS_REQUIRED"),
    (r"Missing required field Effect", "MISSING_EFFECT"),
    (r"^Effect must be", "INVALID_EFFECT"),
    (r"cannot have both", "UNSUPPORTED_ELEMENT_COMBINATION"),
    (r"Missing required field Action", "MISSING_ACTION"),
    (r"Missing required field Resource", "MISSING_RESOURCE"),
    (r"Missing required field Principal", "MISSING_PRINCIPAL"),
    (r"prohibited field (Not)?Principal", "UNSUPPORTED_PRINCIPAL"),
    (r"prohibited field", "INVALID_POLICY_ELEMENT"),
    (r"unknown principal type", "INVALID_PRINCIPAL_KEY"),
    (r"[Pp]rincipal", "INVALID_PRINCIPAL_FORMAT"),
    (r"unknown condition operator 'Null\w*IfExists'", "NULL_WITH_IF_EXISTS"),
    (r"unknown condition operator 'For\w*:Null", "NULL_WITH_QUALIFIER"),
    (r"unknown condition operator", "INVALID_CONDITION_OPERATOR"),
    (r"must name at least one condition key", "EMPTY_OBJECT_CONDITION"),
    (r"must have at least one value", "EMPTY_ARRAY_CONDITION"),
    (r"^'[^']*\$\{[^']*' is not a", "INVALID_VARIABLE_FOR_OPERATOR"),
    (r"is not a number", "TYPE_MISMATCH_NUMBER"),
    (r"is not a date", "TYPE_MISMATCH_DATE"),
    (r"is not a boolean|Null takes one value", "TYPE_MISMATCH_BOOLEAN"),
    (r"IP address or CIDR", "TYPE_MISMATCH_IP_RANGE"),
    (r"base64", "TYPE_MISMATCH_STRING"),
    (r"must be a JSON object|must be a string|must be text|values must be", "DATA_TYPE_MISMATCH"),
)
# Access Analyzer's own details, where the parser's message adds nothing to them.
_WORDS = {
    "EMPTY_ARRAY_ACTION": "This statement includes no actions and does not affect the policy. "
                          "Specify actions.",
    "EMPTY_ARRAY_RESOURCE": "This statement includes no resources and does not affect the "
                            "policy. Specify resources.",
    "EMPTY_ARRAY_PRINCIPAL": "This statement includes no principals and does not affect the "
                             "policy. Specify principals.",
    "EMPTY_ARRAY_CONDITION": "There are no values for the condition key and it does not affect "
                             "the policy. Specify conditions.",
    "MISSING_STATEMENT": "Add a statement to the policy.",
    "MISSING_EFFECT": "Add an Effect element to the policy statement with a value of Allow or "
                      "Deny.",
    "MISSING_ACTION": "Add an Action or NotAction element to the policy statement.",
    "MISSING_RESOURCE": "Add a Resource or NotResource element to the policy statement.",
    "MISSING_PRINCIPAL": "Add a Principal element to the policy statement.",
    "NULL_WITH_IF_EXISTS": "The Null condition operator cannot be used with the IfExists "
                           "suffix. Update the operator or the suffix.",
    "NULL_WITH_QUALIFIER": "Avoid using the Null condition operator with the ForAllValues or "
                           "ForAnyValue qualifiers because they always return a true or false "
                           "respectively.",
    "VARIABLE_UNSUPPORTED_IN_ELEMENT": "Policy variables are supported in the Resource and "
                                       "Condition elements. Remove the policy variable from "
                                       "this element.",
    "INVALID_VARIABLE_FOR_OPERATOR": "Policy variables can only be used with String and ARN "
                                     "operators.",
}
_RULES = tuple((re.compile(pattern), code) for pattern, code in _CODES)
_NOT_ARN = re.compile(r"Resource (.*) must be in ARN format")


def problem(text, err: PolicyValidationError) -> tuple[Problem, tuple[int, int], Locator | None]:
    """The finding for ``err``: the problem, where the parser pointed (1-based line and
    column), and a locator for the path when the text is JSON at all."""
    try:
        locator = Locator(text, load(text))
    except PolicyValidationError:  # not JSON (or not text): the parser's place is all
        locator = None
    path = locator.path_of(err.path) if locator else ()
    code = _code(err, path)
    details = _WORDS.get(code) or (f"{err.path}: {err.message}" if err.path else err.message)
    if code == "JSON_SYNTAX_ERROR" and err.line is not None:
        offset = line_starts(text)[err.line - 1] + err.column - 1
        details = (f"Fix the JSON syntax error at index {offset} "
                   f"line {err.line} column {err.column - 1}: "
                   f"{err.message.removeprefix('invalid JSON: ')}.")
    return Problem(code, details, path), (err.line or 1, err.column or 1), locator


def _code(err: PolicyValidationError, path: tuple) -> str:
    message = err.message
    if message.startswith("must not be an empty list") and path:
        return _EMPTY_LIST.get(path[-1], "MALFORMED_POLICY_DOCUMENT")
    if "Actions/Conditions must be prefaced" in message:
        if ".Condition." in err.path:
            return "INVALID_CONDITION_KEY_FORMAT"
        return "VARIABLE_UNSUPPORTED_IN_ELEMENT" if "${" in message else "INVALID_ACTION"
    not_arn = _NOT_ARN.match(message)
    if not_arn:
        return "MISSING_ARN_FIELD" if not_arn.group(1).startswith("arn:") else "INVALID_ARN_PREFIX"
    for pattern, code in _RULES:
        if pattern.search(message):
            return code
    return "MALFORMED_POLICY_DOCUMENT"

