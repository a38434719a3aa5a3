"""Console sign-in: a user name (or the root user's email address) and a password — and
an MFA code when the principal has an MFA device, and a new password when the old one
must be changed — for console session credentials, as the AWS Management Console signs
people in (https://docs.aws.amazon.com/IAM/latest/UserGuide/console.html).

- A wrong user name, a user without a password, a wrong password and a wrong MFA code
  all get the same refusal, so signing in does not tell who exists.
- Failed attempts slow the next ones down, per principal: after N failures within
  fifteen minutes, attempts in the next 2**(N-1) seconds are refused unchecked, and the
  fifth failure locks the principal out for fifteen minutes (table ``signin_attempts``
  {Principal, Failures (times), LockedUntil}). The store never sleeps: a refused attempt
  says when to come back. AWS documents no lockout for IAM users ("You can't create a
  lockout policy", id_credentials_passwords_account-policy.html); this store has one.
- Every attempt is recorded as CloudTrail records console sign-ins: a ConsoleLogin event
  from signin.amazonaws.com, "Success" or "Failure" ("Failed authentication"), whether
  MFA was used, never the password or the code
  (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html).
"""

import datetime
import functools
import hashlib
import math
from dataclasses import dataclass

from . import audit, credentials, mfa, passwords, secrets
from .account import Account
from .errors import IamError
from .principals import Identity, root

SESSION_SECONDS = 43200        # a console session lasts twelve hours
ATTEMPTS = "signin_attempts"
WINDOW = datetime.timedelta(minutes=15)    # failures older than this are forgotten
LOCKOUT = datetime.timedelta(minutes=15)
LOCKOUT_FAILURES = 5
# The backoff after N failures, 2**(N-1) seconds, is at most 8 before the fifth failure
# locks the principal out, so it needs no cap of its own.


class Refused(IamError):
    """A sign-in the store turned down."""

    code = "SignInRefused"
    status = 401


class WrongCredentials(Refused):
    """The one answer to an unknown principal, a wrong password and a wrong MFA code (the
    console's words). The only refusal that counts as a failed attempt."""

    def __init__(self):
        super().__init__("Your authentication information is incorrect. Please try again.")


class TooManyAttempts(Refused):
    """Refused unchecked: the principal is in its backoff or locked out. ``retry_after``:
    the seconds until it may try again."""

    def __init__(self, seconds: int):
        unit = "second" if seconds == 1 else "seconds"
        super().__init__(f"Too many failed sign-in attempts. Try again in {seconds} {unit}.")
        self.retry_after = seconds


class MfaCodeRequired(Refused):
    """The password is right and the principal has an MFA device: ask for a code."""


class NewPasswordRequired(Refused):
    """The password is right but must be changed: ask for a new one."""


class PasswordExpired(Refused):
    """Expired under HardExpiry: only an administrator can set a new password."""


def sign_in(store, *, account: str, password: str, user_name: str | None = None,
            root_email: str | None = None, mfa_code: str | None = None,
            new_password: str | None = None, now: datetime.datetime | None = None) -> dict:
    """Console session credentials ({AccessKeyId, SecretAccessKey, SessionToken,
    Expiration}) for the IAM user ``user_name`` or the root user (``root_email``) of
    ``account`` (the store's account id or alias), or a Refused — or, for a new
    password, the PasswordPolicyViolation or AccessDenied ChangePassword would give.

    A refusal that asks for more (MfaCodeRequired, NewPasswordRequired) and a new
    password that cannot be set change nothing: the MFA code is used up only by the
    attempt that completes. ``now`` (UTC) is the clock of the throttling, the password's
    age and the audit record; MFA codes are checked against the real clock."""
    if (user_name is None) == (root_email is None):
        raise ValueError("sign in with a user name or the root user's email address")
    now = now or datetime.datetime.now(datetime.UTC)
    store.view()  # the account is made on first use, as by any call
    attempt = _Attempt()

    def finish(error):
        if error is None or isinstance(error, IamError):
            audit.append(store.audit_path, attempt.record(error or attempt.failure, now))

    with store.database.transaction(finish) as db:
        state = Account(store.database, db, now.replace(microsecond=0).isoformat())
        attempt.principal = _principal(state, account, user_name, root_email)
        try:
            session = _authenticate(state, attempt, password, mfa_code, new_password, now)
        except WrongCredentials as failure:
            _note_failure(state, attempt.principal.key, now)
            attempt.failure = failure
    if attempt.failure:
        raise attempt.failure
    return session


# --- who is signing in --------------------------------------------------------------

@dataclass(frozen=True)
class _Principal:
    identity: Identity  # as the audit record shows it (an unknown one: no ARN, no name)
    owner: str | None   # the Owner of its password and MFA devices; None when unknown
    key: str            # the Principal of its failure counters


def _principal(account, account_name: str, user_name, root_email) -> _Principal:
    ours = account_name in (account.id, *account.info["AccountAliases"])
    if root_email is not None:
        if ours and root_email.lower() == account.info["RootEmail"].lower():
            return _Principal(root(account.id), passwords.ROOT, passwords.ROOT)
        return _unknown(account, "root", root_email)
    user = account.find("user", user_name) if ours else None
    if user is None:
        return _unknown(account, "user", user_name)
    return _Principal(Identity("user", user["Arn"], account.id, user["UserName"]),
                      user["UserId"], user["UserId"])


def _unknown(account, kind: str, name: str) -> _Principal:
    """An unknown user name or root email address is throttled like a real principal (so
    the throttling does not tell who exists), under one of 4096 buckets: the name typed
    may be a password typed in the wrong box, and neither it nor a usable digest of it
    is stored. (CloudTrail hides such names too: HIDDEN_DUE_TO_SECURITY_REASONS.)"""
    bucket = hashlib.sha256(f"{account.id}:{kind}:{name.lower()}".encode()).hexdigest()[:3]
    return _Principal(Identity(kind, "", account.id, audit.HIDDEN), None, f"unknown:{bucket}")


# --- the checks, in order -----------------------------------------------------------

def _authenticate(account, attempt, password, mfa_code, new_password, now) -> dict:
    principal = attempt.principal
    _check_pace(account, principal.key, now)
    profile = passwords.profile(account, principal.owner) if principal.owner else None
    # Without a profile, a decoy hash is checked all the same: the refusal takes as long.
    right = secrets.password_matches(profile["PasswordHash"] if profile else _decoy(), password)
    if profile is None or not right:
        raise WrongCredentials()
    devices = [device for device in account.table("mfa_devices").all()
               if device.get("Owner") == principal.owner and device.get("EnableDate")]
    if devices:
        if mfa_code is None:
            raise MfaCodeRequired(f"An MFA code is required to sign in as "
                                  f"{principal.identity.name or 'the root user'}.")
        attempt.mfa_used = True
        if not any(mfa.verify(account, principal.owner, device["SerialNumber"], mfa_code)
                   for device in devices):
            raise WrongCredentials()
    _renew_if_due(account, principal.identity, profile, new_password, now)
    _clear_failures(account, principal.key)
    _note_use(account, principal)
    return credentials.new_session(account, credentials.CONSOLE, principal.owner,
                                   SESSION_SECONDS, mfa=bool(devices))


def _renew_if_due(account, identity, profile: dict, new_password, now) -> None:
    """A password to be reset (PasswordResetRequired) or past MaxPasswordAge is replaced
    in the same attempt, as the console asks for a new one before it signs the user in;
    the user must be allowed to change it, and it must meet the policy. Under HardExpiry
    an expired password cannot be replaced here ("The IAM user cannot access the console
    until an administrator resets the password")."""
    expired = passwords.expired(account, profile, now)
    if not (expired or profile["PasswordResetRequired"]):
        return
    if expired and passwords.setting(account, "HardExpiry"):
        raise PasswordExpired("Your password has expired. An administrator must reset it.")
    if new_password is None:
        reason = "has expired" if expired else "must be changed"
        raise NewPasswordRequired(f"Your password {reason}: choose a new one.")
    passwords.may_change(account, identity)
    passwords.change(account, profile, new_password)


def _note_use(account, principal: _Principal) -> None:
    """PasswordLastUsed, as GetUser shows it (the root user's is kept on the account)."""
    if principal.owner == passwords.ROOT:
        account.info["PasswordLastUsed"] = account.now
        account.replace("account", account.info)
        return
    user = account.by_id("user", principal.owner)
    user["PasswordLastUsed"] = account.now
    account.update("user", user)


@functools.cache
def _decoy() -> str:
    return secrets.hash_password(secrets.secret_access_key())


# --- throttling ---------------------------------------------------------------------

def _check_pace(account, key: str, now) -> None:
    """TooManyAttempts while the principal is locked out or in its backoff."""
    record = account.lookup(ATTEMPTS, "Principal", key)
    if record is None:
        return
    failures = _recent(record, now)
    if record["LockedUntil"]:
        until = datetime.datetime.fromisoformat(record["LockedUntil"])
    elif failures:
        until = failures[-1] + datetime.timedelta(seconds=2 ** (len(failures) - 1))
    else:
        return
    if until > now:
        raise TooManyAttempts(math.ceil((until - now).total_seconds()))


def _note_failure(account, key: str, now) -> None:
    record = account.lookup(ATTEMPTS, "Principal", key)
    failures = [*(_recent(record, now) if record else []), now]
    locked = len(failures) >= LOCKOUT_FAILURES
    fields = {"Failures": [] if locked else [t.isoformat() for t in failures],
              "LockedUntil": (now + LOCKOUT).isoformat() if locked else None}
    if record is None:
        account.table(ATTEMPTS).insert({"Principal": key, **fields})
    else:
        record.update(fields)
        account.replace(ATTEMPTS, record)


def _clear_failures(account, key: str) -> None:
    record = account.lookup(ATTEMPTS, "Principal", key)
    if record is not None:
        account.table(ATTEMPTS).remove(doc_ids=[record.doc_id])


def _recent(record: dict, now) -> list[datetime.datetime]:
    times = [datetime.datetime.fromisoformat(t) for t in record["Failures"]]
    return [t for t in times if now - t < WINDOW]


# --- the audit record ---------------------------------------------------------------

class _Attempt:
    """What the audit record of one attempt says."""

    def __init__(self):
        self.principal: _Principal | None = None
        self.mfa_used = False
        self.failure: Refused | None = None

    def record(self, error: IamError | None, now) -> dict:
        identity = self.principal.identity
        entry = audit.record(identity, identity.account, "signin", "ConsoleLogin", None, None,
                             when=now.replace(microsecond=0).isoformat())
        who = entry["userIdentity"]
        who["accessKeyId"] = ""
        if self.principal.owner:
            who["principalId"] = identity.account if identity.is_root else self.principal.owner
        if not identity.arn or (error and identity.kind == "user"):
            del who["arn"]  # CloudTrail's failed IAM-user sign-in has no ARN
        entry.update({
            "eventType": "AwsConsoleSignIn",
            "responseElements": {"ConsoleLogin": "Failure" if error else "Success"},
            "additionalEventData": {"LoginTo": "iamtui", "MobileVersion": "No",
                                    "MFAUsed": "Yes" if self.mfa_used else "No"},
        })
        if error:
            failed = isinstance(error, (WrongCredentials, TooManyAttempts))
            entry["errorMessage"] = "Failed authentication" if failed else error.message
        return entry
