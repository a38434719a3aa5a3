"""The Null check and the ...IfExists suffix: the two operators that ask whether a key
is present.

Source for every case: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
("...IfExists condition operators" and "Condition operator to check existence of
condition keys").
"""

import pytest

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY

# --- Null --------------------------------------------------------------------------

# "use either true (the key doesn't exist — it is null) or false (the key exists and its
# value is not null)"; the aws:TokenIssueTime example allows the EC2 API only without
# temporary credentials.
@pytest.mark.parametrize("null, context, expected", [
    ("true", {}, ALLOWED),
    ("true", {"aws:TokenIssueTime": "2024-05-01T10:00:00Z"}, IMPLICIT_DENY),
    ("false", {"aws:TokenIssueTime": "2024-05-01T10:00:00Z"}, ALLOWED),
    ("false", {}, IMPLICIT_DENY),
])
def test_null_token_issue_time_example(decide, null, context, expected):
    policy = {"Version": "2012-10-17", "Statement": {
        "Action": "ec2:*", "Effect": "Allow", "Resource": "*",
        "Condition": {"Null": {"aws:TokenIssueTime": null}}}}
    assert decide(policy, "ec2:RunInstances", context=context).decision == expected


@pytest.mark.parametrize("bad", ["yes", "absent", ""])
def test_null_takes_true_or_false_only(invalid, bad):
    error = invalid({"Null": {"aws:TokenIssueTime": bad}})
    assert error.path == "Statement[0].Condition.Null.aws:TokenIssueTime"
    assert str(error).startswith(error.path + ": ")


# "You can add IfExists to the end of any condition operator name except the Null condition"
def test_null_if_exists_is_rejected(invalid):
    error = invalid({"NullIfExists": {"aws:TokenIssueTime": "true"}})
    assert error.path == "Statement[0].Condition.NullIfExists"
    assert "NullIfExists" in str(error)


# --- IfExists ----------------------------------------------------------------------

# The EC2 example: StringLike on ec2:InstanceType ("THISPOLICYDOESNOTWORK") fails for the
# resources RunInstances touches that have no instance type; StringLikeIfExists works.
def instance_type_policy(operator):
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "RunInstance", "Effect": "Allow", "Action": "ec2:RunInstances",
         "Resource": "*",
         "Condition": {operator: {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}},
        {"Sid": "DescribeActions", "Effect": "Allow",
         "Action": ["ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeVpcs",
                    "ec2:DescribeKeyPairs", "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups"],
         "Resource": "*"},
    ]}


@pytest.mark.parametrize("operator, resource, context, expected", [
    ("StringLikeIfExists", "arn:aws:ec2:us-east-1::image/ami-12345678", {}, ALLOWED),
    ("StringLikeIfExists", "arn:aws:ec2:us-east-1:111122223333:instance/*",
     {"ec2:InstanceType": "t2.micro"}, ALLOWED),
    ("StringLikeIfExists", "arn:aws:ec2:us-east-1:111122223333:instance/*",
     {"ec2:InstanceType": "m3.large"}, ALLOWED),
    ("StringLikeIfExists", "arn:aws:ec2:us-east-1:111122223333:instance/*",
     {"ec2:InstanceType": "m4.large"}, IMPLICIT_DENY),
    ("StringLike", "arn:aws:ec2:us-east-1::image/ami-12345678", {}, IMPLICIT_DENY),
    ("StringLike", "arn:aws:ec2:us-east-1:111122223333:instance/*",
     {"ec2:InstanceType": "t2.micro"}, ALLOWED),
])
def test_instance_type_example(decide, operator, resource, context, expected):
    got = decide(instance_type_policy(operator), "ec2:RunInstances", resource, context)
    assert got.decision == expected


def test_describe_actions_need_no_instance_type(decide):
    got = decide(instance_type_policy("StringLikeIfExists"), "ec2:DescribeImages")
    assert got.decision == ALLOWED
    assert [m.statement.sid for m in got.deciding()] == ["DescribeActions"]


# "If the key is not present, evaluate the condition element as true." — for any
# operator family; when the key is present the operator applies as usual.
@pytest.mark.parametrize("operator, key, policy_value, matching, other", [
    ("StringEqualsIfExists", "aws:PrincipalTag/team", "blue", "blue", "red"),
    ("StringNotEqualsIfExists", "aws:PrincipalTag/team", "blue", "red", "blue"),
    ("StringEqualsIgnoreCaseIfExists", "aws:PrincipalTag/team", "blue", "BLUE", "red"),
    ("StringNotLikeIfExists", "s3:prefix", "private/*", "public/a", "private/a"),
    ("NumericLessThanIfExists", "s3:max-keys", "10", "9", "10"),
    ("NumericNotEqualsIfExists", "s3:max-keys", "10", "9", "10"),
    ("DateGreaterThanIfExists", "aws:TokenIssueTime", "2020-01-01T00:00:00Z",
     "2021-01-01T00:00:00Z", "2019-01-01T00:00:00Z"),
    ("DateNotEqualsIfExists", "aws:TokenIssueTime", "2020-01-01T00:00:00Z",
     "2021-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
    ("BoolIfExists", "aws:MultiFactorAuthPresent", "true", "true", "false"),
    ("BinaryEqualsIfExists", "aws:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
     "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "AAAA"),
    ("IpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", "203.0.113.1", "198.51.100.1"),
    ("NotIpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", "198.51.100.1", "203.0.113.1"),
    ("ArnLikeIfExists", "aws:SourceArn", "arn:aws:sns:*:123456789012:*",
     "arn:aws:sns:us-east-1:123456789012:t", "arn:aws:sns:us-east-1:999999999999:t"),
    ("ArnNotEqualsIfExists", "aws:SourceArn", "arn:aws:sns:*:123456789012:*",
     "arn:aws:sns:us-east-1:999999999999:t", "arn:aws:sns:us-east-1:123456789012:t"),
])
def test_if_exists_for_every_family(holds, operator, key, policy_value, matching, other):
    condition = {operator: {key: policy_value}}
    assert holds(condition, {})
    assert holds(condition, {key: matching})
    assert not holds(condition, {key: other})


# "If you are using an "Effect": "Deny" element with a negated condition operator like
# StringNotEqualsIfExists, the request is still denied even if the tag is missing."
@pytest.mark.parametrize("context, expected", [
    ({}, EXPLICIT_DENY),
    ({"aws:ResourceTag/project": "apollo"}, ALLOWED),
    ({"aws:ResourceTag/project": "gemini"}, EXPLICIT_DENY),
])
def test_deny_with_string_not_equals_if_exists_applies_when_missing(decide, context, expected):
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
        {"Sid": "OnlyApollo", "Effect": "Deny", "Action": "ec2:TerminateInstances",
         "Resource": "*",
         "Condition": {"StringNotEqualsIfExists": {"aws:ResourceTag/project": "apollo"}}},
    ]}
    got = decide(policy, "ec2:TerminateInstances",
                 "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", context)
    assert got.decision == expected
