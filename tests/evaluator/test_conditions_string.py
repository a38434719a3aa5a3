"""String condition operators: StringEquals, StringNotEquals, the IgnoreCase pair,
StringLike and StringNotLike."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (String condition operators: the job-category example, verbatim but for the account id)
JOB_CATEGORY = {
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "iam:*AccessKey*",
        "Resource": "arn:aws:iam::111122223333:user/*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}},
    },
}


@pytest.mark.parametrize("tags, expected", [
    ({"aws:PrincipalTag/job-category": "iamuser-admin"}, ALLOWED),
    ({"aws:PrincipalTag/job-category": "IAMUSER-ADMIN"}, IMPLICIT_DENY),  # case sensitive
    ({"aws:PrincipalTag/job-category": "iamuser"}, IMPLICIT_DENY),
    ({"aws:PrincipalTag/team": "iamuser-admin"}, IMPLICIT_DENY),
    # "If a user without the tag attempts to view or edit an access key, the condition
    # returns false and the request is implicitly denied by this statement."
    ({}, IMPLICIT_DENY),
])
def test_job_category_example(decide, tags, expected):
    got = decide(JOB_CATEGORY, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice",
                 tags)
    assert got.decision == expected


def test_job_category_without_the_tag_reports_it_missing(decide):
    got = decide(JOB_CATEGORY, "iam:UpdateAccessKey", "arn:aws:iam::111122223333:user/bob")
    assert got.missing == ("aws:PrincipalTag/job-category",)


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
# "the following condition includes the StringEquals operator to make sure that only
# requests made by john match. Users named John are denied access." and
# "The following condition uses the StringEqualsIgnoreCase operator to match users
# named john or John."  Negations per the operators page table ("Negated matching").
@pytest.mark.parametrize("operator, username, expected", [
    ("StringEquals", "john", True),
    ("StringEquals", "John", False),
    ("StringEqualsIgnoreCase", "john", True),
    ("StringEqualsIgnoreCase", "John", True),
    ("StringEqualsIgnoreCase", "JOHN", True),
    ("StringEqualsIgnoreCase", "johnny", False),
    ("StringNotEquals", "john", False),
    ("StringNotEquals", "John", True),
    ("StringNotEqualsIgnoreCase", "John", False),
    ("StringNotEqualsIgnoreCase", "jane", True),
])
def test_equals_operators_and_case(holds, operator, username, expected):
    assert holds({operator: {"aws:username": "john"}}, {"aws:username": username}) is expected


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# StringLike: "The values can include multi-character match wildcards (*) and
# single-character match wildcards (?) anywhere in the string. You must specify
# wildcards to achieve partial string matches."  The first pattern is the page's ARN
# example: "With a StringLike condition, the match succeeds. The first asterisk matches
# us-east-2:999999999999:store/abc:".
@pytest.mark.parametrize("pattern, value, expected", [
    ("arn:aws:someservice:*:111122223333:finance/*",
     "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
     True),
    ("home/*", "home/alice/photos/2024/a.jpg", True),     # * crosses '/'
    ("a*b", "a:x/y:b", True),                            # * crosses ':' and '/'
    ("a*b", "ab", True),                                 # * may match nothing
    ("t?.micro", "t2.micro", True),
    ("t?.micro", "t22.micro", False),                    # ? is exactly one character
    ("t?.micro", "t.micro", False),
    ("t2.*", "T2.micro", False),                         # case sensitive
    ("home/", "home/alice/", False),                     # no wildcard: whole value
    ("*", "", True),
    ("", "", True),
    ("", "x", False),
])
def test_string_like_wildcards(holds, pattern, value, expected):
    assert holds({"StringLike": {"s3:prefix": pattern}}, {"s3:prefix": value}) is expected
    assert holds({"StringNotLike": {"s3:prefix": pattern}}, {"s3:prefix": value}) is not expected


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (the S3 console "home directory" example: s3:prefix must be "", "home/" or
# "home/${aws:username}/")
@pytest.mark.parametrize("prefix, expected", [
    ("", ALLOWED),
    ("home/", ALLOWED),
    ("home/alice/", ALLOWED),
    ("home/bob/", IMPLICIT_DENY),
    ("home/alice/photos/", IMPLICIT_DENY),
    ("Home/", IMPLICIT_DENY),
])
def test_home_directory_example(decide, prefix, expected):
    policy = {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::BUCKET-NAME",
            "Condition": {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/"]}},
        }],
    }
    got = decide(policy, "s3:ListBucket", "arn:aws:s3:::BUCKET-NAME",
                 {"aws:username": "alice", "s3:prefix": prefix})
    assert got.decision == expected


def test_unknown_string_operator_is_rejected_naming_it(invalid):
    error = invalid({"StringEqual": {"aws:username": "john"}})
    assert error.path == "Statement[0].Condition.StringEqual"
    assert "StringEqual" in str(error)
