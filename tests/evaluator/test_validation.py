"""Malformed documents are rejected with a PolicyValidationError that names the place
(a JSON path, and line/column for JSON syntax), whatever the input.

DESIGN.md: "A malformed document is rejected with a message that names where
(Statement[1].Condition.IpAddress.aws:SourceIp: '10.0.0.300' is not an IP address),
never a traceback, never a hang, whatever the input size."
Condition value formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
Size limit: SimulateCustomPolicy PolicyInputList members are 1..131072 characters
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html).
"""

import json

import pytest
from policies import document, statement

from evaluator import IDENTITY, PolicyValidationError, parse_policy


def rejects(text, **kwargs) -> PolicyValidationError:
    with pytest.raises(PolicyValidationError) as err:
        parse_policy(text, IDENTITY, **kwargs)
    return err.value


@pytest.mark.parametrize("text", [
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",, }\n  ]\n}',
    '{"Version": "2012-10-17" "Statement": []}',
    '{\n\n   "Statement": [}',
    '',
    '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]} trailing',
    '{"Statement": [{"Effect": \'Allow\'}]}',
])
def test_invalid_json_reports_line_and_column(text):
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    err = rejects(text)
    assert (err.line, err.column) == (expected.value.lineno, expected.value.colno)
    assert f"line {err.line}, column {err.column}" in str(err)


@pytest.mark.parametrize("condition,path,value", [
    ({"IpAddress": {"aws:SourceIp": "10.0.0.300"}}, "IpAddress.aws:SourceIp", "10.0.0.300"),
    ({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.0/33"]}},
     "IpAddress.aws:SourceIp", "203.0.113.0/33"),
    ({"NotIpAddress": {"aws:SourceIp": "not-an-ip"}}, "NotIpAddress.aws:SourceIp", "not-an-ip"),
    ({"DateGreaterThan": {"aws:CurrentTime": "yesterday"}}, "DateGreaterThan.aws:CurrentTime",
     "yesterday"),
    ({"DateLessThan": {"aws:CurrentTime": "2020-13-01T00:00:00Z"}},
     "DateLessThan.aws:CurrentTime", "2020-13-01"),
    ({"NumericLessThanEquals": {"s3:max-keys": "ten"}}, "NumericLessThanEquals.s3:max-keys",
     "ten"),
    ({"Bool": {"aws:SecureTransport": "maybe"}}, "Bool.aws:SecureTransport", "maybe"),
    ({"StringEqualz": {"aws:username": "a"}}, "StringEqualz", "StringEqualz"),
    ({"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}}, "ForSomeValues:StringEquals",
     "ForSomeValues"),
    ({"Null": {"aws:TokenIssueTime": "sometimes"}}, "Null.aws:TokenIssueTime", "Null"),
])
def test_bad_condition_names_the_place(condition, path, value):
    text = document(statement(Sid="First"), statement(Condition=condition))
    err = rejects(text)
    assert err.path == f"Statement[1].Condition.{path}"
    assert value in str(err)


@pytest.mark.parametrize("stmt,path,words", [
    ({"Action": "*", "Resource": "*"}, "Statement[0]", "Effect"),
    (statement(Actions="*"), "Statement[0]", "Actions"),
    (statement(action="s3:*", NotAction="iam:*"), "Statement[0]", "NotAction"),
    (statement(action=None), "Statement[0]", "Action"),
    (statement(resource=None), "Statement[0]", "Resource"),
    (statement(action="GetObject"), "Statement[0].Action", "vendor"),
    (statement(action=[]), "Statement[0].Action", "empty"),
    (statement(action=["s3:GetObject", 7]), "Statement[0].Action", "string"),
    (statement(resource="amzn-s3-demo-bucket/*"), "Statement[0].Resource", "ARN"),
    (statement(Condition={"StringEquals": {"aws:username": {"a": "b"}}}),
     "Statement[0].Condition.StringEquals.aws:username", "values"),
    (statement(Condition={"StringEquals": {"username": "a"}}),
     "Statement[0].Condition.StringEquals.username", "vendor"),
    (statement(Condition=["StringEquals"]), "Statement[0].Condition", "object"),
])
def test_bad_statement_names_the_place(stmt, path, words):
    err = rejects(document(stmt))
    assert err.path == path
    assert words in str(err)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_json_numbers_rejected(literal):
    # RFC 8259 JSON has no NaN or Infinity; Python's json would accept them.
    text = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",'
            ' "Resource": "*", "Condition": {"NumericEquals": {"s3:max-keys": %s}}}]}' % literal)
    assert literal.lstrip("-") in str(rejects(text))


def test_over_the_size_limit_rejected():
    padding = " " * (131_072 - len(document(statement())) + 1)
    text = document(statement()) + padding
    assert len(text) == 131_073
    assert "131,072" in str(rejects(text))
    parse_policy(text[:-1])  # one character less is fine


def padded_policy(size):
    return document(statement()) + " " * (size - len(document(statement())))


@pytest.mark.parametrize("text", [
    "x" * 10_000_000,
    "[" * 10_000_000,
    '{"Statement": ' + '{"a": ' * 200_000 + "1" + "}" * 200_000 + "}",
    '{"Version": "' + "a" * 10_000_000 + '", "Statement": []}',
    "[" * 50_000 + "]" * 50_000,
])
def test_huge_and_deep_inputs_fail_cleanly(text):
    with pytest.raises(PolicyValidationError):
        parse_policy(text, IDENTITY, max_length=None)
    with pytest.raises(PolicyValidationError):
        parse_policy(text, IDENTITY)


def test_large_valid_policy_without_limit_parses():
    text = padded_policy(10_000_000)
    assert len(parse_policy(text, IDENTITY, max_length=None).statements) == 1


@pytest.mark.parametrize("value", [None, 42, b"{}", ["{}"]])
def test_non_text_rejected(value):
    with pytest.raises(PolicyValidationError):
        parse_policy(value, IDENTITY)
