"""The Principal and NotPrincipal elements, and whom they name.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- ``"*"`` is everyone, anonymous callers included; ``{"AWS": "*"}`` every AWS principal.
- An account id, or ``arn:aws:iam::ACCOUNT:root``, names the account: it delegates to
  the account, whose own identity policies must then allow.
- A role ARN matches the role's sessions; a session ARN matches that session.
- Wildcards cannot stand for part of a principal ARN.

How a statement named the caller matters to the decision (resource-based policies
in the same account), so ``match`` answers with one of DIRECT, ROLE, ACCOUNT, or None.
"""

from . import arn as arns

DIRECT = "direct"    # the caller itself: user, session, service, federated, "*"
ROLE = "role"        # the role behind an assumed-role session
ACCOUNT = "account"  # the caller's account

TYPES = ("AWS", "Service", "Federated", "CanonicalUser")


class InvalidPrincipal(ValueError):
    """A Principal value AWS would refuse, in AWS's words."""


class PrincipalSet:
    """A parsed Principal / NotPrincipal value."""

    __slots__ = ("everyone", "names")

    def __init__(self, everyone: bool, names: dict):
        self.everyone = everyone
        self.names = names  # type -> frozenset of values (AWS values normalised)

    @classmethod
    def parse(cls, raw) -> "PrincipalSet":
        if raw == "*":
            return cls(True, {})
        if not isinstance(raw, dict) or not raw:
            raise InvalidPrincipal('Principal must be "*" or an object such as {"AWS": "..."}')
        names = {}
        for kind, values in raw.items():
            if kind not in TYPES:
                raise InvalidPrincipal(
                    f"unknown principal type {kind!r} (one of {', '.join(TYPES)})")
            values = [values] if isinstance(values, str) else values
            if not isinstance(values, list) or not values or \
                    not all(isinstance(v, str) and v for v in values):
                raise InvalidPrincipal(f"{kind} must be a non-empty string or list of strings")
            names[kind] = frozenset(_normalise(kind, value) for value in values)
        return cls(False, names)

    def match(self, caller) -> str | None:
        """How this set names ``caller``: DIRECT, ROLE, ACCOUNT, or None."""
        if self.everyone:
            return DIRECT
        if caller is None:
            return None
        if "*" in self.names.get("AWS", ()) and caller.kind in ("AWS", "Anonymous"):
            return DIRECT  # {"AWS": "*"} is the same as "*" (Principal element page)
        if caller.kind != "AWS":
            values = self.names.get(caller.kind)
            return DIRECT if values and caller.arn in values else None
        values = self.names.get("AWS")
        if not values:
            return None
        if caller.arn in values:
            return DIRECT
        if caller.role_arn and caller.role_arn in values:
            return ROLE
        if caller.account and arns.account_principal(caller.account) in values:
            return ACCOUNT
        return None

    def excludes(self, caller) -> bool:
        """NotPrincipal: the caller is exempt only when every name it is known by is
        listed — for a user its ARN and its account, for a session the session, its
        role and its account (the NotPrincipal page's "specify the account ARN" rule)."""
        if self.everyone:
            return True
        if caller is None:
            return False
        if caller.kind != "AWS":
            return caller.arn in self.names.get(caller.kind, ())
        values = self.names.get("AWS", ())
        if "*" in values:
            return True
        return all(name in values for name in caller.identities())


def _normalise(kind: str, value: str) -> str:
    if kind != "AWS" or value == "*":
        return value
    if arns.is_account_id(value):
        return arns.account_principal(value)
    parts = arns.split(value)
    if parts is None or parts[2] not in ("iam", "sts") or "*" in value or "?" in value:
        if _is_unique_id(value):
            return value
        raise InvalidPrincipal(f'Invalid principal in policy: "AWS":"{value}"')
    return value


def _is_unique_id(value: str) -> bool:
    """A principal's unique id (AIDA..., AROA...), as AWS shows a deleted principal."""
    return len(value) >= 16 and value[:4] in ("AIDA", "AROA", "AGPA") and value.isalnum()
