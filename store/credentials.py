"""Credentials to callers: access keys (long-term, ``AKIA``) and sessions (temporary,
``ASIA`` + a session token), as AWS authenticates a request signed with them.

Tables: ``access_keys`` {AccessKeyId, SecretDigest, Owner (a user's UserId, or "root"),
Status, CreateDate, LastUsedDate, LastUsedServiceName, LastUsedRegion} and ``sessions``
{AccessKeyId, SecretDigest, TokenDigest, Kind, Owner, IssueTime, Expiration, MFA,
MFAAuthTime, Policies, Context, RoleId, SessionName, Chained}. Secrets are kept only as
digests (store.secrets).
"""

import datetime

from . import secrets
from .errors import AccessDenied, ExpiredToken, InvalidClientTokenId, SignatureDoesNotMatch
from .principals import Identity, root

# Session kinds: what made it.
CONSOLE = "console"              # a sign-in (the app, ``iamtui sign-in``)
SESSION_TOKEN = "session-token"  # sts:GetSessionToken
ASSUMED_ROLE = "assumed-role"    # sts:AssumeRole / AssumeRoleWithWebIdentity


def new_session(account, kind: str, owner: str, seconds: int, *, mfa: bool = False,
                policies: tuple = (), context: dict | None = None, role: dict | None = None,
                session_name: str = "", chained: bool = False) -> dict:
    """Store a session and return its Credentials, as STS returns them (the only time
    the secret and the token are seen). ``owner`` is a UserId, "root", or for an
    assumed role the RoleId."""
    issued = _utc_now()
    credentials = {
        "AccessKeyId": secrets.access_key_id("ASIA"),
        "SecretAccessKey": secrets.secret_access_key(),
        "SessionToken": secrets.session_token(),
        "Expiration": _iso(issued + datetime.timedelta(seconds=seconds)),
    }
    account.table("sessions").insert({
        "AccessKeyId": credentials["AccessKeyId"],
        "SecretDigest": secrets.digest(credentials["SecretAccessKey"]),
        "TokenDigest": secrets.digest(credentials["SessionToken"]),
        "Kind": kind, "Owner": owner, "IssueTime": _iso(issued),
        "Expiration": credentials["Expiration"], "MFA": mfa,
        "MFAAuthTime": _iso(issued) if mfa else None, "Policies": list(policies),
        "Context": context or {}, "RoleId": role["RoleId"] if role else None,
        "SessionName": session_name, "Chained": chained,
    })
    return credentials


def caller(account, access_key_id: str, secret: str, session_token: str | None = None,
           now: datetime.datetime | None = None) -> Identity:
    """The caller these credentials stand for, or AWS's refusal."""
    now = now or _utc_now()
    if access_key_id.startswith("ASIA"):
        return _session_caller(account, access_key_id, secret, session_token, now)
    key = account.lookup("access_keys", "AccessKeyId", access_key_id)
    if key is None or key["Status"] != "Active":
        raise InvalidClientTokenId("The security token included in the request is invalid.")
    if not secrets.digest_matches(key["SecretDigest"], secret):
        raise _signature_mismatch()
    owner = _owner(account, key["Owner"])
    return Identity(owner.kind, owner.arn, owner.account, owner.name,
                    {"AccessKeyId": access_key_id})


def note_key_use(account, access_key_id: str, service: str) -> None:
    """Record when and for what a long-term access key was last used
    (GetAccessKeyLastUsed). AWS records it within hours; here at most once a minute."""
    key = account.lookup("access_keys", "AccessKeyId", access_key_id)
    if key is None:
        return
    last = key.get("LastUsedDate")
    if last and (_utc_now() - datetime.datetime.fromisoformat(last)).total_seconds() < 60 \
            and key.get("LastUsedServiceName") == service:
        return
    key.update({"LastUsedDate": _iso(_utc_now()), "LastUsedServiceName": service,
                "LastUsedRegion": "us-east-1"})
    account.replace("access_keys", key)


def session_allows(identity: Identity, service: str, operation: str) -> None:
    """What a GetSessionToken session may not do: "You cannot call any IAM API operations
    unless MFA authentication information is included in the request. You cannot call
    any AWS STS API except AssumeRole or GetCallerIdentity."
    (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html)"""
    if identity.session.get("Kind") != SESSION_TOKEN:
        return
    if service == "iam" and not identity.session.get("MFA"):
        raise AccessDenied(f"User: {identity.arn} is not authorized to perform: "
                           f"iam:{operation} without MFA: a session from GetSessionToken "
                           "may call IAM only when it was made with an MFA code.")
    if service == "sts" and operation not in ("AssumeRole", "GetCallerIdentity"):
        raise AccessDenied(f"Cannot call {operation} with session credentials")


def _session_caller(account, access_key_id, secret, token, now) -> Identity:
    session = account.lookup("sessions", "AccessKeyId", access_key_id)
    if session is None or not token or not secrets.digest_matches(session["TokenDigest"], token):
        raise InvalidClientTokenId("The security token included in the request is invalid.")
    if not secrets.digest_matches(session["SecretDigest"], secret):
        raise _signature_mismatch()
    if datetime.datetime.fromisoformat(session["Expiration"]) <= now:
        raise ExpiredToken("The security token included in the request is expired")
    context = {"aws:TokenIssueTime": session["IssueTime"].replace("+00:00", "Z"),
               "aws:MultiFactorAuthPresent": "true" if session["MFA"] else "false",
               **session["Context"]}
    if session["MFA"]:
        issued = datetime.datetime.fromisoformat(session["MFAAuthTime"])
        context["aws:MultiFactorAuthAge"] = str(int((now - issued).total_seconds()))
    details = {"Kind": session["Kind"], "MFA": session["MFA"], "Context": context,
               "Policies": tuple(session["Policies"]), "Chained": session["Chained"],
               "Expiration": session["Expiration"], "AccessKeyId": access_key_id}
    if session["Kind"] == ASSUMED_ROLE:
        role = account.by_id("role", session["RoleId"])
        if role is None:
            raise InvalidClientTokenId("The security token included in the request is invalid.")
        arn = f"arn:aws:sts::{account.id}:assumed-role/{role['RoleName']}/{session['SessionName']}"
        return Identity("assumed-role", arn, account.id, role["RoleName"], details)
    owner = _owner(account, session["Owner"])
    return Identity(owner.kind, owner.arn, owner.account, owner.name, details)


def _owner(account, owner: str) -> Identity:
    if owner == "root":
        return root(account.id)
    user = account.by_id("user", owner)
    if user is None:
        raise InvalidClientTokenId("The security token included in the request is invalid.")
    return Identity("user", user["Arn"], account.id, user["UserName"])


def _signature_mismatch():
    return SignatureDoesNotMatch(
        "The request signature we calculated does not match the signature you provided. "
        "Check your AWS Secret Access Key and signing method.")


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat()

