"""STS through the store: GetCallerIdentity, GetSessionToken, AssumeRole, and what the
sessions they make may then do (each checked end to end: credentials -> caller -> call).

Pages: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html,
API_GetSessionToken.html, API_AssumeRole.html; role chaining and MaxSessionDuration:
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html; session
context keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html;
session tags: id_session-tags.html; source identity:
id_credentials_temp_control-access_monitor.html. AWS's error messages as captured from
real STS answers (/tmp/research/credentials-facts.md lists the captures).
"""

import datetime
import json
import secrets

import pyotp
import pytest

from calls import error
from store import credentials
from store.principals import context_for

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/dev"
ALICE_ARN = f"arn:aws:iam::{ACCOUNT}:user/alice"


def document(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal: dict, actions=("sts:AssumeRole",), condition=None) -> str:
    statement = {"Effect": "Allow", "Principal": principal, "Action": list(actions)}
    if condition:
        statement["Condition"] = condition
    return document(statement)


def allow(action, resource="*", condition=None) -> dict:
    statement = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


@pytest.fixture
def alice(store):
    store.call("CreateUser", {"UserName": "alice"})
    return store.identity("alice")


def make_role(store, trust_document, name="dev", policy=None, **params) -> dict:
    role = store.call("CreateRole", {"RoleName": name,
                                     "AssumeRolePolicyDocument": trust_document,
                                     **params})["Role"]
    if policy:
        store.call("PutRolePolicy", {"RoleName": name, "PolicyName": "p",
                                     "PolicyDocument": document(*policy)})
    return role


def assume(store, caller, arn=ROLE_ARN, name="s1", **params) -> dict:
    return store.call("AssumeRole", {"RoleArn": arn, "RoleSessionName": name, **params}, caller)


def as_caller(store, response):
    """The caller the response's credentials stand for, as a signed request finds it."""
    c = response["Credentials"]
    return store.credentials_caller(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])


def lifetime(response) -> float:
    expiration = datetime.datetime.fromisoformat(response["Credentials"]["Expiration"])
    return (expiration - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


def denied_message(action="sts:AssumeRole", arn=ROLE_ARN, who=ALICE_ARN) -> str:
    return f"User: {who} is not authorized to perform: {action} on resource: {arn}"


# --- GetCallerIdentity ------------------------------------------------------------------

def test_caller_identity_of_root_is_the_account(store):
    assert store.call("GetCallerIdentity") == {
        "UserId": ACCOUNT, "Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:root"}


def test_caller_identity_of_a_user_is_its_unique_id(store, alice):
    user_id = store.call("GetUser", {"UserName": "alice"})["User"]["UserId"]
    assert user_id.startswith("AIDA")
    assert store.call("GetCallerIdentity", {}, alice) == {
        "UserId": user_id, "Account": ACCOUNT, "Arn": ALICE_ARN}


def test_caller_identity_of_a_session_token_is_its_user(store, alice):
    session = as_caller(store, store.call("GetSessionToken", {}, alice))
    assert store.call("GetCallerIdentity", {}, session)["Arn"] == ALICE_ARN


def test_caller_identity_of_a_role_session(store, alice):
    role = make_role(store, trust({"AWS": ALICE_ARN}))
    session = as_caller(store, assume(store, alice, name="build-42"))
    assert store.call("GetCallerIdentity", {}, session) == {
        "UserId": f"{role['RoleId']}:build-42", "Account": ACCOUNT,
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/dev/build-42"}


def test_caller_identity_needs_no_permission_even_against_a_deny(store, alice):
    # "If an administrator attaches a policy to your identity that explicitly denies access
    # to the sts:GetCallerIdentity action, you can still perform this operation."
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "none",
                                 "PolicyDocument": document({"Effect": "Deny", "Action": "*",
                                                             "Resource": "*"})})
    assert store.call("GetCallerIdentity", {}, alice)["Arn"] == ALICE_ARN


# --- GetSessionToken --------------------------------------------------------------------

def test_session_token_lasts_twelve_hours_by_default(store, alice):
    response = store.call("GetSessionToken", {}, alice)
    assert list(response) == ["Credentials"]
    assert list(response["Credentials"]) == ["AccessKeyId", "SecretAccessKey", "SessionToken",
                                             "Expiration"]
    assert response["Credentials"]["AccessKeyId"].startswith("ASIA")
    assert 43_200 - 5 < lifetime(response) <= 43_200


@pytest.mark.parametrize("seconds", [900, 129_600])
def test_session_token_durations_at_the_limits(store, alice, seconds):
    assert seconds - 5 < lifetime(store.call("GetSessionToken", {"DurationSeconds": seconds},
                                             alice)) <= seconds


@pytest.mark.parametrize("seconds", [899, 129_601])
def test_session_token_durations_beyond_the_limits(store, alice, seconds):
    err = error(lambda: store.call("GetSessionToken", {"DurationSeconds": seconds}, alice))
    assert err.code == "ValidationError" and "durationSeconds" in err.message


@pytest.mark.parametrize("asked,given", [(None, 3600), (7200, 3600), (900, 900)])
def test_root_session_token_is_at_most_an_hour(store, asked, given):
    # "If the duration is longer than one hour, the session for Amazon Web Services
    # account owners defaults to one hour."
    params = {} if asked is None else {"DurationSeconds": asked}
    assert given - 5 < lifetime(store.call("GetSessionToken", params)) <= given


def test_session_token_refused_to_session_credentials(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    session = as_caller(store, assume(store, alice))
    err = error(lambda: store.call("GetSessionToken", {}, session))
    assert (err.code, err.message) == ("AccessDenied",
                                       "Cannot call GetSessionToken with session credentials")


def test_session_token_needs_no_permission(store, alice):
    # "No permissions are required for users to perform this operation."
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "none",
                                 "PolicyDocument": document({"Effect": "Deny", "Action": "*",
                                                             "Resource": "*"})})
    assert store.call("GetSessionToken", {}, alice)["Credentials"]


def test_session_token_without_mfa_cannot_call_iam(store, alice):
    # "You cannot call any IAM API operations unless MFA authentication information is
    # included in the request."
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "read",
                                 "PolicyDocument": document(allow("iam:ListUsers"))})
    session = as_caller(store, store.call("GetSessionToken", {}, alice))
    assert error(lambda: store.call("ListUsers", {}, session)).code == "AccessDenied"
    assert store.call("ListUsers", {}, alice)["Users"]


# --- AssumeRole: who may ------------------------------------------------------------------

def test_trust_policy_naming_the_user_is_enough(store, alice):
    # Same account: "Add the user as a principal directly in the role's trust policy ...
    # no additional identity-based policy is required."
    role = make_role(store, trust({"AWS": ALICE_ARN}))
    response = assume(store, alice, name="alice-session")
    assert list(response) == ["Credentials", "AssumedRoleUser"]
    assert response["Credentials"]["AccessKeyId"].startswith("ASIA")
    assert response["AssumedRoleUser"] == {
        "AssumedRoleId": f"{role['RoleId']}:alice-session",
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/dev/alice-session"}


def test_trust_policy_naming_the_account_needs_an_identity_allow(store, alice):
    # "Attach a policy to the user that allows the user to call AssumeRole (as long as the
    # role's trust policy trusts the account)."
    make_role(store, trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
    err = error(lambda: assume(store, alice))
    assert (err.code, err.message) == ("AccessDenied", denied_message())
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "assume",
                                 "PolicyDocument": document(allow("sts:AssumeRole", ROLE_ARN))})
    assert assume(store, alice)["AssumedRoleUser"]["Arn"].endswith("assumed-role/dev/s1")


def test_identity_allow_alone_is_not_enough(store, alice):
    # The trust policy must allow whatever the identity side says.
    make_role(store, trust({"Service": "ec2.amazonaws.com"}))
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "assume",
                                 "PolicyDocument": document(allow("sts:AssumeRole"))})
    err = error(lambda: assume(store, alice))
    assert (err.code, err.message) == ("AccessDenied", denied_message())


def test_trust_policy_naming_someone_else(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    make_role(store, trust({"AWS": f"arn:aws:iam::{ACCOUNT}:user/bob"}))
    assert error(lambda: assume(store, alice)).message == denied_message()
    assert assume(store, store.identity("bob"))["Credentials"]


def test_missing_role_answers_as_a_forbidden_one(store, alice):
    # The same AccessDenied whether or not the role exists (no enumeration).
    err = error(lambda: assume(store, alice, arn=f"arn:aws:iam::{ACCOUNT}:role/nothing"))
    assert err.message == denied_message(arn=f"arn:aws:iam::{ACCOUNT}:role/nothing")


def test_role_arn_must_carry_the_roles_path(store, alice):
    # The assumed-role ARN leaves the path out (reference_identifiers.html).
    make_role(store, trust({"AWS": ALICE_ARN}), Path="/ci/")
    assert error(lambda: assume(store, alice)).code == "AccessDenied"
    response = assume(store, alice, arn=f"arn:aws:iam::{ACCOUNT}:role/ci/dev")
    assert response["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/dev/s1"


def test_root_may_not_assume_roles(store):
    make_role(store, trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
    err = error(lambda: assume(store, None))
    assert (err.code, err.message) == ("AccessDenied", "Roles may not be assumed by root accounts.")


def test_explicit_deny_in_the_callers_policy_wins(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "no",
                                 "PolicyDocument": document({"Effect": "Deny",
                                                             "Action": "sts:AssumeRole",
                                                             "Resource": "*"})})
    assert error(lambda: assume(store, alice)).message == denied_message()


def test_external_id_condition(store, alice):
    # sts:ExternalId (reference_policies_iam-condition-keys.html#ck_externalid)
    make_role(store, trust({"AWS": ALICE_ARN},
                           condition={"StringEquals": {"sts:ExternalId": "x-7781"}}))
    assert error(lambda: assume(store, alice)).code == "AccessDenied"
    assert error(lambda: assume(store, alice, ExternalId="x-0000")).code == "AccessDenied"
    assert assume(store, alice, ExternalId="x-7781")["Credentials"]


def test_role_session_name_condition(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN},
                           condition={"StringEquals": {"sts:RoleSessionName": "${aws:username}"}}))
    assert error(lambda: assume(store, alice, name="someone")).code == "AccessDenied"
    assert assume(store, alice, name="alice")["Credentials"]


# --- AssumeRole: how long -----------------------------------------------------------------

def test_role_session_lasts_an_hour_by_default(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    assert 3600 - 5 < lifetime(assume(store, alice)) <= 3600


def test_duration_beyond_the_roles_maximum(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}), MaxSessionDuration=7200)
    assert 7200 - 5 < lifetime(assume(store, alice, DurationSeconds=7200)) <= 7200
    err = error(lambda: assume(store, alice, DurationSeconds=7201))
    assert (err.code, err.message) == (
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")


@pytest.mark.parametrize("seconds", [899, 43_201])
def test_duration_beyond_the_api_range(store, alice, seconds):
    make_role(store, trust({"AWS": ALICE_ARN}), MaxSessionDuration=43_200)
    err = error(lambda: assume(store, alice, DurationSeconds=seconds))
    assert err.code == "ValidationError" and "durationSeconds" in err.message


def test_role_chaining_is_limited_to_an_hour(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}), name="first")
    make_role(store, trust({"AWS": f"arn:aws:iam::{ACCOUNT}:role/first"}), name="dev",
              MaxSessionDuration=43_200)
    first = as_caller(store, assume(store, alice, arn=f"arn:aws:iam::{ACCOUNT}:role/first"))
    err = error(lambda: assume(store, first, DurationSeconds=3601))
    assert err.code == "ValidationError"
    assert err.message == ("The requested DurationSeconds exceeds the 1 hour session limit "
                           "for roles assumed by role chaining.")
    chained = assume(store, first)
    assert 3600 - 5 < lifetime(chained) <= 3600
    assert as_caller(store, chained).session["Chained"] is True
    # Not chaining: a user may have the role for longer.
    store.call("UpdateAssumeRolePolicy", {"RoleName": "dev",
                                          "PolicyDocument": trust({"AWS": ALICE_ARN})})
    assert 7200 - 5 < lifetime(assume(store, alice, DurationSeconds=7200)) <= 7200


def test_expired_credentials_are_refused(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    c = assume(store, alice, DurationSeconds=900)["Credentials"]
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=901)
    err = error(lambda: credentials.caller(store.view(), c["AccessKeyId"],
                                           c["SecretAccessKey"], c["SessionToken"], now=later))
    assert (err.code, err.message) == ("ExpiredToken",
                                       "The security token included in the request is expired")
    soon = later - datetime.timedelta(seconds=10)
    assert credentials.caller(store.view(), c["AccessKeyId"], c["SecretAccessKey"],
                              c["SessionToken"], now=soon).kind == "assumed-role"


# --- what a role session may do ---------------------------------------------------------

def test_session_carries_its_principal_keys(store, alice):
    # aws:PrincipalArn is the role's ARN; aws:userid ROLEID:SESSION; aws:TokenIssueTime is
    # there for temporary credentials (reference_policies_condition-keys.html).
    role = make_role(store, trust({"AWS": ALICE_ARN}), policy=[allow(
        "iam:ListUsers", condition={
            "StringEquals": {"aws:PrincipalArn": ROLE_ARN,
                             "aws:PrincipalType": "AssumedRole"},
            "StringLike": {"aws:userid": "AROA*:ops"},
            "Null": {"aws:TokenIssueTime": "false"},
            "Bool": {"aws:MultiFactorAuthPresent": "false"}})])
    session = as_caller(store, assume(store, alice, name="ops"))
    assert store.call("ListUsers", {}, session)["Users"]
    context = context_for(store.view(), session)
    assert context["aws:userid"].values == (f"{role['RoleId']}:ops",)
    assert context["aws:principalarn"].values == (ROLE_ARN,)


def test_session_has_the_roles_permissions_not_the_users(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}), policy=[allow("iam:ListRoles")])
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "users",
                                 "PolicyDocument": document(allow("iam:ListUsers"))})
    session = as_caller(store, assume(store, alice))
    assert store.call("ListRoles", {}, session)["Roles"]
    err = error(lambda: store.call("ListUsers", {}, session))
    assert err.message.startswith(f"User: arn:aws:sts::{ACCOUNT}:assumed-role/dev/s1 is not "
                                  "authorized to perform: iam:ListUsers")


def test_session_policy_narrows_the_roles_permissions(store, alice):
    # "The resulting session's permissions are the intersection of the role's
    # identity-based policy and the session policies."
    make_role(store, trust({"AWS": ALICE_ARN}),
              policy=[allow(["iam:ListRoles", "iam:ListUsers"])])
    response = assume(store, alice, Policy=document(allow(["iam:ListRoles", "iam:ListGroups"])))
    assert 1 <= response["PackedPolicySize"] <= 100
    session = as_caller(store, response)
    assert store.call("ListRoles", {}, session)["Roles"]
    assert error(lambda: store.call("ListUsers", {}, session)).code == "AccessDenied"
    # a session policy grants nothing the role's policies do not
    assert error(lambda: store.call("ListGroups", {}, session)).code == "AccessDenied"


def test_managed_session_policies(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}), policy=[allow("iam:*")])
    arn = store.call("CreatePolicy", {"PolicyName": "roles-only", "PolicyDocument":
                                      document(allow("iam:ListRoles"))})["Policy"]["Arn"]
    session = as_caller(store, assume(store, alice, PolicyArns=[{"arn": arn}]))
    assert store.call("ListRoles", {}, session)["Roles"]
    assert error(lambda: store.call("ListUsers", {}, session)).code == "AccessDenied"
    missing = f"arn:aws:iam::{ACCOUNT}:policy/none"
    err = error(lambda: assume(store, alice, PolicyArns=[{"arn": missing}]))
    assert err.code == "MalformedPolicyDocument" and missing in err.message


def test_session_policy_must_be_valid_and_short(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    assert error(lambda: assume(store, alice, Policy='{"Statement": 3}')).code == \
        "MalformedPolicyDocument"
    long = document(*[allow(f"iam:Get{i:04}") for i in range(60)])
    assert len(long) > 2048
    err = error(lambda: assume(store, alice, Policy=long))
    assert err.code == "ValidationError" and "2048" in err.message


def test_packed_size_only_when_policies_or_tags_are_passed(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}, actions=("sts:AssumeRole", "sts:TagSession")))
    assert "PackedPolicySize" not in assume(store, alice)
    small = assume(store, alice, Tags=[{"Key": "team", "Value": "blue"}])["PackedPolicySize"]
    bigger = assume(store, alice, Tags=[{"Key": f"k{i}", "Value": f"value {i}" * 4}
                                        for i in range(20)])["PackedPolicySize"]
    assert 1 <= small < bigger <= 100


def test_packed_policy_too_large(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}, actions=("sts:AssumeRole", "sts:TagSession")))
    tags = [{"Key": secrets.token_hex(60), "Value": secrets.token_hex(120)} for _ in range(50)]
    err = error(lambda: assume(store, alice, Tags=tags))
    assert err.code == "PackedPolicyTooLarge" and "% of allotted space" in err.message


def test_session_tags_need_tag_session_and_become_principal_tags(store, alice):
    # "An administrator must grant you the permissions necessary to pass session tags."
    # Session tags are aws:PrincipalTag/ keys of the session (id_session-tags.html).
    make_role(store, trust({"AWS": ALICE_ARN}), Tags=[{"Key": "team", "Value": "red"}],
              policy=[allow("iam:ListUsers",
                            condition={"StringEquals": {"aws:PrincipalTag/team": "blue"}})])
    tags = [{"Key": "team", "Value": "blue"}]
    err = error(lambda: assume(store, alice, Tags=tags))
    assert err.message == denied_message("sts:TagSession")
    tag_only_blue = {"Effect": "Allow", "Principal": {"AWS": ALICE_ARN},
                     "Action": "sts:TagSession",
                     "Condition": {"StringEquals": {"aws:RequestTag/team": "blue"}}}
    store.call("UpdateAssumeRolePolicy", {"RoleName": "dev", "PolicyDocument": document(
        json.loads(trust({"AWS": ALICE_ARN}))["Statement"][0], tag_only_blue)})
    assert error(lambda: assume(store, alice, Tags=[{"Key": "team", "Value": "red"}])).code == \
        "AccessDenied"
    untagged = as_caller(store, assume(store, alice))
    assert error(lambda: store.call("ListUsers", {}, untagged)).code == "AccessDenied"
    tagged = as_caller(store, assume(store, alice, Tags=tags))
    assert store.call("ListUsers", {}, tagged)["Users"]


def test_source_identity_is_set_once_and_kept_along_a_chain(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}, actions=("sts:AssumeRole",)), name="first")
    make_role(store, trust({"AWS": f"arn:aws:iam::{ACCOUNT}:role/first"},
                           actions=("sts:AssumeRole", "sts:SetSourceIdentity")),
              policy=[allow("iam:ListUsers",
                            condition={"StringEquals": {"aws:SourceIdentity": "alice"}})])
    first_arn = f"arn:aws:iam::{ACCOUNT}:role/first"
    err = error(lambda: assume(store, alice, arn=first_arn, SourceIdentity="alice"))
    assert err.message == denied_message("sts:SetSourceIdentity", first_arn)
    store.call("UpdateAssumeRolePolicy", {"RoleName": "first", "PolicyDocument": trust(
        {"AWS": ALICE_ARN}, actions=("sts:AssumeRole", "sts:SetSourceIdentity"))})
    response = assume(store, alice, arn=first_arn, SourceIdentity="alice")
    assert response["SourceIdentity"] == "alice"
    first = as_caller(store, response)
    chained = assume(store, first)
    assert chained["SourceIdentity"] == "alice"
    assert store.call("ListUsers", {}, as_caller(store, chained))["Users"]
    assert error(lambda: assume(store, first, SourceIdentity="mallory")).code == "ValidationError"


def test_assume_role_is_audited_without_secrets(store, alice):
    make_role(store, trust({"AWS": ALICE_ARN}))
    secret = assume(store, alice)["Credentials"]["SecretAccessKey"]
    record = store.audit_trail(event="AssumeRole")[0]
    assert record["eventSource"] == "sts.amazonaws.com"
    assert record["userIdentity"]["arn"] == ALICE_ARN
    assert secret not in json.dumps(record)


# --- MFA (devices through the IAM API, codes from pyotp) ---------------------------------

@pytest.fixture
def device(store, alice):
    """Alice's enabled virtual MFA device: (serial number, pyotp.TOTP). Enabled with two
    codes from a minute ago, so the current code is still fresh."""
    created = store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "alice-phone"})
    serial = created["VirtualMFADevice"]["SerialNumber"]
    totp = pyotp.TOTP(created["VirtualMFADevice"]["Base32StringSeed"].decode())
    now = datetime.datetime.now()
    store.call("EnableMFADevice", {
        "UserName": "alice", "SerialNumber": serial,
        "AuthenticationCode1": totp.at(now - datetime.timedelta(seconds=90)),
        "AuthenticationCode2": totp.at(now - datetime.timedelta(seconds=60))})
    return serial, totp


def test_session_token_with_mfa_carries_mfa(store, alice, device):
    serial, totp = device
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "mfa-only",
                                 "PolicyDocument": document(allow(
                                     "iam:ListUsers",
                                     condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))})
    # Long-term credentials carry no aws:MultiFactorAuthPresent at all.
    assert error(lambda: store.call("ListUsers", {}, alice)).code == "AccessDenied"
    session = as_caller(store, store.call("GetSessionToken", {
        "SerialNumber": serial, "TokenCode": totp.now()}, alice))
    assert session.session["MFA"] is True
    assert session.session["Context"]["aws:MultiFactorAuthPresent"] == "true"
    assert int(session.session["Context"]["aws:MultiFactorAuthAge"]) < 60
    assert store.call("ListUsers", {}, session)["Users"]


def test_wrong_or_replayed_mfa_code_is_refused(store, alice, device):
    serial, totp = device
    good = totp.now()
    wrong = f"{(int(good) + 1) % 1_000_000:06}"
    message = "MultiFactorAuthentication failed with invalid MFA one time pass code."
    err = error(lambda: store.call("GetSessionToken", {"SerialNumber": serial,
                                                       "TokenCode": wrong}, alice))
    assert (err.code, err.message) == ("AccessDenied", message)
    assert store.call("GetSessionToken", {"SerialNumber": serial, "TokenCode": good}, alice)
    err = error(lambda: store.call("GetSessionToken", {"SerialNumber": serial,
                                                       "TokenCode": good}, alice))
    assert err.message == message
    # someone else's device
    store.call("CreateUser", {"UserName": "bob"})
    err = error(lambda: store.call("GetSessionToken", {"SerialNumber": serial,
                                                       "TokenCode": totp.now()},
                                   store.identity("bob")))
    assert err.message == message


def test_policy_demanding_mfa_allows_only_the_mfa_session(store, alice, device):
    # "Bool": {"aws:MultiFactorAuthPresent": "true"} (API_AssumeRole.html, "Using MFA
    # with AssumeRole"; id_credentials_mfa_configure-api-require.html)
    serial, totp = device
    make_role(store, trust({"AWS": ALICE_ARN}), policy=[allow(
        "iam:ListUsers", condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}})])
    plain = as_caller(store, assume(store, alice))
    assert error(lambda: store.call("ListUsers", {}, plain)).code == "AccessDenied"
    with_mfa = as_caller(store, assume(store, alice, SerialNumber=serial, TokenCode=totp.now()))
    assert store.call("ListUsers", {}, with_mfa)["Users"]


def test_trust_policy_demanding_mfa(store, alice, device):
    serial, totp = device
    make_role(store, trust({"AWS": ALICE_ARN},
                           condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    assert error(lambda: assume(store, alice)).message == denied_message()
    assert assume(store, alice, SerialNumber=serial, TokenCode=totp.now())["Credentials"]


def test_mfa_session_token_carries_mfa_into_the_role_session(store, alice, device):
    serial, totp = device
    make_role(store, trust({"AWS": ALICE_ARN},
                           condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    session = as_caller(store, store.call("GetSessionToken", {
        "SerialNumber": serial, "TokenCode": totp.now()}, alice))
    assert as_caller(store, assume(store, session)).session["MFA"] is True
