"""The evaluation flow: explicit deny, guardrails, resource-based and identity-based
allows, same-account and cross-account.

Pages (quoted in each case):
EVAL  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
LOGIC https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
BASICS https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
CROSS https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
INTERPLAY https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html
BOUNDARIES https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
PRINCIPAL https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
"""

import json

import pytest
from policies import (ACCOUNT, OTHER_ACCOUNT, ROLE_ARN, ROOT_ARN, SESSION_ARN, USER_ARN,
                      decide, document, statement)

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, TRUST

OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/key"
ALLOW_ALL = statement()
DENY_ALL = statement("Deny")


def bucket_policy(principal, effect="Allow"):
    return statement(effect, action="s3:*", resource=OBJECT, Principal={"AWS": principal})


# EVAL, Deny evaluation: "In all those policies, the enforcement code looks for a Deny
# statement that applies to the request. ... If the code finds even one explicit deny
# that applies, the code returns a final decision of Deny."
@pytest.mark.parametrize("place", ["identity", "resource", "boundary", "session", "scps", "rcps"])
def test_explicit_deny_anywhere_wins(place):
    policies = {"identity": [ALLOW_ALL], "boundary": [ALLOW_ALL], "session": [ALLOW_ALL],
                "scps": [ALLOW_ALL], "rcps": [ALLOW_ALL],
                "resource_policy": bucket_policy(SESSION_ARN)}
    if place == "resource":
        policies["resource_policy"] = document(bucket_policy(SESSION_ARN),
                                               bucket_policy(SESSION_ARN, "Deny"))
    else:
        policies[place] = [ALLOW_ALL, DENY_ALL]
    got = decide("s3:GetObject", OBJECT, caller=SESSION_ARN, **policies)
    assert got.decision == EXPLICIT_DENY
    assert got.deciding() and all(not m.allow for m in got.deciding())


def test_everything_allows_without_a_deny():
    # The control for the case above: the same policies minus the Deny allow.
    got = decide("s3:GetObject", OBJECT, caller=SESSION_ARN, identity=[ALLOW_ALL],
                 boundary=[ALLOW_ALL], session=[ALLOW_ALL], scps=[ALLOW_ALL],
                 rcps=[ALLOW_ALL], resource_policy=bucket_policy(SESSION_ARN))
    assert got.decision == ALLOWED


# EVAL: "By default, all requests are implicitly denied with the exception of the AWS
# account root user, which has full access."
@pytest.mark.parametrize("caller,expected", [
    (USER_ARN, IMPLICIT_DENY),
    (SESSION_ARN, IMPLICIT_DENY),
    (ROOT_ARN, ALLOWED),
])
def test_default_decision(caller, expected):
    assert decide("s3:GetObject", OBJECT, caller=caller).decision == expected


def test_root_is_still_bound_by_an_explicit_deny():
    # EVAL: an explicit deny in any applicable policy returns a final Deny.
    got = decide("s3:GetObject", OBJECT, caller=ROOT_ARN, scps=[ALLOW_ALL, DENY_ALL])
    assert got.decision == EXPLICIT_DENY


# BOUNDARIES, the Shirley example: boundary allows s3:*, cloudwatch:*, ec2:*; her
# identity policy allows iam:CreateUser. "Given these two policies, Shirley does not have
# permission to perform any operations in AWS."
SHIRLEY_BOUNDARY = statement(action=["s3:*", "cloudwatch:*", "ec2:*"])
SHIRLEY_IDENTITY = json.dumps({"Version": "2012-10-17", "Statement": {
    "Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}})


@pytest.mark.parametrize("action", ["iam:CreateUser", "s3:ListAllMyBuckets", "ec2:RunInstances"])
def test_permissions_boundary_must_allow(action):
    got = decide(action, caller=f"arn:aws:iam::{ACCOUNT}:user/shirley",
                 identity=[SHIRLEY_IDENTITY], boundary=[SHIRLEY_BOUNDARY])
    assert got.decision == IMPLICIT_DENY


def test_boundary_detail_reports_the_boundary_verdict():
    # botocore IAM model, PermissionsBoundaryDecisionDetail: "A value of true means that
    # the permissions boundary does not deny the action ... false means that either the
    # requested action is not allowed (implicitly denied) or ... explicitly denied".
    kwargs = dict(identity=[ALLOW_ALL], boundary=[SHIRLEY_BOUNDARY])
    assert decide("iam:CreateUser", **kwargs).allowed_by_boundary is False
    inside = decide("s3:ListAllMyBuckets", **kwargs)
    assert (inside.decision, inside.allowed_by_boundary) == (ALLOWED, True)


# EVAL, Session policies: "If a session policy is present and does not allow the
# requested action, then the request is implicitly denied." "If a session policy is
# present and allows the requested action, then the enforcement code returns ... Allow."
@pytest.mark.parametrize("action,expected", [
    ("s3:GetObject", ALLOWED),
    ("s3:PutObject", IMPLICIT_DENY),
])
def test_session_policy_must_allow(action, expected):
    got = decide(action, OBJECT, caller=SESSION_ARN, identity=[statement(action="s3:*")],
                 session=[statement(action="s3:GetObject")])
    assert got.decision == expected


# LOGIC, SCPs: "If the enforcement code does not find any applicable Allow statements in
# the SCPs, then the request is implicitly denied ... If there is no SCP, or if the SCP
# allows the requested action, the code continues." RCPs likewise (EVAL).
@pytest.mark.parametrize("place", ["scps", "rcps"])
@pytest.mark.parametrize("guardrail,expected", [
    (statement(action="s3:*"), ALLOWED),
    (statement(action="ec2:*"), IMPLICIT_DENY),
])
def test_organization_policies_must_allow(place, guardrail, expected):
    got = decide("s3:GetObject", OBJECT, identity=[ALLOW_ALL], **{place: [guardrail]})
    assert got.decision == expected


def test_scp_allow_grants_nothing_by_itself():
    assert decide("s3:GetObject", OBJECT, scps=[ALLOW_ALL]).decision == IMPLICIT_DENY


# LOGIC, Resource-based policies, same account, by the principal the Allow names:
# - IAM user: "not limited by an implicit deny in an identity-based policy or
#   permissions boundary"
# - IAM role: "limited by an implicit deny in a permissions boundary or session policy"
#   (an implicit deny in the identity policy does not limit it)
# - role session: "not limited by an implicit deny in an identity-based policy, a
#   permissions boundary, or session policy"
# - the account (PRINCIPAL: "This delegates authority to the account"): the identity
#   policy must allow.
NO_S3 = statement(action="ec2:*")
SAME_ACCOUNT_CASES = [
    # caller, principal named, identity, boundary, session, expected
    (USER_ARN, USER_ARN, [], [], [], ALLOWED),
    (USER_ARN, USER_ARN, [], [NO_S3], [], ALLOWED),
    (SESSION_ARN, ROLE_ARN, [], [], [], ALLOWED),
    (SESSION_ARN, ROLE_ARN, [], [NO_S3], [], IMPLICIT_DENY),
    (SESSION_ARN, ROLE_ARN, [], [], [NO_S3], IMPLICIT_DENY),
    (SESSION_ARN, ROLE_ARN, [], [ALLOW_ALL], [ALLOW_ALL], ALLOWED),
    (SESSION_ARN, SESSION_ARN, [], [NO_S3], [NO_S3], ALLOWED),
    (USER_ARN, ROOT_ARN, [], [], [], IMPLICIT_DENY),
    (USER_ARN, ACCOUNT, [], [], [], IMPLICIT_DENY),
    (USER_ARN, ROOT_ARN, [ALLOW_ALL], [], [], ALLOWED),
    (SESSION_ARN, ROOT_ARN, [ALLOW_ALL], [NO_S3], [], IMPLICIT_DENY),
]


@pytest.mark.parametrize("caller,principal,identity,boundary,session,expected",
                         SAME_ACCOUNT_CASES)
def test_same_account_resource_policy(caller, principal, identity, boundary, session,
                                      expected):
    got = decide("s3:GetObject", OBJECT, caller=caller, identity=identity,
                 boundary=boundary, session=session, resource_policy=bucket_policy(principal),
                 resource_account=ACCOUNT)
    assert got.decision == expected


def test_star_principal_needs_no_identity_policy_in_the_same_account():
    # PRINCIPAL, All principals: "For IAM users and role principals within your
    # account, no other permissions are required."
    public = statement(action="s3:GetObject", resource=OBJECT, Principal="*")
    for caller in (USER_ARN, SESSION_ARN):
        assert decide("s3:GetObject", OBJECT, caller=caller, resource_policy=public,
                      resource_account=ACCOUNT).decision == ALLOWED


# CROSS: "the requester in the trusted AccountA must have an identity-based policy. That
# policy must allow them to make a request to the resource in the trusting AccountB.
# Additionally, the resource-based policy in AccountB must allow the requester".
FOREIGN_USER = f"arn:aws:iam::{OTHER_ACCOUNT}:user/bob"


@pytest.mark.parametrize("identity,resource_policy,expected", [
    ([ALLOW_ALL], bucket_policy(FOREIGN_USER), ALLOWED),
    ([ALLOW_ALL], bucket_policy(OTHER_ACCOUNT), ALLOWED),
    ([], bucket_policy(FOREIGN_USER), IMPLICIT_DENY),
    ([ALLOW_ALL], None, IMPLICIT_DENY),
    ([ALLOW_ALL], bucket_policy(USER_ARN), IMPLICIT_DENY),
    ([ALLOW_ALL], bucket_policy(ROOT_ARN), IMPLICIT_DENY),
])
def test_cross_account_needs_both_sides(identity, resource_policy, expected):
    got = decide("s3:GetObject", OBJECT, caller=FOREIGN_USER, identity=identity,
                 resource_policy=resource_policy, resource_account=ACCOUNT)
    assert got.decision == expected


def test_cross_account_boundary_still_applies():
    # CROSS: AWS evaluates the trusted account's identity policy "and any policies that
    # can limit an identity-based policy"; both evaluations must allow.
    got = decide("s3:GetObject", OBJECT, caller=FOREIGN_USER, identity=[ALLOW_ALL],
                 boundary=[NO_S3], resource_policy=bucket_policy(FOREIGN_USER),
                 resource_account=ACCOUNT)
    assert got.decision == IMPLICIT_DENY


# LOGIC: "IAM role trust policies and KMS key policies are exceptions to this logic,
# because they must explicitly allow access for principals."
@pytest.mark.parametrize("trust_principal,expected", [
    (None, IMPLICIT_DENY),
    (f"arn:aws:iam::{ACCOUNT}:user/someone-else", IMPLICIT_DENY),
    (ACCOUNT, ALLOWED),
    (USER_ARN, ALLOWED),
])
def test_trust_policy_must_allow(trust_principal, expected):
    trust = None
    if trust_principal is not None:
        trust = statement(action="sts:AssumeRole", resource=None,
                          Principal={"AWS": trust_principal})
    got = decide("sts:AssumeRole", ROLE_ARN, identity=[ALLOW_ALL], resource_policy=trust,
                 resource_kind=TRUST, resource_must_allow=True)
    assert got.decision == expected


# BASICS, the carlossalazar example (account 123456789012): his identity policy allows
# s3:* on his bucket and denies s3:* on arn:aws:s3:::*log*; the bucket policy allows him.
# Saving to carlossalazar-logs is denied by DenyS3Logs; saving to carlossalazar: "Both the
# identity-based policy and the resource-based policy allow the request."
CARLOS = "arn:aws:iam::123456789012:user/carlossalazar"
CARLOS_IDENTITY = document(
    statement(Sid="AllowS3ListRead", resource="arn:aws:s3:::*",
              action=["s3:GetBucketLocation", "s3:GetAccountPublicAccessBlock",
                      "s3:ListAccessPoints", "s3:ListAllMyBuckets"]),
    statement(Sid="AllowS3Self", action="s3:*",
              resource=["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"]),
    statement("Deny", Sid="DenyS3Logs", action="s3:*", resource="arn:aws:s3:::*log*"))
CARLOS_BUCKET = statement(action="s3:*", Principal={"AWS": CARLOS},
                          resource=["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"])


@pytest.mark.parametrize("resource,expected,sids", [
    ("arn:aws:s3:::carlossalazar-logs/file.txt", EXPLICIT_DENY, ["DenyS3Logs"]),
    ("arn:aws:s3:::carlossalazar/file.txt", ALLOWED, ["AllowS3Self", None]),
])
def test_carlossalazar_single_account(resource, expected, sids):
    got = decide("s3:PutObject", resource, caller=CARLOS, identity=[CARLOS_IDENTITY],
                 resource_policy=CARLOS_BUCKET, resource_account="123456789012")
    assert got.decision == expected
    assert sorted(sids, key=str) == sorted((m.statement.sid for m in got.deciding()), key=str)


def test_carlossalazar_either_policy_alone_allows():
    # BASICS: "If either the identity-based policy or the resource-based policy within
    # the same account allows the request and the other doesn't, the request is still
    # allowed."
    resource = "arn:aws:s3:::carlossalazar/file.txt"
    only_identity = decide("s3:PutObject", resource, caller=CARLOS, identity=[CARLOS_IDENTITY])
    only_bucket = decide("s3:PutObject", resource, caller=CARLOS, resource_policy=CARLOS_BUCKET,
                         resource_account="123456789012")
    assert (only_identity.decision, only_bucket.decision) == (ALLOWED, ALLOWED)


# CROSS, the cross-account Carlos example: user in 111111111111, buckets in 222222222222.
# Production-logs: "Because the request is explicitly denied within one of the accounts,
# the final decision is to deny the request." Production: "Because both accounts allow
# the request, the final decision is to allow the request."
CARLOS_X = "arn:aws:iam::111111111111:user/carlossalazar"
CARLOS_X_IDENTITY = document(
    statement(Sid="AllowS3ListRead", action="s3:ListAllMyBuckets"),
    statement(Sid="AllowS3ProductionObjectActions", action="s3:*Object*",
              resource="arn:aws:s3:::Production/*"),
    statement("Deny", Sid="DenyS3Logs", action="s3:*",
              resource=["arn:aws:s3:::*log*", "arn:aws:s3:::*log*/*"]))
PRODUCTION_BUCKET = statement(
    action=["s3:GetObject*", "s3:PutObject*", "s3:ReplicateObject", "s3:RestoreObject"],
    Principal={"AWS": CARLOS_X}, resource="arn:aws:s3:::Production/*")


@pytest.mark.parametrize("resource,bucket_policy_,expected", [
    ("arn:aws:s3:::Production-logs/file.txt", None, EXPLICIT_DENY),
    ("arn:aws:s3:::Production/file.txt", PRODUCTION_BUCKET, ALLOWED),
    ("arn:aws:s3:::Production/file.txt", None, IMPLICIT_DENY),
])
def test_carlossalazar_cross_account(resource, bucket_policy_, expected):
    got = decide("s3:PutObject", resource, caller=CARLOS_X, identity=[CARLOS_X_IDENTITY],
                 resource_policy=bucket_policy_, resource_account="222222222222")
    assert got.decision == expected


def test_cross_account_bucket_policy_does_not_grant_delete():
    # CROSS: "He can create and edit, but not delete the objects in the bucket."
    got = decide("s3:DeleteObject", "arn:aws:s3:::Production/file.txt", caller=CARLOS_X,
                 identity=[CARLOS_X_IDENTITY], resource_policy=PRODUCTION_BUCKET,
                 resource_account="222222222222")
    assert got.decision == IMPLICIT_DENY


# INTERPLAY: AllowGetList (iam:Get*, iam:List*) + DenyReports (iam:*Report). "All other
# actions in IAM, such as iam:CreatePolicy are implicitly denied." DenyReports explicitly
# denies iam:GetOrganizationsAccessReport; if another policy grants
# iam:GenerateCredentialReport, "report-related requests are still denied".
INTERPLAY = document(statement(Sid="AllowGetList", action=["iam:Get*", "iam:List*"]),
                     statement("Deny", Sid="DenyReports", action="iam:*Report"))


@pytest.mark.parametrize("action,expected", [
    ("iam:GetUser", ALLOWED),
    ("iam:ListRoles", ALLOWED),
    ("iam:CreatePolicy", IMPLICIT_DENY),
    ("iam:GetOrganizationsAccessReport", EXPLICIT_DENY),
    ("iam:GenerateCredentialReport", EXPLICIT_DENY),
])
def test_explicit_and_implicit_deny_example(action, expected):
    grant_reports = statement(action="iam:GenerateCredentialReport")
    got = decide(action, identity=[INTERPLAY, grant_reports])
    assert got.decision == expected
