"""store.lint.redundancy and store.lint.reach: what a policy says twice, and a Deny that
can never apply.

The redundant-action example is the Access Analyzer reference's own (iam:Get* and
iam:GetCredentialReport; iam:*CredentialReport is not redundant); the redundant-resource
one too (role/jane* covers role/jane-admin). A Deny applies only when action, resource
and condition all match the request
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
"""

import pytest
from test_lint import allow, codes, deny, findings, policy

BUCKET = "arn:aws:s3:::bucket-name"


def test_an_action_a_wildcard_beside_it_covers_is_redundant():
    text = policy(allow(["iam:Get*", "iam:List*", "iam:GetCredentialReport"]))
    [finding] = findings(text, "REDUNDANT_ACTION")
    assert finding.path == ("Statement", 0, "Action", 2)
    assert "iam:GetCredentialReport is redundant because iam:Get*" in finding.details
    assert "REDUNDANT_ACTION" not in codes(policy(allow(["iam:Get*", "iam:*CredentialReport"])))


def test_the_later_of_two_equal_actions_is_the_redundant_one():
    [finding] = findings(policy(allow(["s3:GetObject", "S3:GETOBJECT"])), "REDUNDANT_ACTION")
    assert finding.path == ("Statement", 0, "Action", 1)


def test_a_resource_a_wildcard_beside_it_covers_is_redundant():
    roles = [f"arn:aws:iam::111122223333:role/{name}"
             for name in ("jane-admin", "jane-s3only", "jane*")]
    found = findings(policy(allow("iam:GetRole", roles)), "REDUNDANT_RESOURCE")
    assert [f.path[-1] for f in found] == [0, 1]
    assert codes(policy(allow("iam:GetRole", roles[:2]))) == set()


def test_a_repeated_statement_is_redundant_the_later_one():
    text = policy(allow("s3:GetObject", f"{BUCKET}/*"), allow("s3:ListBucket", BUCKET),
                  allow("s3:GetObject", f"{BUCKET}/*"))
    [finding] = findings(text, "REDUNDANT_STATEMENT")
    assert finding.path == ("Statement", 2)
    assert finding.details.startswith("The statements are redundant because they provide "
                                      "identical permissions (Statement[0])")


def test_a_statement_another_covers_is_redundant():
    text = policy(allow("s3:GetObject", f"{BUCKET}/reports/*", Sid="Reports",
                        Condition={"Bool": {"aws:SecureTransport": "true"}}),
                  allow("s3:Get*", f"{BUCKET}/*", Sid="Everything"))
    [finding] = findings(text, "REDUNDANT_STATEMENT")
    assert finding.path == ("Statement", 0)
    assert "Statement[1] (Everything) already allows everything it does" in finding.details


@pytest.mark.parametrize("second", [
    allow("s3:Get*", f"{BUCKET}/*", Condition={"Bool": {"aws:SecureTransport": "true"}}),
    allow("s3:Get*", "arn:aws:s3:::other/*"),
    deny("s3:GetObject", f"{BUCKET}/reports/2020/*"),
])
def test_a_conditional_or_other_or_narrower_statement_does_not_cover(second):
    text = policy(allow("s3:GetObject", f"{BUCKET}/reports/*"), second)
    assert "REDUNDANT_STATEMENT" not in codes(text)


def test_an_allow_a_deny_of_the_same_policy_cancels_allows_nothing():
    text = policy(allow("s3:DeleteObject", f"{BUCKET}/*"), deny("s3:Delete*", "*"))
    [finding] = findings(text, "REDUNDANT_STATEMENT")
    assert finding.path == ("Statement", 0)
    assert finding.details.startswith("This statement allows nothing: Statement[1] denies")
    conditional = deny("s3:Delete*", "*",
                       Condition={"Bool": {"aws:MultiFactorAuthPresent": "false"}})
    assert "REDUNDANT_STATEMENT" not in codes(policy(allow("s3:DeleteObject", f"{BUCKET}/*"),
                                                     conditional))


@pytest.mark.parametrize("statement, reason", [
    (deny("s3:DeleteBucket", f"{BUCKET}/*"), "none of its actions acts on a resource"),
    ({"Effect": "Deny", "NotAction": "*", "Resource": "*"}, "its NotAction excludes every action"),
    ({"Effect": "Deny", "Action": "s3:*", "NotResource": "*"}, "its NotResource excludes every"),
    (deny("s3:GetObject", Condition={"StringLike": {"s3:prefix": "secret/*"}}),
     "none of its actions carries the condition key s3:prefix"),
    (deny("ec2:DescribeInstances", Condition={"StringEquals": {"aws:ResourceTag/env": "prod"}}),
     "carries the condition key aws:ResourceTag/env"),
    (deny("s3:*", Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
     "aws:SourceIp never holds a private address"),
])
def test_a_deny_that_can_never_apply_is_a_security_warning(statement, reason):
    [finding] = findings(policy(statement), "DENY_NEVER_APPLIES")
    assert finding.finding_type == "SECURITY_WARNING"
    assert finding.path == ("Statement", 0)
    assert reason in finding.details


@pytest.mark.parametrize("statement", [
    deny("s3:DeleteBucket", BUCKET),
    deny(["s3:DeleteBucket", "s3:DeleteObject"], f"{BUCKET}/*"),   # DeleteObject applies
    deny("s3:ListBucket", BUCKET, Condition={"StringLike": {"s3:prefix": "secret/*"}}),
    # negated and IfExists operators hold when the key is absent
    deny("s3:GetObject", Condition={"StringNotLike": {"s3:prefix": "secret/*"}}),
    deny("s3:GetObject", Condition={"StringLikeIfExists": {"s3:prefix": "secret/*"}}),
    deny("s3:*", Condition={"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
    deny("s3:*", Condition={"Bool": {"aws:SecureTransport": "false"}}),
])
def test_a_deny_that_can_apply_is_not_flagged(statement):
    assert "DENY_NEVER_APPLIES" not in codes(policy(statement))
