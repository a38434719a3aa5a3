"""Principal and NotPrincipal in resource-based policies.

Principal page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
NotPrincipal page: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html

Which names match a caller is checked across accounts, where the resource-based policy
must name the caller and the caller's identity policy allows
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html),
so the Principal element alone decides.
"""

import pytest
from policies import ACCOUNT, decide, document, statement

from evaluator import (ALLOWED, EXPLICIT_DENY, IDENTITY, IMPLICIT_DENY, RESOURCE, TRUST,
                       Caller, PolicyValidationError, parse_policy)

CALLER_ACCOUNT = "444455556666"
USER = f"arn:aws:iam::{CALLER_ACCOUNT}:user/Bob"
ROLE = f"arn:aws:iam::{CALLER_ACCOUNT}:role/cross-account-read-only-role"
SESSION = f"arn:aws:sts::{CALLER_ACCOUNT}:assumed-role/cross-account-read-only-role/audit-app"
OTHER_SESSION = f"arn:aws:sts::{CALLER_ACCOUNT}:assumed-role/cross-account-read-only-role/x"
OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/key"


def cross_account(caller, principal, key="Principal"):
    """The decision for ``caller`` reading OBJECT (owned by ACCOUNT) when the bucket
    policy allows ``principal`` and the caller's own policy allows everything."""
    bucket_policy = statement(action="s3:GetObject", resource=OBJECT, **{key: principal})
    return decide("s3:GetObject", OBJECT, caller=caller, identity=[statement()],
                  resource_policy=bucket_policy, resource_account=ACCOUNT)


# Principal page sections: "AWS account principals" (the account id and
# arn:aws:iam::ID:root "behave the same way"), "IAM user principals" ("the user name
# part of the ARN is case sensitive"), "IAM role principals", "Role session principals",
# "All principals"; several values are "a logical OR".
@pytest.mark.parametrize("principal,caller,matches", [
    ("*", USER, True),
    ("*", SESSION, True),
    ({"AWS": "*"}, USER, True),
    ({"AWS": CALLER_ACCOUNT}, USER, True),
    ({"AWS": CALLER_ACCOUNT}, SESSION, True),
    ({"AWS": f"arn:aws:iam::{CALLER_ACCOUNT}:root"}, USER, True),
    ({"AWS": f"arn:aws:iam::{CALLER_ACCOUNT}:root"}, SESSION, True),
    ({"AWS": "999988887777"}, USER, False),
    ({"AWS": USER}, USER, True),
    ({"AWS": USER.replace("Bob", "bob")}, USER, False),
    ({"AWS": f"arn:aws:iam::{CALLER_ACCOUNT}:user/Alice"}, USER, False),
    ({"AWS": ROLE}, SESSION, True),
    ({"AWS": ROLE}, USER, False),
    ({"AWS": SESSION}, SESSION, True),
    ({"AWS": OTHER_SESSION}, SESSION, False),
    ({"AWS": ["999988887777", USER]}, USER, True),
    ({"Service": "ec2.amazonaws.com"}, USER, False),
])
def test_principal_names_caller(principal, caller, matches):
    got = cross_account(caller, principal)
    assert got.decision == (ALLOWED if matches else IMPLICIT_DENY)


def test_account_id_and_root_arn_are_the_same_principal():
    # Principal page: "The account ARN and the shortened account ID behave the same way."
    by_id = parse_policy(document(statement(Principal={"AWS": CALLER_ACCOUNT})), RESOURCE)
    by_arn = parse_policy(document(statement(
        Principal={"AWS": f"arn:aws:iam::{CALLER_ACCOUNT}:root"})), RESOURCE)
    caller = Caller.from_arn(USER)
    assert by_id.statements[0].principals.match(caller) is not None
    assert by_id.statements[0].principals.match(caller) == \
        by_arn.statements[0].principals.match(caller)


# Principal page, "AWS service principals": "Principal": {"Service": [
# "ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"]} lets both services assume
# the role; "Web identity session principals": {"Federated": "cognito-identity.amazonaws.com"}.
@pytest.mark.parametrize("principal,caller,matches", [
    ({"Service": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"]},
     Caller("ecs.amazonaws.com", kind="Service"), True),
    ({"Service": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"]},
     Caller("lambda.amazonaws.com", kind="Service"), False),
    ({"Federated": "cognito-identity.amazonaws.com"},
     Caller("cognito-identity.amazonaws.com", kind="Federated"), True),
    ({"Federated": "cognito-identity.amazonaws.com"},
     Caller("accounts.google.com", kind="Federated"), False),
    ({"AWS": "*"}, Caller("ecs.amazonaws.com", kind="Service"), False),
])
def test_trust_policy_service_and_federated_principals(principal, caller, matches):
    trust = statement(action="sts:AssumeRole*", resource=None, Principal=principal)
    got = decide("sts:AssumeRole", f"arn:aws:iam::{ACCOUNT}:role/service-role", caller=caller,
                 resource_policy=trust, resource_kind=TRUST, resource_must_allow=True)
    assert got.decision == (ALLOWED if matches else IMPLICIT_DENY)


# Principal page, "All principals": "For anonymous users, the following elements are
# equivalent: "Principal": "*" / "Principal" : { "AWS" : "*" }".
@pytest.mark.parametrize("principal", ["*", {"AWS": "*"}])
def test_star_principal_includes_anonymous(principal):
    anonymous = Caller("anonymous", kind="Anonymous")
    allow = statement(action="s3:GetObject", resource=OBJECT, Principal=principal)
    got = decide("s3:GetObject", OBJECT, caller=anonymous, resource_policy=allow,
                 resource_account=ACCOUNT)
    assert got.decision == ALLOWED


# NotPrincipal page: "When you use NotPrincipal, you must also specify the account ARN of
# the not-denied principal. Otherwise, the policy might deny access to the entire account
# containing the principal." For an assumed role AWS checks "the account first, then the
# role, and finally the assumed-role user".
@pytest.mark.parametrize("listed,caller,exempt", [
    ([USER], USER, False),
    ([USER, f"arn:aws:iam::{CALLER_ACCOUNT}:root"], USER, True),
    ([USER, CALLER_ACCOUNT], USER, True),
    ([SESSION, ROLE, f"arn:aws:iam::{CALLER_ACCOUNT}:root"], SESSION, True),
    ([SESSION], SESSION, False),
    ([USER, f"arn:aws:iam::{CALLER_ACCOUNT}:root"], f"arn:aws:iam::{CALLER_ACCOUNT}:user/Eve",
     False),
])
def test_not_principal_exemption_needs_every_identity(listed, caller, exempt):
    policy = document(
        statement(action="s3:GetObject", resource=OBJECT, Principal="*"),
        statement("Deny", action="s3:*", resource=OBJECT, NotPrincipal={"AWS": listed}))
    got = decide("s3:GetObject", OBJECT, caller=caller, identity=[statement()],
                 resource_policy=policy, resource_account=ACCOUNT)
    assert got.decision == (ALLOWED if exempt else EXPLICIT_DENY)


def test_not_principal_deny_always_denies_a_principal_with_a_boundary():
    # NotPrincipal page: "The NotPrincipal element with a Deny effect will always deny any
    # IAM principal that has a permissions boundary policy attached, regardless of the
    # values specified in the NotPrincipal element."
    user = f"arn:aws:iam::{ACCOUNT}:user/Bob"
    policy = document(statement("Deny", action="s3:*", resource=OBJECT,
                                NotPrincipal={"AWS": [user, f"arn:aws:iam::{ACCOUNT}:root"]}))
    without = decide("s3:GetObject", OBJECT, caller=user, identity=[statement()],
                     resource_policy=policy)
    with_boundary = decide("s3:GetObject", OBJECT, caller=user, identity=[statement()],
                           boundary=[statement()], resource_policy=policy)
    assert without.decision == ALLOWED
    assert with_boundary.decision == EXPLICIT_DENY


# Principal page: "You cannot use the Principal element in an identity-based policy";
# "You must use the Principal element in resource-based policies"; NotPrincipal page:
# "You cannot use the NotPrincipal element in an IAM identity-based policy".
@pytest.mark.parametrize("elements,kind", [
    ({"Principal": "*"}, IDENTITY),
    ({"NotPrincipal": {"AWS": USER}}, IDENTITY),
    ({}, RESOURCE),
    ({}, TRUST),
])
def test_principal_where_allowed(elements, kind):
    resource = None if kind == TRUST else "*"
    text = document(statement(resource=resource, **elements))
    with pytest.raises(PolicyValidationError) as err:
        parse_policy(text, kind)
    assert "Principal" in str(err.value)


# Principal page: "You cannot use a wildcard to match part of a principal name or ARN";
# for sessions "you cannot use a wildcard "*" to mean all sessions".
@pytest.mark.parametrize("value", [
    f"arn:aws:iam::{CALLER_ACCOUNT}:user/*",
    f"arn:aws:sts::{CALLER_ACCOUNT}:assumed-role/cross-account-read-only-role/*",
    "arn:aws:iam::*:root",
])
def test_partial_wildcard_principal_is_invalid(value):
    with pytest.raises(PolicyValidationError) as err:
        parse_policy(document(statement(Principal={"AWS": value})), RESOURCE)
    assert "Principal" in str(err.value)
