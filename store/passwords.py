"""Console passwords: the account's password policy, the rules a new password must meet,
and the login profiles that hold the passwords (as argon2id hashes, store.secrets).

The policy and its defaults:
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
("If an administrator does not set a custom password policy, IAM user passwords must
meet the default AWS password policy": 8 to 128 characters, three of the four character
types, not the account name or email address). "The IAM password policy does not apply
to the AWS account root user password": the root user's password always meets the
default rules, and never expires.

Table ``login_profiles``: {Owner (a user's UserId, or "root"), PasswordHash,
PasswordResetRequired, CreateDate, PasswordLastChanged, PreviousHashes (newest first, for
PasswordReusePrevention)}. The policy is the account document's ``PasswordPolicy``.
"""

import datetime
import re
import string

from . import secrets
from .authorize import authorize
from .errors import NoSuchEntity, PasswordPolicyViolation

TABLE = "login_profiles"
ROOT = "root"    # the Owner of the root user's password
HISTORY = 24     # the most passwords PasswordReusePrevention can ask about (its maximum)

# UpdateAccountPasswordPolicy: "if you do not specify a parameter, that parameter's value
# reverts to its default value" (API_UpdateAccountPasswordPolicy.html). MaxPasswordAge and
# PasswordReusePrevention default to 0, which their ranges (1..1095, 1..24) leave unset.
POLICY_DEFAULTS = {
    "MinimumPasswordLength": 6, "RequireSymbols": False, "RequireNumbers": False,
    "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": False,
    "AllowUsersToChangePassword": False, "HardExpiry": False,
}
DEFAULT_MINIMUM = 8

# The character types, each with the policy member that requires it and the name AWS's
# messages give it ("Password should have at least one uppercase letter"); the symbols
# are the ones the policy page lists.
CHARACTER_TYPES = (
    ("RequireUppercaseCharacters", "uppercase letter", frozenset(string.ascii_uppercase)),
    ("RequireLowercaseCharacters", "lowercase letter", frozenset(string.ascii_lowercase)),
    ("RequireNumbers", "number", frozenset(string.digits)),
    ("RequireSymbols", "symbol", frozenset("!@#$%^&*()_+-=[]{}|'")),
)

# passwordType in AWS's API model: 1 to 128 of tab, line breaks and Latin-1 characters.
# (The API model checks requests; a new password given at sign-in is checked here.)
_PASSWORD_TYPE = re.compile(r"[\t\n\r\x20-\xff]{1,128}")


# --- the policy ---------------------------------------------------------------------

def policy(account) -> dict | None:
    """The account's password policy, None when none is set (the defaults apply)."""
    return account.info.get("PasswordPolicy")


def setting(account, member: str):
    """One member of the account's password policy (None when no policy is set)."""
    return (policy(account) or {}).get(member)


def set_policy(account, value: dict | None) -> None:
    if value is None:
        account.info.pop("PasswordPolicy", None)
    else:
        account.info["PasswordPolicy"] = value
    account.replace("account", account.info)


def violations(account, owner: str, password: str) -> list[str]:
    """What ``password`` lacks for ``owner`` (a UserId, or "root"): under the account's
    policy, or the default rules where none is set and for the root user."""
    if not _PASSWORD_TYPE.fullmatch(password):
        return [("Password should be 1 to 128 characters: letters, numbers, spaces and "
                 "symbols of the Latin-1 character set")]
    rules = None if owner == ROOT else policy(account)
    if rules is None:
        return _default_violations(account, password)
    problems = _length_violations(password, rules["MinimumPasswordLength"])
    return problems + [f"Password should have at least one {name}"
                       for member, name, characters in CHARACTER_TYPES
                       if rules[member] and characters.isdisjoint(password)]


def _default_violations(account, password: str) -> list[str]:
    """The default policy: 8 or more characters, three of the four character types, and
    not the account name (its alias) or the root user's email address."""
    problems = _length_violations(password, DEFAULT_MINIMUM)
    missing = [f"Password should have at least one {name}"
               for _, name, characters in CHARACTER_TYPES if characters.isdisjoint(password)]
    if len(missing) > 1:
        # As AWS words it: "Password should meet 1 more of the following requirements:
        # Password should have at least one uppercase letter, Password should have at
        # least one symbol".
        problems.append(f"Password should meet {len(missing) - 1} more of the following "
                        "requirements: " + ", ".join(missing))
    if password in (*account.info["AccountAliases"], account.info["RootEmail"]):
        problems.append("Password should not be identical to the account name or email "
                        "address")
    return problems


def _length_violations(password: str, minimum: int) -> list[str]:
    if len(password) < minimum:
        return [f"Password should have a minimum length of {minimum}"]
    return []


# --- login profiles -----------------------------------------------------------------

def profile(account, owner: str) -> dict | None:
    """The login profile of ``owner`` (a UserId, or "root"), None if it has no password."""
    return account.lookup(TABLE, "Owner", owner)


def existing_profile(account, owner: str, name: str) -> dict:
    """The login profile, or AWS's NoSuchEntity ("Login Profile for User NAME cannot be
    found.", as GetLoginProfile answers for a user without a password)."""
    found = profile(account, owner)
    if found is None:
        raise NoSuchEntity(f"Login Profile for User {name} cannot be found.")
    return found


def new_profile(account, owner: str, password: str, reset_required: bool) -> dict:
    """A new login profile with ``password``, which must meet the rules."""
    _require(violations(account, owner, password))
    return {"Owner": owner, "PasswordHash": secrets.hash_password(password),
            "PasswordResetRequired": reset_required, "CreateDate": account.now,
            "PasswordLastChanged": account.now, "PreviousHashes": []}


def set_password(account, login_profile: dict, password: str) -> None:
    """Give the profile a new password (the caller stores the profile). It must meet the
    policy and, under PasswordReusePrevention N, not be any of the last N passwords —
    the current one counts ("prevent IAM users from reusing a specified number of
    previous passwords", id_credentials_passwords_account-policy.html)."""
    owner = login_profile["Owner"]
    problems = violations(account, owner, password)
    reuse = setting(account, "PasswordReusePrevention") if owner != ROOT else None
    history = [login_profile["PasswordHash"], *login_profile["PreviousHashes"]]
    if reuse and any(secrets.password_matches(old, password) for old in history[:reuse]):
        # AWS's wording of this violation is not documented; this is ours.
        problems.append(f"Password should not be one of your last {reuse} passwords")
    _require(problems)
    login_profile.update({"PasswordHash": secrets.hash_password(password),
                          "PreviousHashes": history[:HISTORY],
                          "PasswordLastChanged": account.now, "PasswordResetRequired": False})


def may_change(account, identity) -> None:
    """AccessDenied unless ``identity`` may change its own password (ChangePassword, or a
    new password given at sign-in). An IAM user needs the account's
    AllowUsersToChangePassword, which "gives IAM users permissions to iam:ChangePassword
    for only their user", or a policy allowing iam:ChangePassword on its ARN
    (id_credentials_passwords_enable-user-change.html); the root user needs neither."""
    if not setting(account, "AllowUsersToChangePassword"):
        authorize(account, identity, "iam:ChangePassword", identity.arn, {})


def change(account, login_profile: dict, password: str) -> None:
    """``set_password``, and store the profile."""
    set_password(account, login_profile, password)
    account.replace(TABLE, login_profile)


def expired(account, login_profile: dict, now: datetime.datetime) -> bool:
    """Whether the password is older than the policy's MaxPasswordAge days ("When you set
    a password expiration period, the expiration period is enforced immediately")."""
    days = setting(account, "MaxPasswordAge")
    if not days or login_profile["Owner"] == ROOT:
        return False
    changed = datetime.datetime.fromisoformat(login_profile["PasswordLastChanged"])
    return now >= changed + datetime.timedelta(days=days)


def _require(problems: list[str]) -> None:
    if problems:
        raise PasswordPolicyViolation("; ".join(problems))
