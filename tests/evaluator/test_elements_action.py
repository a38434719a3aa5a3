"""Action and NotAction.

Action page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
  "The prefix and the action name are case insensitive." Wildcards: "*" any run of
  characters, "?" one character.
NotAction page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
  "all of the applicable actions or services that are not listed are allowed if you use
  the Allow effect. In addition, such unlisted actions or services are denied if you use
  the Deny effect."
"""

import pytest
from policies import decide, statement

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY

# Action page: prefix and name are case-insensitive; * and ? are wildcards.
ACTION_CASES = [
    ("s3:GetObject", "s3:GetObject", True),
    ("s3:GetObject", "S3:GETOBJECT", True),
    ("S3:getobject", "s3:GetObject", True),
    ("s3:Get*", "s3:GetObjectAcl", True),
    ("s3:Get*", "s3:PutObject", False),
    ("s3:*", "s3:DeleteBucket", True),
    ("s3:*", "ec2:RunInstances", False),
    ("*", "ec2:RunInstances", True),
    ("iam:*AccessKey*", "iam:CreateAccessKey", True),
    ("iam:*AccessKey*", "iam:ListAccessKeys", True),
    ("iam:*AccessKey*", "iam:GetUser", False),
    ("s3:Get?bject", "s3:GetObject", True),
    ("s3:Get?bject", "s3:GetOObject", False),
    ("s3:?etObject", "s3:GetObject", True),
    ("s3:GetObject", "s3:GetObjectAcl", False),   # no implicit prefix match
    ("s3:GetObject", "s3:GetObjec", False),
]


@pytest.mark.parametrize("pattern,action,matches", ACTION_CASES)
def test_action_matching(pattern, action, matches):
    got = decide(action, identity=[statement(action=pattern)])
    assert got.decision == (ALLOWED if matches else IMPLICIT_DENY)


def test_action_list_matches_any_entry():
    # Action page: "Action": [ "sqs:SendMessage", "sqs:ReceiveMessage", ... ]
    allow = statement(action=["sqs:SendMessage", "sqs:ReceiveMessage"])
    assert decide("sqs:ReceiveMessage", identity=[allow]).allowed
    assert not decide("sqs:DeleteQueue", identity=[allow]).allowed


# NotAction page, "NotAction with Allow": "Effect": "Allow", "NotAction": "iam:*",
# "Resource": "*" "allows users to access all of the actions in AWS services except IAM".
@pytest.mark.parametrize("action,expected", [
    ("s3:GetObject", ALLOWED),
    ("ec2:RunInstances", ALLOWED),
    ("iam:CreateUser", IMPLICIT_DENY),
    ("IAM:createuser", IMPLICIT_DENY),
])
def test_allow_with_not_action(action, expected):
    allow = statement(action=None, NotAction="iam:*")
    assert decide(action, identity=[allow]).decision == expected


# NotAction page: "Effect": "Allow", "NotAction": "s3:DeleteBucket",
# "Resource": "arn:aws:s3:::*" — every S3 action on S3 resources but deleting a bucket,
# and no action of another service, whose resources are not S3 resources.
@pytest.mark.parametrize("action,resource,expected", [
    ("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/key", ALLOWED),
    ("s3:DeleteBucket", "arn:aws:s3:::amzn-s3-demo-bucket", IMPLICIT_DENY),
    ("ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", IMPLICIT_DENY),
])
def test_not_action_scoped_by_resource(action, resource, expected):
    allow = statement(action=None, resource="arn:aws:s3:::*", NotAction="s3:DeleteBucket")
    assert decide(action, resource, identity=[allow]).decision == expected


# NotAction page, "NotAction with Deny": the MFA example denies every action except the
# listed IAM ones when aws:MultiFactorAuthPresent is false; it "does not grant the user
# access to any actions", so an Allow is still needed for the listed ones.
@pytest.mark.parametrize("action,expected", [
    ("s3:ListAllMyBuckets", EXPLICIT_DENY),
    ("ec2:DescribeInstances", EXPLICIT_DENY),
    ("iam:ListUsers", ALLOWED),
])
def test_deny_with_not_action_denies_everything_not_listed(action, expected):
    deny = statement("Deny", action=None, NotAction="iam:*",
                     Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})
    allow_all = statement(action="*")
    got = decide(action, identity=[allow_all, deny],
                 context={"aws:MultiFactorAuthPresent": "false"})
    assert got.decision == expected


def test_deny_with_not_action_grants_nothing_itself():
    deny = statement("Deny", action=None, NotAction="iam:*")
    assert decide("iam:ListUsers", identity=[deny]).decision == IMPLICIT_DENY


def test_not_action_list_excludes_every_listed_action():
    allow = statement(action=None, NotAction=["iam:*", "organizations:*"])
    assert not decide("organizations:ListAccounts", identity=[allow]).allowed
    assert not decide("iam:GetUser", identity=[allow]).allowed
    assert decide("sts:GetCallerIdentity", identity=[allow]).allowed
