"""store.lint: IAM Access Analyzer's policy checks, the API the policy editor calls.

Shapes and wording: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
and botocore's ``accessanalyzer/2019-11-01`` model (ValidatePolicyFinding, Location,
PathElement, Span, Position: line from 1, column and offset from 0, end exclusive).
The other test_lint_* modules import the helpers below.
"""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import RESOURCE, TRUST
from store.lint import BLOCKING, FINDING_TYPES, Finding, blocking, lint, validate_policy_response
from store.lint.issues import ISSUES, REFERENCE


def policy(*statements, version="2012-10-17") -> str:
    """A policy document's text, two-space indented, with ``version`` (None: no Version)."""
    doc = {"Version": version} if version else {}
    doc["Statement"] = list(statements)
    return json.dumps(doc, indent=2)


def allow(action="s3:GetObject", resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action="s3:GetObject", resource="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def findings(text: str, code: str, kind: str = "identity") -> list[Finding]:
    """The findings of one issue code."""
    return [f for f in lint(text, kind) if f.issue_code == code]


def codes(text: str, kind: str = "identity") -> set[str]:
    return {f.issue_code for f in lint(text, kind)}


# awscli's own example for `aws accessanalyzer validate-policy`
# (awscli/examples/accessanalyzer/validate-policy.rst): the document, and the spans AWS
# returned for it.
AWSCLI_EXAMPLE = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "",
            "Effect": "Allow",
            "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
            },
            "Action": [
                "sts:AssumeRole",
                "sts:TagSession"
            ],
            "Condition": {
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": "us-west-2_EXAMPLE"
                }
            }
        }
    ]
}"""


def test_the_awscli_example_gets_the_findings_and_spans_aws_returned():
    response = validate_policy_response(AWSCLI_EXAMPLE, lint(AWSCLI_EXAMPLE, TRUST))
    by_code = {f["issueCode"]: f for f in response["findings"]}
    assert set(by_code) == {"EMPTY_SID_VALUE", "MISMATCHED_ACTION_FOR_PRINCIPAL",
                            "UNSUPPORTED_ACTION_FOR_CONDITION_KEY"}
    sid = by_code["EMPTY_SID_VALUE"]
    assert sid["findingType"] == "SUGGESTION"
    assert sid["findingDetails"] == "Add a value to the empty string in the Sid element."
    assert sid["learnMoreLink"] == (REFERENCE + "#access-analyzer-reference-policy-checks-"
                                    "suggestion-empty-sid-value")
    assert sid["locations"] == [{
        "path": [{"value": "Statement"}, {"index": 0}, {"value": "Sid"}],
        "span": {"start": {"line": 5, "column": 19, "offset": 79},
                 "end": {"line": 5, "column": 21, "offset": 81}}}]
    mismatched = by_code["MISMATCHED_ACTION_FOR_PRINCIPAL"]
    assert mismatched["findingType"] == "ERROR"
    assert mismatched["locations"][0]["path"] == [
        {"value": "Statement"}, {"index": 0}, {"value": "Action"}, {"index": 0}]
    assert mismatched["locations"][0]["span"] == {
        "start": {"line": 11, "column": 16, "offset": 258},
        "end": {"line": 11, "column": 32, "offset": 274}}
    unsupported = by_code["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"]
    assert unsupported["findingDetails"].startswith(
        "The following actions: sts:TagSession are not supported by the condition key "
        "cognito-identity.amazonaws.com:aud.")
    # AWS's span starts at the value, as ours does (its end runs two characters on).
    assert unsupported["locations"][0]["span"]["start"] == {"line": 16, "column": 58,
                                                           "offset": 443}


def test_a_finding_carries_type_code_details_fix_place_and_link():
    text = policy(allow("iam:PassRole", "*"))
    [finding] = findings(text, "PASS_ROLE_WITH_STAR_IN_RESOURCE")
    assert finding.finding_type == "SECURITY_WARNING"
    assert finding.path == ("Statement", 0, "Resource")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (7, 19, 7, 22)
    assert text.splitlines()[6][18:21] == '"*"'
    assert "iam:PassedToService" in finding.fix
    assert finding.learn_more.endswith("security-warning-pass-role-with-star-in-resource")


def test_findings_are_sorted_by_place():
    text = policy(allow("s3:GetObjet"), deny("s3:DeleteBucket", "arn:aws:s3:::b/*"), version=None)
    places = [(f.line, f.column) for f in lint(text)]
    assert places == sorted(places) and len(places) >= 3


def test_a_clean_policy_has_no_findings():
    text = policy(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::bucket-name/*"),
                  allow("s3:ListBucket", "arn:aws:s3:::bucket-name"))
    assert lint(text) == []
    assert not blocking(lint(text))


def test_blocking_means_an_error_or_a_security_warning():
    assert BLOCKING == ("ERROR", "SECURITY_WARNING")
    assert blocking(lint(policy(allow("iam:PassRole"))))          # a security warning
    assert not blocking(lint(policy(allow(), version=None)))      # a warning only


def test_every_issue_has_a_known_type_a_fix_and_a_link():
    for issue in ISSUES.values():
        assert issue.finding_type in FINDING_TYPES
        assert issue.fix and issue.learn_more.startswith("https://docs.aws.amazon.com/")


def test_the_kind_is_the_parsers():
    bucket_policy = policy({"Effect": "Allow", "Principal": {"AWS": "123456789012"},
                            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})
    assert lint(bucket_policy, RESOURCE) == []
    assert codes(bucket_policy) == {"UNSUPPORTED_PRINCIPAL"}
    with pytest.raises(ValueError):
        lint(bucket_policy, "bucket")


# --- what the parser refuses: one ERROR, named with AA's code ------------------------

@pytest.mark.parametrize("text, code, path", [
    ('{"Version": "2012-10-17", "Statement": [}', "JSON_SYNTAX_ERROR", ()),
    ("", "JSON_SYNTAX_ERROR", ()),
    ("[]", "DATA_TYPE_MISMATCH", ()),
    (policy(allow(), version="2020-01-01"), "INVALID_VERSION", ("Version",)),
    ('{"Version": "2012-10-17"}', "MISSING_STATEMENT", ()),
    (policy(allow(Sid="A"), allow(Sid="A")), "UNIQUE_SIDS_REQUIRED", ("Statement", 1)),
    (policy({"Action": "s3:GetObject", "Resource": "*"}), "MISSING_EFFECT", ("Statement", 0)),
    (policy({**allow(), "Effect": "allow"}), "INVALID_EFFECT", ("Statement", 0, "Effect")),
    (policy({**allow(), "NotAction": "s3:PutObject"}), "UNSUPPORTED_ELEMENT_COMBINATION",
     ("Statement", 0)),
    (policy({"Effect": "Allow", "Resource": "*"}), "MISSING_ACTION", ("Statement", 0)),
    (policy({"Effect": "Allow", "Action": "s3:GetObject"}), "MISSING_RESOURCE", ("Statement", 0)),
    (policy(allow(Principal="*")), "UNSUPPORTED_PRINCIPAL", ("Statement", 0, "Principal")),
    (policy(allow(Actions="s3:*")), "INVALID_POLICY_ELEMENT", ("Statement", 0)),
    (policy(allow([])), "EMPTY_ARRAY_ACTION", ("Statement", 0, "Action")),
    (policy(allow(resource=[])), "EMPTY_ARRAY_RESOURCE", ("Statement", 0, "Resource")),
    (policy(allow("s3GetObject")), "INVALID_ACTION", ("Statement", 0, "Action")),
    (policy(allow(resource="bucket")), "INVALID_ARN_PREFIX", ("Statement", 0, "Resource")),
    (policy(allow(resource="arn:aws:s3")), "MISSING_ARN_FIELD", ("Statement", 0, "Resource")),
    (policy(allow(Condition={"StringEqual": {"aws:username": "a"}})),
     "INVALID_CONDITION_OPERATOR", ("Statement", 0, "Condition", "StringEqual")),
    (policy(allow(Condition={"NullIfExists": {"aws:username": "true"}})),
     "NULL_WITH_IF_EXISTS", ("Statement", 0, "Condition", "NullIfExists")),
    (policy(allow(Condition={"ForAnyValue:Null": {"aws:TagKeys": "true"}})),
     "NULL_WITH_QUALIFIER", ("Statement", 0, "Condition", "ForAnyValue:Null")),
    (policy(allow(Condition={"StringEquals": {"username": "a"}})),
     "INVALID_CONDITION_KEY_FORMAT", ("Statement", 0, "Condition", "StringEquals", "username")),
    (policy(allow(Condition={"StringEquals": {"aws:username": []}})),
     "EMPTY_ARRAY_CONDITION", ("Statement", 0, "Condition", "StringEquals", "aws:username")),
    (policy(allow(Condition={"DateLessThan": {"aws:CurrentTime": "soon"}})),
     "TYPE_MISMATCH_DATE", ("Statement", 0, "Condition", "DateLessThan", "aws:CurrentTime")),
    (policy(allow(Condition={"NumericLessThan": {"aws:MultiFactorAuthAge": "ten"}})),
     "TYPE_MISMATCH_NUMBER", ("Statement", 0, "Condition", "NumericLessThan",
                              "aws:MultiFactorAuthAge")),
    (policy(allow(Condition={"Bool": {"aws:SecureTransport": "yes"}})),
     "TYPE_MISMATCH_BOOLEAN", ("Statement", 0, "Condition", "Bool", "aws:SecureTransport")),
    (policy(allow(Condition={"IpAddress": {"aws:SourceIp": "10.0.0.300"}})),
     "TYPE_MISMATCH_IP_RANGE", ("Statement", 0, "Condition", "IpAddress", "aws:SourceIp")),
    (policy(allow(Condition={"NumericLessThan": {"s3:max-keys": "${aws:username}"}})),
     "INVALID_VARIABLE_FOR_OPERATOR", ("Statement", 0, "Condition", "NumericLessThan",
                                       "s3:max-keys")),
    ('{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}',
     "MALFORMED_POLICY_DOCUMENT", ()),
])
def test_a_document_the_parser_refuses_is_one_error_with_aas_code(text, code, path):
    [finding] = lint(text)
    assert (finding.finding_type, finding.issue_code, finding.path) == ("ERROR", code, path)


def test_a_trust_policy_needs_a_principal_and_takes_no_resource():
    assert codes(policy({"Effect": "Allow", "Action": "sts:AssumeRole"}), TRUST) == {
        "MISSING_PRINCIPAL"}
    assert codes(policy({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                         "Action": "sts:AssumeRole", "Resource": "*"}), TRUST) == {
        "INVALID_POLICY_ELEMENT"}
    assert codes(policy({"Effect": "Allow", "Principal": {"Robot": "x"},
                         "Action": "sts:AssumeRole"}), TRUST) == {"INVALID_PRINCIPAL_KEY"}


def test_invalid_json_points_at_the_place_and_says_it_as_aws_does():
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",,}\n  ]\n}'
    [finding] = lint(text)
    assert (finding.line, finding.column) == (4, 24)
    assert finding.details.startswith("Fix the JSON syntax error at index 69 line 4 column 23")
    assert text[69] == ","
    response = validate_policy_response(text, [finding])
    assert response["findings"][0]["locations"][0]["span"]["start"] == {
        "line": 4, "column": 23, "offset": 69}


def test_a_document_over_the_parsers_limit_is_refused_quickly():
    [finding] = lint(" " * 200_000 + "{}")
    assert finding.issue_code == "MALFORMED_POLICY_DOCUMENT" and "131,072" in finding.details


_NAMES = st.sampled_from(["Version", "Statement", "Effect", "Action", "NotAction", "Resource",
                          "NotResource", "Principal", "Condition", "Sid", "Allow", "Deny", "*",
                          "s3:GetObject", "iam:PassRole", "StringEquals", "aws:TagKeys",
                          "IpAddress", "aws:SourceIp", "10.0.0.0/8", "arn:aws:s3:::b/*",
                          "2012-10-17", "${aws:username}"])
_JSON = st.recursive(st.one_of(_NAMES, st.text(max_size=4), st.integers(), st.booleans(),
                               st.none()),
                     lambda inner: st.one_of(st.lists(inner, max_size=4),
                                             st.dictionaries(_NAMES, inner, max_size=5)),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.integers(min_value=0), st.sampled_from(["identity", "resource", "trust"]))
def test_any_text_gets_findings_never_an_exception(value, cut, kind):
    for text in (json.dumps({"Version": "2012-10-17", "Statement": value}, indent=1),
                 json.dumps(value)):
        for variant in (text, text[:cut % (len(text) + 1)]):
            found = lint(variant, kind)
            validate_policy_response(variant, found)
            assert all(f.line >= 1 and f.column >= 1 for f in found)
