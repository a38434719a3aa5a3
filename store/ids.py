"""Identifiers as AWS makes them: account ids, unique ids with their type prefixes, ARNs.
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html)"""

import datetime
import secrets

# Unique-id prefixes (reference_identifiers.html, "Understand unique ID prefixes").
PREFIXES = {"user": "AIDA", "group": "AGPA", "role": "AROA", "policy": "ANPA",
            "access-key": "AKIA", "session-key": "ASIA", "instance-profile": "AIPA",
            "ssh-key": "APKA"}
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # AWS's ids use upper-case base32


def unique_id(kind: str) -> str:
    """``AIDA`` + 17 characters, as AWS's 21-character ids."""
    return PREFIXES[kind] + "".join(secrets.choice(_ALPHABET) for _ in range(17))


def account_id() -> str:
    return str(secrets.randbelow(9 * 10**11) + 10**11)


def arn(account: str, kind: str, path: str, name: str) -> str:
    """``arn:aws:iam::ACCOUNT:user/PATH/NAME`` (path is ``/`` or ``/a/b/``)."""
    return f"arn:aws:iam::{account}:{kind}{path}{name}"


def managed_policy_arn(account: str, path: str, name: str) -> str:
    return arn(account, "policy", path, name)


def now() -> str:
    """The current time as AWS's JSON shows it: ISO 8601, UTC, whole seconds."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
