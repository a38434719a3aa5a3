"""Date condition operators: ISO 8601 (W3C profile) or epoch seconds, no wildcards."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# awscli's own example, https://docs.aws.amazon.com/cli/latest/reference/iam/simulate-custom-policy.html
# (awscli/examples/iam/simulate-custom-policy.rst, Examples 1 and 2)
CREATE_BACKUP = ('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",'
                 '"Resource":"*","Condition":{"DateGreaterThan":'
                 '{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}')


@pytest.mark.parametrize("now, expected", [
    ("2019-04-25T11:00:00Z", ALLOWED),        # Example 1
    ("2014-04-25T11:00:00Z", IMPLICIT_DENY),  # Example 2
])
def test_awscli_current_time_example(decide, now, expected):
    got = decide(CREATE_BACKUP, "dynamodb:CreateBackup", context={"aws:CurrentTime": now})
    assert got.decision == expected
    assert got.missing == ()


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (Date condition operators: aws:TokenIssueTime example.) "The aws:TokenIssueTime key is
# present in the request context only when the principal uses temporary credentials ...
# if an IAM user attempts to view or edit an access key, the request is denied."
TOKEN_ISSUED_AFTER = {
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "iam:*AccessKey*",
        "Resource": "arn:aws:iam::111122223333:user/*",
        "Condition": {"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}},
    },
}


@pytest.mark.parametrize("context, expected", [
    ({"aws:TokenIssueTime": "2020-06-01T08:00:00Z"}, ALLOWED),
    ({"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}, IMPLICIT_DENY),  # not after
    ({"aws:TokenIssueTime": "2019-12-31T23:59:59Z"}, IMPLICIT_DENY),
    ({}, IMPLICIT_DENY),  # an IAM user's long-term keys: no aws:TokenIssueTime
])
def test_token_issue_time_example(decide, context, expected):
    got = decide(TOKEN_ISSUED_AFTER, "iam:ListAccessKeys", "arn:aws:iam::111122223333:user/bob",
                 context)
    assert got.decision == expected


# Operator table on the same page ("Matching a specific date", "Negated matching",
# "Matching before ...", "at or before", "after", "at or after").
@pytest.mark.parametrize("operator, moment, expected", [
    ("DateEquals", "2020-01-01T00:00:00Z", True),
    ("DateEquals", "2020-01-01T00:00:01Z", False),
    ("DateNotEquals", "2020-01-01T00:00:00Z", False),
    ("DateNotEquals", "2020-01-01T00:00:01Z", True),
    ("DateLessThan", "2019-12-31T23:59:59Z", True),
    ("DateLessThan", "2020-01-01T00:00:00Z", False),
    ("DateLessThanEquals", "2020-01-01T00:00:00Z", True),
    ("DateLessThanEquals", "2020-01-01T00:00:01Z", False),
    ("DateGreaterThan", "2020-01-01T00:00:01Z", True),
    ("DateGreaterThan", "2020-01-01T00:00:00Z", False),
    ("DateGreaterThanEquals", "2020-01-01T00:00:00Z", True),
    ("DateGreaterThanEquals", "2019-12-31T23:59:59Z", False),
])
def test_operators(holds, operator, moment, expected):
    condition = {operator: {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}
    assert holds(condition, {"aws:CurrentTime": moment}) is expected


# Same page: "You must specify date/time values with one of the W3C implementations of
# the ISO 8601 date formats (http://www.w3.org/TR/NOTE-datetime) or in epoch (UNIX)
# time", used "with aws:CurrentTime key or aws:EpochTime key".  Each spelling below
# names 2020-01-01T00:00:00Z (an ISO value with no zone is read as UTC).
SAME_MOMENT = [
    "2020-01-01T00:00:00Z",
    "2020-01-01T00:00:00",
    "2020-01-01",
    "2020-01-01T00:00Z",
    "2020-01-01T00:00:00.000Z",
    "2020-01-01T01:00:00+01:00",
    "2019-12-31T19:00:00-05:00",
    "1577836800",
]


@pytest.mark.parametrize("policy_value", SAME_MOMENT)
def test_policy_value_formats(holds, policy_value):
    condition = {"DateEquals": {"aws:CurrentTime": policy_value}}
    assert holds(condition, {"aws:CurrentTime": "2020-01-01T00:00:00Z"})
    assert not holds(condition, {"aws:CurrentTime": "2020-01-01T00:00:01Z"})


@pytest.mark.parametrize("request_value", SAME_MOMENT)
def test_request_value_formats(holds, request_value):
    condition = {"DateEquals": {"aws:EpochTime": "2020-01-01T00:00:00Z"}}
    assert holds(condition, {"aws:EpochTime": request_value})


# W3C NOTE-datetime (linked from the same page) lists "Year and month: YYYY-MM
# (eg 1997-07)" and "Complete date plus hours, minutes, seconds and a decimal fraction
# of a second YYYY-MM-DDThh:mm:ss.sTZD (eg 1997-07-16T19:20:30.45+01:00)".
@pytest.mark.parametrize("policy_value, before, after", [
    ("1997-07-16T19:20:30.45+01:00", "1997-07-16T18:20:30Z", "1997-07-16T18:20:31Z"),
    ("1997-07-16T19:20+01:00", "1997-07-16T18:19:59Z", "1997-07-16T18:20:01Z"),
    ("1997-07", "1997-06-30T23:59:59Z", "1997-07-01T00:00:01Z"),
])
def test_w3c_examples(holds, policy_value, before, after):
    condition = {"DateLessThan": {"aws:CurrentTime": policy_value}}
    assert holds(condition, {"aws:CurrentTime": before})
    assert not holds(condition, {"aws:CurrentTime": after})


def test_request_value_that_is_not_a_date_does_not_match(holds):
    condition = {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}
    assert not holds(condition, {"aws:CurrentTime": "tomorrow"})


# Same page: "Wildcards are not permitted for date condition operators." and "You can
# not use a policy variable with the Date condition operator."
@pytest.mark.parametrize("bad", ["2020-*", "2020-01-0?", "yesterday", "2020-13-01",
                                 "2020-02-30", "", "${aws:CurrentTime}"])
def test_value_that_is_not_a_date_is_rejected(invalid, bad):
    error = invalid({"DateGreaterThan": {"aws:CurrentTime": bad}})
    assert error.path == "Statement[0].Condition.DateGreaterThan.aws:CurrentTime"
    assert str(error).startswith(error.path + ": ")
    assert f"'{bad}'" in error.message
