"""The document and statement skeleton: Version, Id, Statement, Sid, Effect, which
elements exist, and where each statement sits in the text (StartPosition/EndPosition).

Element reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
  "you cannot use both Action and NotAction in the same policy statement. Other pairs
  that are mutually exclusive include Principal/NotPrincipal and Resource/NotResource."
Version: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  (2012-10-17 current, 2008-10-17 older; the element may be left out.)
Sid: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
  "In IAM, the Sid value must be unique within a JSON policy."
Effect: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
  "Valid values for Effect are Allow and Deny. The Effect value is case sensitive."
"""

import json

import pytest
from policies import decide, document, statement

from evaluator import IDENTITY, PolicyValidationError, parse_policy


def parses(text, kind=IDENTITY):
    return parse_policy(text, kind)


def rejects(text, kind=IDENTITY) -> PolicyValidationError:
    with pytest.raises(PolicyValidationError) as err:
        parse_policy(text, kind)
    return err.value


@pytest.mark.parametrize("version", ["2012-10-17", "2008-10-17", None])
def test_known_versions_and_none(version):
    policy = parses(document(statement(), version=version))
    assert policy.version == version
    assert len(policy.statements) == 1


@pytest.mark.parametrize("version", ["2012-10-18", "2012-10-17 ", "latest", 20121017])
def test_other_versions_rejected(version):
    assert "Version" in str(rejects(json.dumps({"Version": version,
                                                "Statement": [statement()]})))


def test_id_is_kept():
    # Id page: "The Id element specifies an optional identifier for the policy."
    text = json.dumps({"Version": "2012-10-17", "Id": "cd3ad3d9-2776-4ef1-a904-4c229d1642ee",
                       "Statement": [statement()]})
    assert parses(text).id == "cd3ad3d9-2776-4ef1-a904-4c229d1642ee"


def test_statement_may_be_one_object_or_a_list():
    # Statement page: "The Statement element can contain a single statement or an array
    # of individual statements."
    single = json.dumps({"Version": "2012-10-17", "Statement": statement(action="s3:Get*")})
    listed = document(statement(action="s3:Get*"), statement("Deny", action="s3:GetObject"))
    assert len(parses(single).statements) == 1
    assert [s.allow for s in parses(listed).statements] == [True, False]
    assert decide("s3:GetObjectAcl", identity=[single]).allowed


@pytest.mark.parametrize("text,where", [
    (json.dumps({"Version": "2012-10-17"}), "Statement"),
    (json.dumps({"Version": "2012-10-17", "Statement": []}), "Statement"),
    (json.dumps({"Version": "2012-10-17", "Statement": "Allow"}), "Statement"),
    ("[]", "object"),
])
def test_statement_required(text, where):
    assert where in str(rejects(text))


def test_sids_must_be_unique():
    err = rejects(document(statement(Sid="ExampleStatementID"),
                           statement("Deny", Sid="ExampleStatementID")))
    assert "ExampleStatementID" in str(err)
    assert err.path == "Statement[1]"
    policy = parses(document(statement(Sid="One"), statement(Sid="Two")))
    assert [s.sid for s in policy.statements] == ["One", "Two"]


@pytest.mark.parametrize("effect", ["allow", "DENY", "Permit", "", None, True])
def test_effect_is_exactly_allow_or_deny(effect):
    err = rejects(document(statement(effect)))
    assert "Effect" in str(err)
    assert err.path.startswith("Statement[0]")


def test_missing_effect():
    assert "Effect" in str(rejects(document({"Action": "*", "Resource": "*"})))


@pytest.mark.parametrize("doc,name", [
    ({"Version": "2012-10-17", "Statement": [statement()], "Statements": []}, "Statements"),
    ({"Version": "2012-10-17", "Statement": [statement(Actions="s3:*")]}, "Actions"),
    ({"Version": "2012-10-17", "Statement": [statement(effect="Allow", Condtion={})]},
     "Condtion"),
])
def test_unknown_elements_rejected(doc, name):
    assert name in str(rejects(json.dumps(doc)))


@pytest.mark.parametrize("extra", [
    {"NotAction": "s3:*"},
    {"NotResource": "arn:aws:s3:::b"},
])
def test_mutually_exclusive_elements(extra):
    err = rejects(document(statement(action="s3:*", resource="*", **extra)))
    assert next(iter(extra)) in str(err)


@pytest.mark.parametrize("text", [
    '{"Version": "2012-10-17", "Version": "2008-10-17", "Statement": []}',
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny",'
    ' "Action": "*", "Resource": "*"}]}',
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",'
    ' "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a",'
    ' "aws:username": "b"}}}]}',
])
def test_duplicate_keys_rejected(text):
    # Python's json would keep the last duplicate and silently change the policy's
    # meaning (a squashed Condition key can widen it); the project rejects duplicates
    # (evaluator/jsonsource.py, DESIGN.md "A malformed document is rejected").
    assert "duplicate" in str(rejects(text)).lower()


# --- StartPosition / EndPosition -------------------------------------------------------
# SimulatePolicyResponse Statement positions, 1-based (line, column), each "just after
# the last consumed JSON token" (research notes /tmp/research/aws-facts.md §1, fitted to
# six real AWS outputs): End is just after the statement's "}"; Start is just after the
# "[" for the first statement of a list, just after the previous statement's "}" for the
# others, and just after the statement's own "{" when Statement is a single object.

# awscli examples/iam/simulate-custom-policy.rst, Example 1: Start (1, 38), End (1, 167).
AWSCLI_EXAMPLE = ('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",'
                  '"Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":'
                  '"2018-08-16T12:00:00Z"}}}}')
# Real boto3 simulate_custom_policy output (Scott Logic blog): Start (1, 41), End (1, 180).
SCOTT_LOGIC = ('{"Version": "2012-10-17", "Statement": [{"Sid": "s3", "Effect": "Allow", '
               '"Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": '
               '["arn:aws:s3:::tims-fancy-bucket/only-here/*"]}]}')
# AdministratorAccess as IAM stores it (2-space JSON): Start (3, 17), End (8, 6).
ADMINISTRATOR_ACCESS = json.dumps(
    {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, indent=2)


@pytest.mark.parametrize("text,start,end", [
    (AWSCLI_EXAMPLE, (1, 38), (1, 167)),
    (SCOTT_LOGIC, (1, 41), (1, 180)),
    (ADMINISTRATOR_ACCESS, (3, 17), (8, 6)),
])
def test_positions_match_aws_outputs(text, start, end):
    (only,) = parses(text).statements
    assert (only.start, only.end) == (start, end)


def column_after(text, offset):
    """(line, column), 1-based, of the character after ``text[offset]``."""
    line = text.count("\n", 0, offset + 1) + 1
    return line, offset + 1 - (text.rfind("\n", 0, offset + 1) + 1) + 1


@pytest.mark.parametrize("indent", [None, 4])
def test_later_statements_start_where_the_previous_ended(indent):
    statements = [statement(Sid=f"S{i}", action=f"s3:Action{i}") for i in range(3)]
    text = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=indent)
    parsed = parses(text).statements
    closes = [text.index("}", text.index(f'"S{i}"')) for i in range(3)]
    assert parsed[0].start == column_after(text, text.index("["))
    assert [s.end for s in parsed] == [column_after(text, c) for c in closes]
    assert parsed[1].start == parsed[0].end
    assert parsed[2].start == parsed[1].end
