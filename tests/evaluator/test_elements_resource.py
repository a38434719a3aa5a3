"""Resource and NotResource.

Resource page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  "You can use wildcard characters (* and ?) within the individual segments of an ARN
  (the parts separated by colons)" ... "If the * wildcard is the last character of a
  resource ARN segment, it can expand to match beyond the colon boundaries."
  "In the Resource element, the IAM user name is case sensitive."
NotResource page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
  NotResource "explicitly matches every resource except those specified".
"""

import pytest
from policies import decide, statement

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY

BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"


def allowed_on(pattern, resource) -> bool:
    return decide("s3:GetObject", resource,
                  identity=[statement(action="s3:GetObject", resource=pattern)]).allowed


# Resource page, the "/*/test/*" example: the listed objects match, the others do not.
@pytest.mark.parametrize("obj,matches", [
    ("1///test///object.jpg", True),
    ("/test/object.jpg", True),
    ("1/test/", True),
    ("1-test/object.jpg", False),
    ("test/object.jpg", False),
    ("1/2/test.jpg", False),
])
def test_star_spans_slashes_within_segment(obj, matches):
    assert allowed_on(f"{BUCKET}/*/test/*", f"{BUCKET}/{obj}") is matches


# Resource page: "In the Resource element, the IAM user name is case sensitive."
@pytest.mark.parametrize("resource,matches", [
    ("arn:aws:iam::111122223333:user/Bob", True),
    ("arn:aws:iam::111122223333:user/bob", False),
    ("arn:aws:iam::111122223333:user/BOB", False),
])
def test_resource_is_case_sensitive(resource, matches):
    allow = statement(action="iam:GetUser", resource="arn:aws:iam::111122223333:user/Bob")
    assert decide("iam:GetUser", resource, identity=[allow]).allowed is matches


# Resource page: * is any run of characters, ? is one character, per ARN segment;
# "arn:aws:iam::account-ID-without-hyphens:user/accounting/*" is every user under the path.
@pytest.mark.parametrize("pattern,resource,matches", [
    ("arn:aws:iam::111122223333:user/accounting/*",
     "arn:aws:iam::111122223333:user/accounting/alice", True),
    ("arn:aws:iam::111122223333:user/accounting/*",
     "arn:aws:iam::111122223333:user/marketing/alice", False),
    ("arn:aws:iam::111122223333:user/a?ice", "arn:aws:iam::111122223333:user/alice", True),
    ("arn:aws:iam::111122223333:user/a?ice", "arn:aws:iam::111122223333:user/aice", False),
    ("arn:aws:sqs:*:111122223333:queue1", "arn:aws:sqs:us-east-2:111122223333:queue1", True),
    ("arn:aws:sqs:us-?ast-2:111122223333:queue1",
     "arn:aws:sqs:us-east-2:111122223333:queue1", True),
    ("arn:aws:sqs:*:111122223333:queue1", "arn:aws:sqs:us-east-2:999999999999:queue1", False),
])
def test_wildcards_within_segments(pattern, resource, matches):
    allow = statement(action="*", resource=pattern)
    assert decide("sqs:SendMessage", resource, identity=[allow]).allowed is matches


# Resource page: a * that ends a segment "can expand to match beyond the colon
# boundaries": "arn:aws:iam::1111*" reaches through the account into the resource part.
@pytest.mark.parametrize("pattern,resource", [
    ("arn:aws:iam::1111*", "arn:aws:iam::111122223333:user/alice"),
    ("arn:aws:sqs:us-east-*", "arn:aws:sqs:us-east-2:111122223333:queue1"),
    ("arn:aws:*", "arn:aws:sqs:us-east-2:111122223333:queue1"),
])
def test_trailing_star_crosses_colons(pattern, resource):
    assert decide("sqs:SendMessage", resource,
                  identity=[statement(action="*", resource=pattern)]).allowed


def allowed_on_all(allow, resources) -> bool:
    return all(decide("s3:GetObject", r, identity=[allow]).allowed for r in resources)


def test_resource_list_matches_any_entry():
    allow = statement(action="s3:*", resource=[BUCKET, f"{BUCKET}/*"])
    assert allowed_on_all(allow, [BUCKET, f"{BUCKET}/key"])
    assert not decide("s3:GetObject", "arn:aws:s3:::other-bucket/key", identity=[allow]).allowed


# The simulator's request resource "*" (ResourceArns left out) is the literal "*": only a
# statement whose Resource is "*" covers it, a specific ARN does not.
# https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
# (ResourceArns: "If this parameter is not provided, then the value defaults to *").
@pytest.mark.parametrize("pattern,expected", [
    ("*", ALLOWED),
    (f"{BUCKET}/*", IMPLICIT_DENY),
    ("arn:aws:s3:::*", IMPLICIT_DENY),
])
def test_request_resource_star(pattern, expected):
    got = decide("s3:GetObject", "*", identity=[statement(action="s3:*", resource=pattern)])
    assert got.decision == expected


# NotResource page: Allow s3:* with NotResource on the payroll objects allows every
# other resource; Deny with NotResource denies everything outside the listed ones.
@pytest.mark.parametrize("resource,expected", [
    ("arn:aws:s3:::HRBucket/Payroll/sheet.xlsx", IMPLICIT_DENY),
    ("arn:aws:s3:::HRBucket/Handbook.pdf", ALLOWED),
])
def test_allow_with_not_resource(resource, expected):
    allow = statement(action="s3:*", resource=None,
                      NotResource=["arn:aws:s3:::HRBucket/Payroll",
                                   "arn:aws:s3:::HRBucket/Payroll/*"])
    assert decide("s3:GetObject", resource, identity=[allow]).decision == expected


@pytest.mark.parametrize("resource,expected", [
    (f"{BUCKET}/key", ALLOWED),
    ("arn:aws:s3:::other-bucket/key", EXPLICIT_DENY),
])
def test_deny_with_not_resource(resource, expected):
    deny = statement("Deny", action="s3:*", resource=None, NotResource=f"{BUCKET}/*")
    got = decide("s3:GetObject", resource, identity=[statement(action="s3:*"), deny])
    assert got.decision == expected


def test_not_resource_is_case_sensitive():
    deny = statement("Deny", action="*", resource=None,
                     NotResource="arn:aws:iam::111122223333:user/Bob")
    allow = statement(action="*")
    assert decide("iam:GetUser", "arn:aws:iam::111122223333:user/Bob",
                  identity=[allow, deny]).decision == ALLOWED
    assert decide("iam:GetUser", "arn:aws:iam::111122223333:user/bob",
                  identity=[allow, deny]).decision == EXPLICIT_DENY
