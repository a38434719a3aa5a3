"""How a Condition block combines: values OR, keys and operators AND, negated operators
NOR; key names case-insensitive; what an absent key does to each operator."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
# "If your policy statement has multiple condition operators, the condition operators
# are evaluated using a logical AND. / If your policy statement has multiple context
# keys attached to a single condition operator, the context keys are evaluated using a
# logical AND. / If a single condition operator includes multiple values for a context
# key, those values are evaluated using a logical OR. / If a single negated matching
# condition operator includes multiple values for a context key, those values are
# evaluated using a logical NOR."  The block below is the page's example (StringEquals
# on the department and role principal tags, ArnLike on aws:PrincipalArn).
DEPARTMENT_ROLE = {
    "StringEquals": {
        "aws:PrincipalTag/department": ["finance", "hr", "legal"],
        "aws:PrincipalTag/role": ["audit", "security"],
    },
    "ArnLike": {
        "aws:PrincipalArn": ["arn:aws:iam::222222222222:user/Ana",
                             "arn:aws:iam::222222222222:user/Mary"],
    },
}
ANA = {"aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "audit",
       "aws:PrincipalArn": "arn:aws:iam::222222222222:user/Ana"}


@pytest.mark.parametrize("change, expected", [
    ({}, True),
    ({"aws:PrincipalTag/department": "legal"}, True),                     # any of 3 values
    ({"aws:PrincipalTag/role": "security"}, True),                        # any of 2 values
    ({"aws:PrincipalArn": "arn:aws:iam::222222222222:user/Mary"}, True),
    ({"aws:PrincipalTag/department": "engineering"}, False),              # one key fails
    ({"aws:PrincipalTag/role": "dev"}, False),                            # the other key
    ({"aws:PrincipalArn": "arn:aws:iam::222222222222:user/Bob"}, False),  # other operator
    ({"aws:PrincipalTag/role": None}, False),                             # a key absent
])
def test_values_or_keys_and_operators_and(holds, change, expected):
    context = {k: v for k, v in {**ANA, **change}.items() if v is not None}
    assert holds(DEPARTMENT_ROLE, context) is expected


# Same page, NOR: a negated operator with several values holds only when the request
# value matches none of them.
@pytest.mark.parametrize("operator, values, matching_one, matching_none", [
    ("StringNotEquals", ["audit", "security"], "security", "dev"),
    ("StringNotEqualsIgnoreCase", ["audit", "security"], "AUDIT", "dev"),
    ("StringNotLike", ["aud*", "sec*"], "secops", "dev"),
    ("NumericNotEquals", ["1", "2"], "2", "3"),
    ("DateNotEquals", ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"],
     "2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z"),
    ("NotIpAddress", ["203.0.113.0/24", "198.51.100.0/24"], "198.51.100.9", "192.0.2.9"),
    ("ArnNotEquals", ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"],
     "arn:aws:iam::1:role/b", "arn:aws:iam::1:role/c"),
    ("ArnNotLike", ["arn:aws:iam::1:role/a*", "arn:aws:iam::1:role/b*"],
     "arn:aws:iam::1:role/b2", "arn:aws:iam::1:role/c"),
])
def test_negated_operator_with_several_values_is_nor(holds, operator, values,
                                                     matching_one, matching_none):
    condition = {operator: {"aws:PrincipalTag/role": values}}
    assert not holds(condition, {"aws:PrincipalTag/role": matching_one})
    assert holds(condition, {"aws:PrincipalTag/role": matching_none})


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
# "Context key names are not case-sensitive. For example, including the aws:SourceIP
# context key is equivalent to testing for AWS:SourceIp. Case-sensitivity of context
# key values depends on the condition operator that you use."  (Service guides say the
# same of tag keys: "The condition tag key Owner matches both Owner and owner because
# condition key names are not case-sensitive.")
@pytest.mark.parametrize("policy_key, request_key", [
    ("aws:SourceIP", "AWS:SourceIp"),
    ("AWS:SOURCEIP", "aws:sourceip"),
    ("aws:sourceip", "aws:SourceIp"),
])
def test_key_names_are_case_insensitive(holds, policy_key, request_key):
    condition = {"IpAddress": {policy_key: "203.0.113.0/24"}}
    assert holds(condition, {request_key: "203.0.113.9"})
    assert not holds(condition, {request_key: "198.51.100.9"})


@pytest.mark.parametrize("request_key", ["aws:ResourceTag/Owner", "aws:ResourceTag/owner"])
def test_tag_key_owner_matches_owner_and_owner(holds, request_key):
    condition = {"StringEquals": {"aws:ResourceTag/Owner": "richard-roe"}}
    assert holds(condition, {request_key: "richard-roe"})
    assert not holds(condition, {request_key: "Richard-Roe"})  # values stay case-sensitive


def test_missing_keys_are_reported_as_the_policy_writes_them(decide):
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"StringEquals": {"AWS:PrincipalTag/Team": "blue"},
                      "IpAddress": {"aws:SourceIP": "203.0.113.0/24"}}}]}
    got = decide(policy, "s3:GetObject", context={"aws:sourceip": "203.0.113.1"})
    assert got.decision == IMPLICIT_DENY
    assert got.missing == ("AWS:PrincipalTag/Team",)


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# "Important": "If the key that you specify in a policy condition is not present in the
# request context, the values do not match and the condition is false. If the policy
# condition requires that the key is not matched, such as StringNotLike or ArnNotLike,
# and the right key is not present, the condition is true."
ABSENT_KEY = [
    # (operator, a valid policy value, condition with the key absent)
    ("StringEquals", "x", False),
    ("StringEqualsIgnoreCase", "x", False),
    ("StringLike", "*", False),
    ("NumericEquals", "1", False),
    ("NumericLessThan", "1", False),
    ("NumericLessThanEquals", "1", False),
    ("NumericGreaterThan", "1", False),
    ("NumericGreaterThanEquals", "1", False),
    ("DateEquals", "2020-01-01", False),
    ("DateLessThan", "2020-01-01", False),
    ("DateLessThanEquals", "2020-01-01", False),
    ("DateGreaterThan", "2020-01-01", False),
    ("DateGreaterThanEquals", "2020-01-01", False),
    ("Bool", "false", False),
    ("BinaryEquals", "AAAA", False),
    ("IpAddress", "0.0.0.0/0", False),
    ("ArnEquals", "arn:*:*:*:*:*", False),
    ("ArnLike", "arn:*:*:*:*:*", False),
    ("StringNotEquals", "x", True),
    ("StringNotEqualsIgnoreCase", "x", True),
    ("StringNotLike", "*", True),
    ("NumericNotEquals", "1", True),
    ("DateNotEquals", "2020-01-01", True),
    ("NotIpAddress", "0.0.0.0/0", True),
    ("ArnNotEquals", "arn:*:*:*:*:*", True),
    ("ArnNotLike", "arn:*:*:*:*:*", True),
]


@pytest.mark.parametrize("operator, value, expected", ABSENT_KEY)
def test_absent_key_per_operator(decide, operator, value, expected):
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {operator: {"aws:RequestTag/absent": value}}}]}
    got = decide(policy, "s3:GetObject", context={"aws:RequestTag/present": "x"})
    assert got.decision == (ALLOWED if expected else IMPLICIT_DENY)
    assert got.missing == ("aws:RequestTag/absent",)
