"""store.lint.permissive (and trust): Allow statements that grant more than they seem to.

The pass-role and create-service-linked-role shapes are the Access Analyzer reference's
(its "AWS managed policies with this ..." lists: AdministratorAccess has
PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE and CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE;
PowerUserAccess has CREATE_SLR_WITH_STAR_IN_RESOURCE), checked here on those managed
policies as iamtui ships them.
"""

import json
from importlib import resources

import orjson
import pytest
from test_lint import allow, codes, deny, findings, policy

from evaluator import RESOURCE, TRUST
from store.lint import lint

ROLE = "arn:aws:iam::123456789012:role/app-worker"


def managed(name: str) -> str:
    """An AWS managed policy's document, as store/data ships it."""
    raw = orjson.loads((resources.files("store") / "data" / "aws_managed_policies.json")
                       .read_bytes())
    return json.dumps(next(p for p in raw if p["PolicyName"] == name)["Document"], indent=4)


def test_managed_policies_get_the_findings_the_reference_lists_for_them():
    assert {"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"} <= codes(managed("AdministratorAccess"))
    assert "CREATE_SLR_WITH_STAR_IN_RESOURCE" in codes(managed("PowerUserAccess"))
    # PowerUserAccess's NotAction leaves iam:* out, iam:PassRole with it
    assert not any(code.startswith("PASS_ROLE") for code in codes(managed("PowerUserAccess")))
    assert codes(managed("AmazonS3ReadOnlyAccess")) == set()


@pytest.mark.parametrize("statement, code", [
    (allow("iam:PassRole", "*"), "PASS_ROLE_WITH_STAR_IN_RESOURCE"),
    (allow("iam:PassRole", "arn:aws:iam::*:*"), "PASS_ROLE_WITH_STAR_IN_RESOURCE"),
    (allow("iam:PassRole", "arn:aws:iam::123456789012:role/*"), "PASS_ROLE_WITH_STAR_IN_RESOURCE"),
    (allow("iam:*", "*"), "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"),
    ({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
     "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"),
    ({"Effect": "Allow", "Action": "iam:PassRole", "NotResource": ROLE},
     "PASS_ROLE_WITH_NOT_RESOURCE"),
    ({"Effect": "Allow", "Action": "iam:Pass*", "NotResource": ROLE},
     "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"),
    ({"Effect": "Allow", "NotAction": "s3:*", "NotResource": ROLE},
     "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"),
])
def test_pass_role_on_every_role_in_each_shape(statement, code):
    [finding] = findings(policy(statement), code)
    assert finding.finding_type == "SECURITY_WARNING"


@pytest.mark.parametrize("statement", [
    allow("iam:PassRole", ROLE),
    allow("iam:PassRole", "arn:aws:iam::123456789012:role/service-role/*"),
    allow("iam:PassRole", "*",
          Condition={"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}),
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    deny("iam:PassRole", "*"),
    allow("s3:GetObject", "*"),
])
def test_pass_role_scoped_narrowed_or_absent_is_not_flagged(statement):
    assert not any(code.startswith("PASS_ROLE") for code in codes(policy(statement)))


@pytest.mark.parametrize("statement, code", [
    (allow("iam:CreateServiceLinkedRole", "*"), "CREATE_SLR_WITH_STAR_IN_RESOURCE"),
    (allow("iam:Create*", "*"), "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"),
    ({"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": ROLE},
     "CREATE_SLR_WITH_NOT_RESOURCE"),
])
def test_create_service_linked_role_on_every_role_is_a_warning(statement, code):
    [finding] = findings(policy(statement), code)
    assert finding.finding_type == "WARNING"


def test_create_service_linked_role_for_one_service_is_not_flagged():
    statement = allow("iam:CreateServiceLinkedRole",
                      "arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*")
    assert codes(policy(statement)) == set()


def test_allow_with_not_principal():
    text = policy({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"},
                   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})
    [finding] = findings(text, "ALLOW_WITH_NOT_PRINCIPAL", RESOURCE)
    assert finding.path == ("Statement", 0, "NotPrincipal")
    text = text.replace('"Allow"', '"Deny"')
    assert "ALLOW_WITH_NOT_PRINCIPAL" not in codes(text, RESOURCE)


def test_allow_with_not_action_and_not_resource_deny_with_them_is_fine():
    text = policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b/*"},
                  {"Effect": "Allow", "Action": "s3:GetObject",
                   "NotResource": "arn:aws:s3:::b/secret/*"})
    [not_action] = findings(text, "ALLOW_WITH_NOT_ACTION")
    [not_resource] = findings(text, "ALLOW_WITH_NOT_RESOURCE")
    assert not_action.path == ("Statement", 0, "NotAction")
    assert not_resource.path == ("Statement", 1, "NotResource")
    assert not_action.finding_type == not_resource.finding_type == "SECURITY_WARNING"
    text = policy({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"})
    assert not codes(text) & {"ALLOW_WITH_NOT_ACTION", "ALLOW_WITH_NOT_RESOURCE"}


@pytest.mark.parametrize("action", ["*", "s3:*", ["s3:GetObject", "dynamodb:*"]])
def test_every_action_on_every_resource_is_a_security_warning(action):
    [finding] = findings(policy(allow(action, "*")), "ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE")
    assert finding.finding_type == "SECURITY_WARNING"


@pytest.mark.parametrize("statement", [
    allow("s3:*", "arn:aws:s3:::bucket-name/*"),
    allow("s3:Get*", "*"),
    allow("*", "*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
    deny("*", "*"),
])
def test_scoped_narrowed_or_denied_stars_are_not_that(statement):
    assert "ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE" not in codes(policy(statement))


def test_assume_role_with_a_federated_principal_is_a_mismatch():
    trust = {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
             "Action": "sts:AssumeRole"}
    [finding] = findings(policy(trust), "MISMATCHED_ACTION_FOR_PRINCIPAL", TRUST)
    assert "accounts.google.com" in finding.details
    trust["Action"] = "sts:AssumeRoleWithWebIdentity"
    assert lint(policy(trust), TRUST) == []
