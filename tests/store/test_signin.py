"""Console sign-in (store.signin): real argon2id hashes, real TOTP codes, and an injected
clock for the throttling and the password's age — no sleeping.

AWS pages: signing in, https://docs.aws.amazon.com/IAM/latest/UserGuide/console.html;
password expiry and reset, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html;
the CloudTrail records, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
"""

import base64
import datetime

import pyotp
import pytest

from calls import error
from store import mfa, secrets
from store.audit import HIDDEN
from store.signin import (MfaCodeRequired, NewPasswordRequired, PasswordExpired,
                          TooManyAttempts, WrongCredentials, sign_in)

PASSWORD = "Corr3ct-Horse"
NEW = "Batt3ry-Staple"
REFUSAL = "Your authentication information is incorrect. Please try again."
@pytest.fixture
def alice(store):
    """alice, with the password PASSWORD."""
    store.call("CreateUser", {"UserName": "alice"})
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": PASSWORD})
    return store


@pytest.fixture
def later():
    """The injected clock: ``later(seconds=2)`` is two seconds after the test began."""
    start = datetime.datetime.now(datetime.UTC)
    return lambda **delta: start + datetime.timedelta(**delta)


@pytest.fixture
def as_alice(store, alice, later):
    """Sign in as alice (at the test's start, unless ``at`` says when)."""
    def attempt(password=PASSWORD, at=None, **more):
        return sign_in(store, account="demo-corp", user_name="alice", password=password,
                       now=at or later(), **more)
    return attempt


def stamp(moment: datetime.datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def profile(store) -> dict:
    owner = store.call("GetUser", {"UserName": "alice"})["User"]["UserId"]
    return store.view().lookup("login_profiles", "Owner", owner)


def console_logins(store) -> list[dict]:
    return store.audit_trail(event="ConsoleLogin")


# --- signing in ---------------------------------------------------------------------

def test_a_right_password_gives_a_console_session(store, alice, as_alice, later):
    credentials = as_alice()
    caller = store.credentials_caller(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                                      credentials["SessionToken"])
    assert (caller.kind, caller.name) == ("user", "alice")
    assert (caller.session["Kind"], caller.session["MFA"]) == ("console", False)
    expires = datetime.datetime.fromisoformat(credentials["Expiration"])
    now = datetime.datetime.now(datetime.UTC)
    assert abs((expires - now).total_seconds() - 43200) < 60
    user = store.call("GetUser", {"UserName": "alice"})["User"]
    assert user["PasswordLastUsed"] == stamp(later())


def test_the_account_by_id_or_alias(store, alice, later):
    sign_in(store, account="123456789012", user_name="alice", password=PASSWORD, now=later())
    sign_in(store, account="demo-corp", user_name="ALICE", password=PASSWORD, now=later())
    err = error(lambda: sign_in(store, account="999999999999", user_name="alice",
                                password=PASSWORD, now=later()))
    assert isinstance(err, WrongCredentials)


def test_wrong_password_and_unknown_user_get_the_same_refusal(store, alice, as_alice, later):
    store.call("CreateUser", {"UserName": "nopassword"})
    refusals = [error(lambda: as_alice("Wr0ng-Password")),
                error(lambda: sign_in(store, account="demo-corp", user_name="nobody",
                                      password=PASSWORD, now=later())),
                error(lambda: sign_in(store, account="demo-corp", user_name="nopassword",
                                      password=PASSWORD, now=later()))]
    assert {(type(err), err.code, err.message) for err in refusals} == {
        (WrongCredentials, "SignInRefused", REFUSAL)}


def test_the_root_user_signs_in_by_email(store, later):
    store.call("CreateLoginProfile", {"Password": PASSWORD})
    credentials = sign_in(store, account="demo-corp", root_email="ROOT@example.com",
                          password=PASSWORD, now=later())
    caller = store.credentials_caller(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                                      credentials["SessionToken"])
    assert caller.is_root
    assert store.view().info["PasswordLastUsed"] == stamp(later())
    err = error(lambda: sign_in(store, account="demo-corp", root_email="other@example.com",
                                password=PASSWORD, now=later(minutes=1)))
    assert err.message == REFUSAL


def test_a_sign_in_names_one_principal(store):
    with pytest.raises(ValueError):
        sign_in(store, account="demo-corp", password=PASSWORD)


# --- a password to change -----------------------------------------------------------

def test_a_reset_required_password_is_changed_in_the_sign_in(store, alice, as_alice, later):
    """The user must be allowed to change it (here by the account's
    AllowUsersToChangePassword), and the new one must meet the policy; the refusals
    before that change nothing."""
    store.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    before = profile(store)["PasswordHash"]
    err = error(lambda: as_alice())
    assert (type(err), err.message) == (NewPasswordRequired,
                                        "Your password must be changed: choose a new one.")
    assert error(lambda: as_alice(new_password=NEW)).code == "AccessDenied"
    store.call("UpdateAccountPasswordPolicy", {"AllowUsersToChangePassword": True,
                                               "MinimumPasswordLength": 20})
    err = error(lambda: as_alice(new_password=NEW))
    assert (err.code, err.message) == ("PasswordPolicyViolation",
                                      "Password should have a minimum length of 20")
    assert profile(store)["PasswordHash"] == before
    new = "A-Much-L0nger-Passphrase"
    as_alice(new_password=new)
    assert profile(store)["PasswordResetRequired"] is False
    assert isinstance(error(lambda: as_alice(at=later(seconds=1))), WrongCredentials)
    as_alice(new, at=later(seconds=3))


def test_an_expired_password_is_changed_in_the_sign_in(store, alice, as_alice):
    """MaxPasswordAge 30: on day 30 the password has expired ("the expiration period is
    enforced immediately")."""
    store.call("UpdateAccountPasswordPolicy", {"MaxPasswordAge": 30,
                                               "AllowUsersToChangePassword": True})
    changed = datetime.datetime.fromisoformat(profile(store)["PasswordLastChanged"])
    day = lambda n: changed + datetime.timedelta(days=n)
    as_alice(at=day(29))
    err = error(lambda: as_alice(at=day(30)))
    assert (type(err), err.message) == (NewPasswordRequired,
                                        "Your password has expired: choose a new one.")
    as_alice(at=day(30), new_password=NEW)
    as_alice(NEW, at=day(59))
    assert isinstance(error(lambda: as_alice(NEW, at=day(60))), NewPasswordRequired)


def test_hard_expiry_leaves_the_reset_to_an_administrator(store, alice, as_alice, later):
    """HardExpiry: "The IAM user cannot access the console until an administrator resets
    the password.\""""
    store.call("UpdateAccountPasswordPolicy", {"MaxPasswordAge": 30, "HardExpiry": True,
                                               "AllowUsersToChangePassword": True})
    err = error(lambda: as_alice(at=later(days=31), new_password=NEW))
    assert isinstance(err, PasswordExpired)
    store.call("UpdateLoginProfile", {"UserName": "alice", "Password": NEW})
    as_alice(NEW)


# --- throttling and lockout ---------------------------------------------------------

def test_each_failure_slows_the_next_attempt(store, alice, as_alice, later):
    """After N failures, attempts in the next 2**(N-1) seconds are refused unchecked —
    even with the right password."""
    error(lambda: as_alice("wrong"))
    err = error(lambda: as_alice(at=later(seconds=0.5)))
    assert (type(err), err.retry_after) == (TooManyAttempts, 1)
    error(lambda: as_alice("wrong", at=later(seconds=1)))
    err = error(lambda: as_alice(at=later(seconds=2.5)))
    assert (type(err), err.message) == (
        TooManyAttempts, "Too many failed sign-in attempts. Try again in 1 second.")
    as_alice(at=later(seconds=3))
    assert store.view().table("signin_attempts").all() == []


def fail(store, start, count, user_name="alice") -> datetime.datetime:
    """``count`` wrong passwords from ``start``, each as soon as allowed; the time of the
    last."""
    at = start
    for failures in range(count):
        error(lambda at=at: sign_in(store, account="demo-corp", user_name=user_name,
                                    password="wrong", now=at))
        at += datetime.timedelta(seconds=2 ** failures)
    return at - datetime.timedelta(seconds=2 ** (count - 1))


def test_five_failures_lock_the_principal_out_for_fifteen_minutes(store, alice, as_alice, later):
    last = fail(store, later(), 5)
    err = error(lambda: as_alice("wrong", at=last + datetime.timedelta(minutes=10)))
    assert (type(err), err.retry_after) == (TooManyAttempts, 300)
    err = error(lambda: as_alice(at=last + datetime.timedelta(seconds=899)))
    assert (type(err), err.retry_after) == (TooManyAttempts, 1)  # unchecked attempts don't count
    as_alice(at=last + datetime.timedelta(minutes=15))


def test_failures_older_than_fifteen_minutes_are_forgotten(store, alice, as_alice, later):
    fail(store, later(), 4)
    error(lambda: as_alice("wrong", at=later(minutes=16)))
    as_alice(at=later(minutes=16, seconds=1))


def test_unknown_names_are_throttled_too_without_keeping_them(store, alice, as_alice, later):
    """Else throttling would tell which users exist; and the name typed may be a
    password typed in the wrong box, so it is not stored."""
    typed = "Secret-Typed-In-The-Name-Box1"
    fail(store, later(), 5, typed)
    err = error(lambda: sign_in(store, account="demo-corp", user_name=typed, password="wrong",
                                now=later(minutes=1)))
    assert isinstance(err, TooManyAttempts)
    with open(store.path) as handle:
        assert typed not in handle.read()
    as_alice(at=later(minutes=1))


# --- MFA ----------------------------------------------------------------------------

@pytest.fixture
def alice_mfa(store, alice) -> pyotp.TOTP:
    """alice with an enabled virtual MFA device; the current step's code is unused."""
    created = store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "alice"})
    device = created["VirtualMFADevice"]
    totp = pyotp.TOTP(base64.b32encode(base64.b32decode(device["Base32StringSeed"])).decode())
    step = mfa.step_now()
    store.call("EnableMFADevice", {"UserName": "alice", "SerialNumber": device["SerialNumber"],
                                   "AuthenticationCode1": totp.at((step - 2) * mfa.STEP),
                                   "AuthenticationCode2": totp.at((step - 1) * mfa.STEP)})
    return totp


def test_mfa_is_required_and_a_code_signs_in_once(store, alice_mfa, as_alice, later):
    code = alice_mfa.now()
    err = error(lambda: as_alice())
    assert (type(err), err.message) == (MfaCodeRequired,
                                        "An MFA code is required to sign in as alice.")
    wrong = "000000" if code != "000000" else "111111"
    assert isinstance(error(lambda: as_alice(mfa_code=wrong)), WrongCredentials)
    credentials = as_alice(mfa_code=code, at=later(seconds=1))
    caller = store.credentials_caller(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                                      credentials["SessionToken"])
    assert caller.session["MFA"] is True
    replayed = error(lambda: as_alice(mfa_code=code, at=later(seconds=2)))
    assert isinstance(replayed, WrongCredentials)
    assert [r["additionalEventData"]["MFAUsed"] for r in console_logins(store)] == [
        "Yes", "Yes", "Yes", "No"]


def test_a_code_outlives_the_request_for_a_new_password(store, alice_mfa, as_alice, later):
    """The prompts go password, code, new password: the code is used up only by the
    attempt that completes."""
    store.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    store.call("UpdateAccountPasswordPolicy", {"AllowUsersToChangePassword": True})
    code = alice_mfa.now()
    assert isinstance(error(lambda: as_alice(mfa_code=code)), NewPasswordRequired)
    as_alice(mfa_code=code, new_password=NEW)
    assert isinstance(error(lambda: as_alice(NEW, mfa_code=code, at=later(seconds=1))),
                      WrongCredentials)


# --- the audit trail ----------------------------------------------------------------

def test_every_attempt_is_a_console_login_record(store, alice, as_alice, later):
    as_alice()
    error(lambda: as_alice("wrong", at=later(seconds=1)))
    error(lambda: sign_in(store, account="demo-corp", user_name="nobody", password="x",
                          now=later(seconds=2)))
    nobody, failure, success = console_logins(store)
    assert {r["eventSource"] for r in (nobody, failure, success)} == {"signin.amazonaws.com"}
    assert {r["eventType"] for r in (nobody, failure, success)} == {"AwsConsoleSignIn"}
    assert success["responseElements"] == {"ConsoleLogin": "Success"}
    assert "errorMessage" not in success
    assert success["userIdentity"]["arn"] == "arn:aws:iam::123456789012:user/alice"
    assert success["additionalEventData"]["MFAUsed"] == "No"
    assert success["eventTime"] == stamp(later()).replace("+00:00", "Z")
    assert failure["responseElements"] == {"ConsoleLogin": "Failure"}
    assert failure["errorMessage"] == "Failed authentication"
    assert failure["userIdentity"]["userName"] == "alice"
    assert "arn" not in failure["userIdentity"]  # as CloudTrail's failed sign-in record
    assert nobody["userIdentity"] == {"type": "IAMUser", "accountId": "123456789012",
                                      "userName": HIDDEN, "accessKeyId": ""}
    throttled = error(lambda: as_alice(at=later(seconds=1.5)))
    assert isinstance(throttled, TooManyAttempts)
    assert console_logins(store)[0]["errorMessage"] == "Failed authentication"


def test_no_password_or_code_in_the_clear(store, alice_mfa, as_alice, later):
    """The store file and the audit file, searched for every secret the attempts used."""
    store.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    store.call("UpdateAccountPasswordPolicy", {"AllowUsersToChangePassword": True})
    code = alice_mfa.now()
    error(lambda: as_alice("Typo-Passw0rd", mfa_code=code))
    error(lambda: as_alice(mfa_code=code, at=later(seconds=1)))
    as_alice(mfa_code=code, new_password=NEW, at=later(seconds=2))
    assert len(console_logins(store)) == 3
    for path in (store.path, store.audit_path):
        with open(path) as handle:
            text = handle.read()
        for secret in (PASSWORD, NEW, "Typo-Passw0rd", code):
            assert secret not in text, (path, secret)
    assert secrets.password_matches(profile(store)["PasswordHash"], NEW)
