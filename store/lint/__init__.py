"""Policy checks: what IAM Access Analyzer's policy validation would say about a document,
each finding with its type (ERROR, SECURITY_WARNING, WARNING, SUGGESTION), its issue code,
where it is in the text, and a one-line fix.

``lint(text, kind)`` first asks the evaluator's parser, which alone judges the grammar: a
document it refuses gets that one ERROR. A valid one goes through each family of checks,
one module each: ``elements`` (Version, Sid, size), ``actions`` (the catalog's services,
actions and resource types), ``conditions`` (keys, their types, qualifiers), ``permissive``
(what grants too much), ``trust`` (a principal and an action that do not go together),
``redundancy`` and ``reach`` (a Deny that never applies). The
action catalog (``store.catalog``) is their one source for services, actions, resource
types and condition keys.

``validate_policy_response`` gives the findings in the shape of Access Analyzer's
ValidatePolicy response (botocore ``accessanalyzer/2019-11-01``: ValidatePolicyFinding,
Location, PathElement, Span, Position, whose ``line`` counts from 1 and ``column`` and
``offset`` from 0, the span's end exclusive).

Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
"""

import dataclasses
from dataclasses import dataclass

from evaluator import IDENTITY, PolicyValidationError, parse_policy
from evaluator.jsonsource import load

from . import actions, conditions, elements, grammar, permissive, reach, redundancy, trust
from .document import Document
from .issues import ERROR, FINDING_TYPES, ISSUES, SECURITY_WARNING, Problem
from .locate import Locator, line_starts

BLOCKING = (ERROR, SECURITY_WARNING)  # the finding types `iamtui lint` fails on
_CHECKS = (elements.check, actions.check, conditions.check, permissive.check, trust.check,
           redundancy.check, reach.check)

__all__ = ["BLOCKING", "FINDING_TYPES", "Finding", "blocking", "lint",
           "validate_policy_response"]


@dataclass(frozen=True)
class Finding:
    """One finding. ``path`` is the JSON path of the value it is about
    (``("Statement", 0, "Action", 1)``); line and column are 1-based, the end exclusive."""

    finding_type: str
    issue_code: str
    details: str
    fix: str
    path: tuple
    line: int
    column: int
    end_line: int
    end_column: int
    learn_more: str


def lint(text: str, kind: str = IDENTITY) -> list[Finding]:
    """Every finding for policy document ``text`` of ``kind`` (identity, resource or
    trust, as ``evaluator.parse_policy`` takes them), sorted by place."""
    try:
        parse_policy(text, kind)
    except PolicyValidationError as err:
        problem, (line, column), locator = grammar.problem(text, err)
        if locator is not None and problem.path:
            found = _placed(problem, locator)
        else:
            found = _finding(problem, (line, column), (line, column + 1))
        # Always an ERROR: the document cannot be stored until it is fixed (see grammar).
        return [dataclasses.replace(found, finding_type=ERROR)]
    tree = load(text)
    locator = Locator(text, tree)
    doc = Document.of(text, kind, tree)
    found = {_placed(problem, locator) for check in _CHECKS for problem in check(doc)}
    return sorted(found, key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.issue_code))


def validate_policy_response(text: str, findings: list[Finding]) -> dict:
    """``findings`` as ValidatePolicy's response: ``{"findings": [...]}``."""
    starts = line_starts(text) if isinstance(text, str) else [0]

    def position(line, column):
        offset = starts[min(line, len(starts)) - 1] + column - 1
        return {"line": line, "column": column - 1, "offset": offset}

    return {"findings": [{
        "findingDetails": f.details,
        "findingType": f.finding_type,
        "issueCode": f.issue_code,
        "learnMoreLink": f.learn_more,
        "locations": [{
            "path": [{"index": step} if isinstance(step, int) else {"value": step}
                     for step in f.path],
            "span": {"start": position(f.line, f.column),
                     "end": position(f.end_line, f.end_column)},
        }],
    } for f in findings]}


def blocking(findings: list[Finding]) -> bool:
    """Whether any finding is an ERROR or a SECURITY_WARNING."""
    return any(f.finding_type in BLOCKING for f in findings)


def _placed(problem: Problem, locator: Locator) -> Finding:
    start, end = locator.span(problem.path)
    return _finding(problem, locator.position(start), locator.position(end))


def _finding(problem: Problem, start: tuple, end: tuple) -> Finding:
    issue = ISSUES[problem.code]
    return Finding(issue.finding_type, issue.code, problem.details, problem.fix or issue.fix,
                   problem.path, *start, *end, issue.learn_more)

