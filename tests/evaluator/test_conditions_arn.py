"""ARN condition operators: ArnEquals / ArnLike (identical) and their negations."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# All cases: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (Amazon Resource Name (ARN) condition operators) — "Case-sensitive matching of the ARN.
# Each of the six colon-delimited components of the ARN is checked separately and each
# can include multi-character match wildcards (*) or single-character match wildcards
# (?). The ArnEquals and ArnLike condition operators behave identically."

FINANCE_PATTERN = "arn:aws:someservice:*:111122223333:finance/*"
FOREIGN_VALUE = ("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:"
                 "finance/document.txt")


@pytest.mark.parametrize("operator, expected", [
    # "With a StringLike condition, the match succeeds. ... With an ArnLike condition,
    # which matches elements between colons, the match fails."
    ("StringLike", True),
    ("ArnLike", False),
    ("ArnEquals", False),
    ("ArnNotLike", True),
    ("ArnNotEquals", True),
])
def test_finance_example_string_like_versus_arn_like(holds, operator, expected):
    condition = {operator: {"aws:SourceArn": FINANCE_PATTERN}}
    assert holds(condition, {"aws:SourceArn": FOREIGN_VALUE}) is expected


@pytest.mark.parametrize("operator", ["ArnLike", "ArnEquals"])
@pytest.mark.parametrize("pattern, value, expected", [
    (FINANCE_PATTERN, "arn:aws:someservice:us-east-2:111122223333:finance/document.txt", True),
    (FINANCE_PATTERN, "arn:aws:someservice::111122223333:finance/a/b/c.txt", True),
    (FINANCE_PATTERN, "arn:aws:someservice:us-east-2:999999999999:finance/document.txt", False),
    (FINANCE_PATTERN, "arn:aws:otherservice:us-east-2:111122223333:finance/document.txt", False),
    (FINANCE_PATTERN, "arn:aws:someservice:us-east-2:111122223333:Finance/document.txt", False),
    # the sixth part is everything after the fifth colon, colons included
    (FINANCE_PATTERN, "arn:aws:someservice:us-east-2:111122223333:finance/a:b:c", True),
    ("arn:aws:sns:us-east-?:123456789012:my-topic",
     "arn:aws:sns:us-east-1:123456789012:my-topic", True),
    ("arn:aws:sns:us-east-?:123456789012:my-topic",
     "arn:aws:sns:us-east-10:123456789012:my-topic", False),
    ("arn:aws:sns:*:*:*", "arn:aws:sns:eu-west-1:123456789012:any", True),
    ("arn:aws:sns:*:*:*", "arn:aws:sqs:eu-west-1:123456789012:any", False),
    ("arn:aws:sns:*:*:*", "not-an-arn", False),
    # no wildcard: the whole ARN, case-sensitively
    ("arn:aws:sns:us-east-1:123456789012:Topic", "arn:aws:sns:us-east-1:123456789012:Topic", True),
    ("arn:aws:sns:us-east-1:123456789012:Topic", "arn:aws:sns:us-east-1:123456789012:topic", False),
])
def test_each_of_the_six_parts_matches_on_its_own(holds, operator, pattern, value, expected):
    assert holds({operator: {"aws:SourceArn": pattern}}, {"aws:SourceArn": value}) is expected


# Same page: the SQS queue policy that lets SNS send "only if the service is sending
# the messages on behalf of a particular Amazon SNS topic", as an identity policy (its
# Principal left out) with REGION / TOPIC-ID / QUEUE-ID filled in.  "If an IAM user
# attempts to perform this operation directly, the condition returns false".
SNS_TOPIC_ONLY = {
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "SQS:SendMessage",
        "Resource": "arn:aws:sqs:us-east-1:123456789012:my-queue",
        "Condition": {"ArnEquals": {
            "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:my-topic"}},
    },
}


@pytest.mark.parametrize("context, expected", [
    ({"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:my-topic"}, ALLOWED),
    ({"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:other-topic"}, IMPLICIT_DENY),
    ({}, IMPLICIT_DENY),
])
def test_sns_source_arn_example(decide, context, expected):
    got = decide(SNS_TOPIC_ONLY, "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:my-queue",
                 context)
    assert got.decision == expected


# "Negated matching for ARN. The ArnNotEquals and ArnNotLike condition operators behave
# identically." — and a negated operator holds when the key is absent ("Important" box).
@pytest.mark.parametrize("operator", ["ArnNotLike", "ArnNotEquals"])
@pytest.mark.parametrize("context, expected", [
    ({"aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin"}, False),
    ({"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}, True),
    ({"aws:PrincipalArn": "arn:aws:iam::444455556666:role/admin"}, True),
    ({}, True),
])
def test_negated_arn_operators(holds, operator, context, expected):
    condition = {operator: {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}
    assert holds(condition, context) is expected
