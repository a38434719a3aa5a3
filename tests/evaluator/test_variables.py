"""Policy variables in Resource and Condition values.

All cases from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
- "${*} - use where you need an * (asterisk) character." (likewise ${?} and ${$})
- default values: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}"
- "If a variable that has no value in the authorization context is used as part of the
  Resource or NotResource element of a policy, the resource that includes a policy
  variable with no value will not match any resource."
- "Condition operators like StringEquals or StringLike do not match" a variable with no
  value; "Inverted condition operators like StringNotEquals or StringNotLike do match".
- "If you don't include the Version element and set it to an appropriate version date,
  variables like ${aws:username} are treated as literal strings in the policy."
- "Key names are case-insensitive."
"""

import pytest
from policies import ACCOUNT, decide, document, statement

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY

USERS = f"arn:aws:iam::{ACCOUNT}:user"
OWN_USER = statement(action="iam:*AccessKey*", resource=f"{USERS}/${{aws:username}}")


@pytest.mark.parametrize("username,resource,expected", [
    ("alice", f"{USERS}/alice", ALLOWED),
    ("alice", f"{USERS}/bob", IMPLICIT_DENY),
    ("bob", f"{USERS}/bob", ALLOWED),
    ("alice", f"{USERS}/Alice", IMPLICIT_DENY),
])
def test_username_in_resource(username, resource, expected):
    got = decide("iam:CreateAccessKey", resource, identity=[OWN_USER],
                 context={"aws:username": username})
    assert got.decision == expected


def test_variable_key_names_are_case_insensitive():
    allow = statement(action="iam:GetUser", resource=f"{USERS}/${{AWS:UserName}}")
    assert decide("iam:GetUser", f"{USERS}/alice", identity=[allow],
                  context={"aws:username": "alice"}).allowed


BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
TEAM_BUCKET = statement(action="s3:*", resource=f"{BUCKET}-${{aws:PrincipalTag/team, 'company-wide'}}")


@pytest.mark.parametrize("tags,bucket,expected", [
    ({"aws:PrincipalTag/team": "yellow"}, f"{BUCKET}-yellow", ALLOWED),
    ({"aws:PrincipalTag/team": "yellow"}, f"{BUCKET}-company-wide", IMPLICIT_DENY),
    ({}, f"{BUCKET}-company-wide", ALLOWED),
    ({}, f"{BUCKET}-yellow", IMPLICIT_DENY),
])
def test_default_value(tags, bucket, expected):
    got = decide("s3:ListBucket", bucket, identity=[TEAM_BUCKET], context=tags)
    assert got.decision == expected


# ${*} ${?} ${$} stand for the character itself, never a wildcard.
@pytest.mark.parametrize("escape,literal,other", [
    ("${*}", "*", "anything"),
    ("${?}", "?", "x"),
    ("${$}", "$", "x"),
])
def test_escapes_are_literal_characters(escape, literal, other):
    allow = statement(action="s3:GetObject", resource=f"{BUCKET}/key{escape}")
    assert decide("s3:GetObject", f"{BUCKET}/key{literal}", identity=[allow]).allowed
    assert not decide("s3:GetObject", f"{BUCKET}/key{other}", identity=[allow]).allowed


def test_escapes_in_condition_values_are_literal():
    allow = statement(action="s3:ListBucket",
                      Condition={"StringLike": {"s3:prefix": "home${*}"}})
    assert decide("s3:ListBucket", identity=[allow], context={"s3:prefix": "home*"}).allowed
    assert not decide("s3:ListBucket", identity=[allow],
                      context={"s3:prefix": "home/alice"}).allowed


def test_missing_variable_in_resource_matches_nothing():
    for resource in (f"{USERS}/", f"{USERS}/${{aws:username}}", f"{USERS}/alice"):
        got = decide("iam:CreateAccessKey", resource, identity=[OWN_USER])
        assert got.decision == IMPLICIT_DENY, resource


def test_missing_variable_makes_not_resource_match_everything():
    # NotResource with a valueless variable matches no resource, so its complement is all.
    deny = statement("Deny", action="iam:*", resource=None,
                     NotResource=f"{USERS}/${{aws:username}}")
    got = decide("iam:GetUser", f"{USERS}/alice", identity=[statement(), deny])
    assert got.decision == EXPLICIT_DENY


@pytest.mark.parametrize("operator,expected", [
    ("StringEquals", IMPLICIT_DENY),
    ("StringLike", IMPLICIT_DENY),
    ("StringNotEquals", ALLOWED),
    ("StringNotLike", ALLOWED),
])
def test_missing_variable_in_condition(operator, expected):
    allow = statement(action="s3:GetObject",
                      Condition={operator: {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}})
    got = decide("s3:GetObject", f"{BUCKET}/key", identity=[allow],
                 context={"s3:ExistingObjectTag/Team": "Blue"})
    assert got.decision == expected


# The page's example: Deny s3:GetObject on amzn-s3-demo-bucket/* when
# s3:ExistingObjectTag/Team StringNotEquals ${aws:PrincipalTag/Team}:
# "Access is explicitly denied when aws:principaltag/Team is not set."
@pytest.mark.parametrize("principal_team,expected", [
    (None, EXPLICIT_DENY),
    ("Blue", ALLOWED),
    ("Red", EXPLICIT_DENY),
])
def test_deny_when_principal_tag_unset(principal_team, expected):
    deny = statement("Deny", action="s3:GetObject", resource=f"{BUCKET}/*",
                     Condition={"StringNotEquals": {
                         "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}})
    context = {"s3:ExistingObjectTag/Team": "Blue"}
    if principal_team is not None:
        context["aws:PrincipalTag/Team"] = principal_team
    got = decide("s3:GetObject", f"{BUCKET}/report.csv",
                 identity=[document(statement(action="s3:*"), deny)], context=context)
    assert got.decision == expected


@pytest.mark.parametrize("version", ["2008-10-17", None])
def test_variables_are_literal_without_2012_version(version):
    policy = document(OWN_USER, version=version)
    context = {"aws:username": "alice"}
    assert not decide("iam:CreateAccessKey", f"{USERS}/alice", identity=[policy],
                      context=context).allowed
    assert decide("iam:CreateAccessKey", f"{USERS}/${{aws:username}}", identity=[policy],
                  context=context).allowed


@pytest.mark.parametrize("version", ["2008-10-17", None])
def test_condition_variables_are_literal_without_2012_version(version):
    allow = statement(action="s3:ListBucket",
                      Condition={"StringEquals": {"s3:prefix": "home/${aws:username}"}})
    policy = document(allow, version=version)
    literal = decide("s3:ListBucket", identity=[policy],
                     context={"s3:prefix": "home/${aws:username}", "aws:username": "alice"})
    resolved = decide("s3:ListBucket", identity=[policy],
                      context={"s3:prefix": "home/alice", "aws:username": "alice"})
    assert (literal.decision, resolved.decision) == (ALLOWED, IMPLICIT_DENY)


def test_missing_variable_reported_as_missing_context():
    # SimulatePolicyResponse MissingContextValues: keys the policies asked for that the
    # request lacked (botocore IAM model, EvaluationResult.MissingContextValues).
    got = decide("iam:CreateAccessKey", f"{USERS}/alice", identity=[OWN_USER])
    assert any(key.lower() == "aws:username" for key in got.missing)
