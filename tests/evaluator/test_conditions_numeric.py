"""Numeric condition operators."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (Numeric condition operators: "the requester can list up to 10 objects in
# example_bucket at a time")
MAX_KEYS = {
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": "arn:aws:s3:::example_bucket",
        "Condition": {"NumericLessThanEquals": {"s3:max-keys": "10"}},
    },
}


@pytest.mark.parametrize("context, expected", [
    ({"s3:max-keys": "10"}, ALLOWED),
    ({"s3:max-keys": "1"}, ALLOWED),
    ({"s3:max-keys": 10}, ALLOWED),
    ({"s3:max-keys": "11"}, IMPLICIT_DENY),
    ({"s3:max-keys": "1000"}, IMPLICIT_DENY),
    # "If the key ... is not present in the request context, the values do not match"
    ({}, IMPLICIT_DENY),
])
def test_max_keys_example(decide, context, expected):
    got = decide(MAX_KEYS, "s3:ListBucket", "arn:aws:s3:::example_bucket", context)
    assert got.decision == expected


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (the operator table: Matching, Negated matching, "Less than", "Less than or equals",
# "Greater than", "Greater than or equals"; values compared as numbers)
@pytest.mark.parametrize("operator, value, expected", [
    ("NumericEquals", "10", True),
    ("NumericEquals", "10.0", True),
    ("NumericEquals", "11", False),
    ("NumericNotEquals", "10", False),
    ("NumericNotEquals", "9", True),
    ("NumericLessThan", "9", True),
    ("NumericLessThan", "10", False),
    ("NumericLessThan", "-3", True),
    ("NumericLessThanEquals", "10", True),
    ("NumericLessThanEquals", "10.5", False),
    ("NumericGreaterThan", "11", True),
    ("NumericGreaterThan", "10", False),
    ("NumericGreaterThan", "9.99", False),
    ("NumericGreaterThanEquals", "10", True),
    ("NumericGreaterThanEquals", "9", False),
    ("NumericGreaterThan", "100", True),  # numbers, not text: "100" < "10x" as strings
])
def test_operators_compare_as_numbers(holds, operator, value, expected):
    assert holds({operator: {"s3:max-keys": "10"}}, {"s3:max-keys": value}) is expected


# Same page: "comparing a key to an integer or decimal value".  The policy value may be
# written as a JSON string or a JSON number.
@pytest.mark.parametrize("policy_value, below, above", [
    ("2.5", "2.25", "2.75"),
    (2.5, "2.25", "2.75"),
    (10, "9", "11"),
    ("-1", "-2", "0"),
])
def test_integer_and_decimal_policy_values(holds, policy_value, below, above):
    condition = {"NumericLessThan": {"aws:MultiFactorAuthAge": policy_value}}
    assert holds(condition, {"aws:MultiFactorAuthAge": below})
    assert not holds(condition, {"aws:MultiFactorAuthAge": above})


def test_request_value_that_is_not_a_number_does_not_match(holds):
    assert not holds({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "ten"})


# Same page: "You can not use a policy variable with the Numeric condition operator."
@pytest.mark.parametrize("bad", ["ten", "10abc", "", "1,000", "${aws:username}"])
def test_value_that_is_not_a_number_is_rejected(invalid, bad):
    error = invalid({"NumericLessThanEquals": {"s3:max-keys": bad}})
    assert error.path == "Statement[0].Condition.NumericLessThanEquals.s3:max-keys"
    assert str(error).startswith(error.path + ": ")
    assert f"'{bad}'" in error.message
