"""``iamtui lint FILE|- [--kind identity|resource|trust] [--json]``: IAM Access Analyzer's
policy checks on one policy document (store.lint).

One finding a line, ``FILE:LINE:COLUMN: TYPE ISSUE_CODE details``, then its fix; ``--json``
prints the ValidatePolicy response shape instead
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html).
Exit 0 when there is no ERROR or SECURITY_WARNING, 1 when there is, 2 when the input
cannot be read.
"""

from evaluator import IDENTITY, RESOURCE, TRUST
from store.lint import FINDING_TYPES, blocking, lint, validate_policy_response

from ..output import print_json, read_input


def register(subparsers):
    parser = subparsers.add_parser(
        "lint", help="check a policy document as IAM Access Analyzer's policy validation does",
        description="Check a policy document as IAM Access Analyzer's policy validation "
                    "does: ERROR, SECURITY_WARNING, WARNING and SUGGESTION findings, each with "
                    "its place in the document and a fix. Exit 0 when there is no ERROR or "
                    "SECURITY_WARNING, 1 when there is, 2 when the input cannot be read.")
    parser.add_argument("file", metavar="FILE",
                        help="the policy document: a path, file://path, or - for standard input")
    parser.add_argument("--kind", choices=(IDENTITY, RESOURCE, TRUST), default=IDENTITY,
                        help="identity (also boundaries, session policies, SCPs; the "
                             "default), resource (a resource-based policy) or trust (a "
                             "role's trust policy)")
    parser.add_argument("--json", action="store_true",
                        help="print the ValidatePolicy response shape: findings with "
                             "findingType, issueCode, findingDetails, learnMoreLink, locations")
    parser.set_defaults(run=run)


def run(args) -> int:
    text = read_input(args.file)
    findings = lint(text, args.kind)
    if args.json:
        print_json(validate_policy_response(text, findings))
    else:
        name = "<stdin>" if args.file == "-" else args.file.removeprefix("file://")
        for finding in findings:
            where = f" at {_dotted(finding.path)}" if finding.path else ""
            print(f"{name}:{finding.line}:{finding.column}: {finding.finding_type} "
                  f"{finding.issue_code}{where}: {finding.details}")
            print(f"    fix: {finding.fix}")
        print(_summary(findings))
    return 1 if blocking(findings) else 0


def _dotted(path: tuple) -> str:
    """``("Statement", 0, "Action")`` as ``Statement[0].Action``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _summary(findings) -> str:
    if not findings:
        return "no findings"
    counts = {kind: sum(f.finding_type == kind for f in findings) for kind in FINDING_TYPES}
    parts = ", ".join(f"{n} {kind.lower().replace('_', ' ')}{'s' if n > 1 else ''}"
                      for kind, n in counts.items() if n)
    return f"{len(findings)} finding{'s' if len(findings) > 1 else ''}: {parts}"
