"""Console passwords: the login-profile operations, ChangePassword and the account password
policy, against a real store with real argon2id hashes.

AWS pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
(and GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile, ChangePassword,
UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy);
the rules: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
"""

import json

import pytest

from calls import error
from store import Identity, Store, secrets
from store.audit import HIDDEN

GOOD = "Corr3ct-Horse"      # meets the default policy: upper, lower, number, symbol
OTHER = "Batt3ry-Staple"
CHANGE_OWN = {"AllowUsersToChangePassword": True}


@pytest.fixture
def alice(store):
    store.call("CreateUser", {"UserName": "alice"})
    return store.identity("alice")


def allow(store, user: str, action: str, resource: str = "*") -> None:
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": resource}]}
    store.call("PutUserPolicy", {"UserName": user, "PolicyName": action.replace(":", "-"),
                                 "PolicyDocument": json.dumps(document)})


def stored_profile(store, user: str) -> dict:
    owner = store.call("GetUser", {"UserName": user})["User"]["UserId"]
    return store.view().lookup("login_profiles", "Owner", owner)


def set_policy(store, **members) -> None:
    store.call("UpdateAccountPasswordPolicy", members)


# --- CreateLoginProfile, GetLoginProfile ---------------------------------------------

def test_create_and_get_answer_as_aws(store, alice):
    created = store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    profile = created["LoginProfile"]
    assert list(profile) == ["UserName", "CreateDate", "PasswordResetRequired"]
    assert (profile["UserName"], profile["PasswordResetRequired"]) == ("alice", False)
    assert store.call("GetLoginProfile", {"UserName": "alice"}) == created


def test_the_password_is_kept_only_as_an_argon2id_hash(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    stored = stored_profile(store, "alice")
    assert stored["PasswordHash"].startswith("$argon2id$")
    assert secrets.password_matches(stored["PasswordHash"], GOOD)
    with open(store.path) as handle:
        assert GOOD not in handle.read()
    request = store.audit_trail(event="CreateLoginProfile")[0]["requestParameters"]
    assert request == {"userName": "alice", "password": HIDDEN}


def test_a_malformed_password_is_not_echoed(store, alice):
    """AWS leaves sensitive values out of a validation message ("Value at 'password'
    failed to satisfy constraint")."""
    password = "Secret-" + "x" * 128
    err = error(lambda: store.call("CreateLoginProfile",
                                   {"UserName": "alice", "Password": password}))
    assert err.code == "ValidationError"
    assert "Value at 'password' failed to satisfy constraint" in err.message
    with open(store.audit_path) as handle:
        assert password not in err.message + handle.read()


def test_a_second_profile_already_exists(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    err = error(lambda: store.call("CreateLoginProfile", {"UserName": "alice", "Password": OTHER}))
    assert (err.code, err.message) == ("EntityAlreadyExists",
                                      "Login Profile for user alice already exists.")


def test_a_user_without_a_password_or_no_user_is_not_found(store, alice):
    err = error(lambda: store.call("GetLoginProfile", {"UserName": "alice"}))
    assert (err.code, err.message) == ("NoSuchEntity",
                                      "Login Profile for User alice cannot be found.")
    err = error(lambda: store.call("CreateLoginProfile", {"UserName": "bob", "Password": GOOD}))
    assert (err.code, err.message) == ("NoSuchEntity", "The user with name bob cannot be found.")


def test_the_password_is_required(store, alice):
    err = error(lambda: store.call("CreateLoginProfile", {"UserName": "alice"}))
    assert err.code == "ValidationError"
    assert "'password'" in err.message


def test_reset_required_is_kept(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD,
                                      "PasswordResetRequired": True})
    assert store.call("GetLoginProfile", {"UserName": "alice"})["LoginProfile"][
        "PasswordResetRequired"] is True


def test_the_profile_follows_a_rename(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    store.call("UpdateUser", {"UserName": "alice", "NewUserName": "alicia"})
    profile = store.call("GetLoginProfile", {"UserName": "alicia"})["LoginProfile"]
    assert profile["UserName"] == "alicia"


def test_the_root_user_sets_its_own_password_without_a_user_name(store):
    """"If no user name is included, it defaults to the principal making the request.\""""
    profile = store.call("CreateLoginProfile", {"Password": GOOD})["LoginProfile"]
    assert profile["UserName"] == "123456789012"
    assert store.view().lookup("login_profiles", "Owner", "root") is not None
    assert store.call("GetLoginProfile")["LoginProfile"]["CreateDate"] == profile["CreateDate"]


def test_a_user_without_a_user_name_is_about_itself(store, alice):
    allow(store, "alice", "iam:GetLoginProfile", "arn:aws:iam::123456789012:user/${aws:username}")
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    assert store.call("GetLoginProfile", {}, alice)["LoginProfile"]["UserName"] == "alice"


def test_authorized_on_the_user_arn(store, alice):
    """iam:CreateLoginProfile's resource type is "user" (the service authorization
    reference for IAM)."""
    store.call("CreateUser", {"UserName": "bob"})
    store.call("CreateUser", {"UserName": "carol"})
    allow(store, "alice", "iam:CreateLoginProfile", "arn:aws:iam::123456789012:user/bob")
    store.call("CreateLoginProfile", {"UserName": "bob", "Password": GOOD}, alice)
    err = error(lambda: store.call("CreateLoginProfile",
                                   {"UserName": "carol", "Password": GOOD}, alice))
    assert err.code == "AccessDenied"
    assert "iam:CreateLoginProfile on resource: arn:aws:iam::123456789012:user/carol" in err.message


# --- UpdateLoginProfile, DeleteLoginProfile -------------------------------------------

def test_update_sets_a_new_password_and_the_reset_flag(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    store.call("UpdateLoginProfile", {"UserName": "alice", "Password": OTHER})
    stored = stored_profile(store, "alice")
    assert secrets.password_matches(stored["PasswordHash"], OTHER)
    assert not secrets.password_matches(stored["PasswordHash"], GOOD)
    store.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    assert stored_profile(store, "alice")["PasswordHash"] == stored["PasswordHash"]
    assert store.call("GetLoginProfile", {"UserName": "alice"})["LoginProfile"][
        "PasswordResetRequired"] is True


def test_update_is_held_to_the_policy(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    err = error(lambda: store.call("UpdateLoginProfile",
                                   {"UserName": "alice", "Password": "short"}))
    assert err.code == "PasswordPolicyViolation"
    assert secrets.password_matches(stored_profile(store, "alice")["PasswordHash"], GOOD)


def test_delete(store, alice):
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    store.call("DeleteLoginProfile", {"UserName": "alice"})
    for name in ("GetLoginProfile", "DeleteLoginProfile"):
        err = error(lambda name=name: store.call(name, {"UserName": "alice"}))
        assert err.code == "NoSuchEntity"
    records = store.audit_trail(event="DeleteLoginProfile")
    assert [record.get("errorCode") for record in records] == ["NoSuchEntity", None]


# --- the account password policy -----------------------------------------------------

def test_no_policy_is_no_such_entity(store):
    for name in ("GetAccountPasswordPolicy", "DeleteAccountPasswordPolicy"):
        err = error(lambda name=name: store.call(name))
        assert (err.code, err.message) == (
            "NoSuchEntity", "The Password Policy with domain name 123456789012 cannot be found.")


def test_an_update_replaces_the_whole_policy(store):
    """"This operation does not support partial updates. ... if you do not specify a
    parameter, that parameter's value reverts to its default value.\""""
    set_policy(store, MinimumPasswordLength=10, RequireSymbols=True)
    assert store.call("GetAccountPasswordPolicy")["PasswordPolicy"] == {
        "MinimumPasswordLength": 10, "RequireSymbols": True, "RequireNumbers": False,
        "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": False,
        "AllowUsersToChangePassword": False, "ExpirePasswords": False, "HardExpiry": False}
    set_policy(store, MaxPasswordAge=90, PasswordReusePrevention=3)
    policy = store.call("GetAccountPasswordPolicy")["PasswordPolicy"]
    assert (policy["MinimumPasswordLength"], policy["RequireSymbols"]) == (6, False)
    assert (policy["ExpirePasswords"], policy["MaxPasswordAge"],
            policy["PasswordReusePrevention"]) == (True, 90, 3)


def test_delete_the_policy(store):
    set_policy(store, MinimumPasswordLength=20)
    store.call("DeleteAccountPasswordPolicy")
    assert error(lambda: store.call("GetAccountPasswordPolicy")).code == "NoSuchEntity"


def test_out_of_range_settings_are_refused_by_the_model(store):
    err = error(lambda: set_policy(store, MinimumPasswordLength=5))
    assert err.code == "ValidationError"
    assert "minimumPasswordLength" in err.message


def test_users_may_read_the_policy_when_they_may_change_their_password(store, alice):
    """AllowUsersToChangePassword "Gives IAM users permissions to iam:ChangePassword for
    only their user and to the iam:GetAccountPasswordPolicy action"."""
    set_policy(store, MinimumPasswordLength=12)
    assert error(lambda: store.call("GetAccountPasswordPolicy", {}, alice)).code == "AccessDenied"
    set_policy(store, MinimumPasswordLength=12, **CHANGE_OWN)
    assert store.call("GetAccountPasswordPolicy", {}, alice)["PasswordPolicy"][
        "MinimumPasswordLength"] == 12


# --- what a password must be ---------------------------------------------------------

# With no policy set, the default one: "Minimum password length of 8 characters ...;
# Minimum of three of the following mix of character types: uppercase, lowercase,
# numbers, and ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' symbols; Not be identical to your
# AWS account name or email address" (id_credentials_passwords_account-policy.html).
# The 3-of-4 wording is AWS's as its CreateLoginProfile answers it.
DEFAULT_POLICY = [
    ("Ab1!xyz", "Password should have a minimum length of 8"),
    ("lowercase1", ("Password should meet 1 more of the following requirements: Password "
                    "should have at least one uppercase letter, Password should have at "
                    "least one symbol")),
    ("alllowercase", ("Password should meet 2 more of the following requirements: Password "
                      "should have at least one uppercase letter, Password should have at "
                      "least one number, Password should have at least one symbol")),
    # "." and " " are not among the policy's symbols
    ("sp ce.only", ("Password should meet 2 more of the following requirements: Password "
                    "should have at least one uppercase letter, Password should have at "
                    "least one number, Password should have at least one symbol")),
    ("lowercase1A", None),
    ("lower-case-1", None),
    ("UPPER'CASE1", None),
]


@pytest.mark.parametrize("password, problem", DEFAULT_POLICY)
def test_the_default_policy(store, alice, password, problem):
    check(store, password, problem)


def test_the_default_policy_refuses_the_account_name_and_email(tmp_path):
    store = Store(str(tmp_path / "iam.json"))
    store.create_account(account_id="123456789012", alias="acme-corp-2024",
                         email="Ops.Team1@example.com")
    store.call("CreateUser", {"UserName": "alice"})
    for password in ("acme-corp-2024", "Ops.Team1@example.com"):
        check(store, password,
              "Password should not be identical to the account name or email address")


# A custom policy: each setting and only the settings ("Require at least one uppercase
# letter from the Latin alphabet (A-Z)" ... same page, "Custom password policy options").
CUSTOM_POLICY = [
    ({"MinimumPasswordLength": 12}, "Short-Pass1", "Password should have a minimum length of 12"),
    ({"MinimumPasswordLength": 6}, "alllowercase", None),  # the default's 3-of-4 is gone
    ({"RequireUppercaseCharacters": True}, "lowercase1!",
     "Password should have at least one uppercase letter"),
    ({"RequireLowercaseCharacters": True}, "UPPERCASE1!",
     "Password should have at least one lowercase letter"),
    ({"RequireNumbers": True}, "NoNumbers!", "Password should have at least one number"),
    ({"RequireSymbols": True}, "NoSymbols1", "Password should have at least one symbol"),
    ({"RequireSymbols": True}, "Dots.and~tildes1", "Password should have at least one symbol"),
    ({"RequireSymbols": True, "RequireNumbers": True, "MinimumPasswordLength": 10}, "short",
     ("Password should have a minimum length of 10; Password should have at least one "
      "number; Password should have at least one symbol")),
    ({"RequireSymbols": True, "RequireNumbers": True, "RequireUppercaseCharacters": True,
      "RequireLowercaseCharacters": True, "MinimumPasswordLength": 14}, "Long-Enough-P4ss", None),
]


@pytest.mark.parametrize("policy, password, problem", CUSTOM_POLICY)
def test_a_custom_policy(store, alice, policy, password, problem):
    set_policy(store, **policy)
    check(store, password, problem)


def check(store, password: str, problem: str | None) -> None:
    """CreateLoginProfile for alice refuses ``password`` with ``problem``, or takes it."""
    create = lambda: store.call("CreateLoginProfile", {"UserName": "alice", "Password": password})
    if problem is None:
        create()
        return
    err = error(create)
    assert (err.code, err.message) == ("PasswordPolicyViolation", problem)
    assert stored_profile(store, "alice") is None


def test_the_root_password_meets_the_default_rules_whatever_the_policy(store):
    """"The IAM password policy does not apply to the AWS account root user password.\""""
    set_policy(store, MinimumPasswordLength=6)
    err = error(lambda: store.call("CreateLoginProfile", {"Password": "simple"}))
    assert err.message.startswith("Password should have a minimum length of 8")


# --- ChangePassword --------------------------------------------------------------------

@pytest.fixture
def signed_up(store, alice):
    """alice with the password GOOD, allowed to change it."""
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    set_policy(store, **CHANGE_OWN)
    return alice


def change(store, caller, old: str, new: str) -> dict:
    return store.call("ChangePassword", {"OldPassword": old, "NewPassword": new}, caller)


def test_change_password(store, signed_up):
    store.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    change(store, signed_up, GOOD, OTHER)
    stored = stored_profile(store, "alice")
    assert secrets.password_matches(stored["PasswordHash"], OTHER)
    assert stored["PasswordResetRequired"] is False
    request = store.audit_trail(event="ChangePassword")[0]["requestParameters"]
    assert request == {"oldPassword": HIDDEN, "newPassword": HIDDEN}


@pytest.mark.parametrize("caller", [
    None,  # the root user
    Identity("assumed-role", "arn:aws:sts::123456789012:assumed-role/ops/s", "123456789012", "ops"),
])
def test_only_iam_users_change_their_password(store, caller):
    err = error(lambda: change(store, caller, GOOD, OTHER))
    assert err.code == "InvalidUserType"


def test_changing_needs_the_account_setting_or_a_policy(store, alice):
    """Either the account's AllowUsersToChangePassword, or a policy such as the AWS
    managed IAMUserChangePassword (id_credentials_passwords_enable-user-change.html)."""
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": GOOD})
    err = error(lambda: change(store, alice, GOOD, OTHER))
    assert err.code == "AccessDenied"
    assert "iam:ChangePassword on resource: arn:aws:iam::123456789012:user/alice" in err.message
    store.call("AttachUserPolicy", {"UserName": "alice",
                                    "PolicyArn": "arn:aws:iam::aws:policy/IAMUserChangePassword"})
    change(store, alice, GOOD, OTHER)


def test_the_old_password_must_be_right(store, signed_up):
    err = error(lambda: change(store, signed_up, OTHER, "Third-Passw0rd"))
    assert (err.code, err.message) == ("AccessDenied", "The old password is incorrect.")
    assert secrets.password_matches(stored_profile(store, "alice")["PasswordHash"], GOOD)


def test_the_new_password_meets_the_policy(store, signed_up):
    set_policy(store, MinimumPasswordLength=16, **CHANGE_OWN)
    err = error(lambda: change(store, signed_up, GOOD, OTHER))
    assert (err.code, err.message) == ("PasswordPolicyViolation",
                                      "Password should have a minimum length of 16")


def test_a_user_without_a_password_has_none_to_change(store, alice):
    set_policy(store, **CHANGE_OWN)
    assert error(lambda: change(store, alice, GOOD, OTHER)).code == "NoSuchEntity"


def test_reuse_prevention(store, signed_up):
    """PasswordReusePrevention 2: none of the last two passwords, the current one
    included ("Prevent IAM users from reusing a specified number of previous
    passwords")."""
    set_policy(store, PasswordReusePrevention=2, **CHANGE_OWN)
    third = "Third-Passw0rd"
    assert error(lambda: change(store, signed_up, GOOD, GOOD)).code == "PasswordPolicyViolation"
    change(store, signed_up, GOOD, OTHER)
    err = error(lambda: change(store, signed_up, OTHER, GOOD))
    assert err.message == "Password should not be one of your last 2 passwords"
    change(store, signed_up, OTHER, third)
    change(store, signed_up, third, GOOD)  # three passwords back now
