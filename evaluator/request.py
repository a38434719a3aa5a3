"""A request to decide: who asks (the caller), which action, on which resource, with
which context keys."""

from dataclasses import dataclass, field

from . import arn as arns

# ContextKeyType values of the simulator API; the *List types are multivalued.
CONTEXT_TYPES = ("string", "stringList", "numeric", "numericList", "boolean", "booleanList",
                 "ip", "ipList", "binary", "binaryList", "date", "dateList")


@dataclass(frozen=True, slots=True)
class ContextValue:
    """A context key's values, as text (operators read them as they need), and whether
    the key is multivalued (a set, such as aws:TagKeys) or single-valued."""

    values: tuple[str, ...]
    multivalued: bool = False
    type: str = "string"


def context_value(value) -> ContextValue:
    """A ContextValue from a plain Python value: a list is multivalued, anything else
    single-valued; booleans read as true/false as AWS writes them."""
    def text(v):
        return ("true" if v else "false") if isinstance(v, bool) else str(v)
    if isinstance(value, ContextValue):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return ContextValue(tuple(text(v) for v in value), True, "stringList")
    return ContextValue((text(value),))


def make_context(pairs=None) -> dict:
    """A request context from ``{key: value}``: keys are case-insensitive, so stored
    lower-cased (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html)."""
    return {key.lower(): context_value(value) for key, value in (pairs or {}).items()}


@dataclass(frozen=True, slots=True)
class Caller:
    """The principal making the request.

    ``kind`` is the Principal element's type it answers to: ``AWS`` (root, users, roles,
    role sessions), ``Service``, ``Federated``, ``CanonicalUser``, or ``Anonymous``.
    For an assumed-role session, ``role_arn`` is the IAM role behind it, which a
    Principal element naming the role also matches.
    """

    arn: str
    kind: str = "AWS"
    account: str | None = None
    role_arn: str | None = None

    @classmethod
    def from_arn(cls, arn: str, role_arn: str | None = None) -> "Caller":
        """A caller from an IAM or STS ARN; an assumed-role session gets its role."""
        account = arns.account_of(arn)
        parts = arns.split(arn)
        session = parts and parts[2] == "sts" and parts[5].startswith("assumed-role/")
        if role_arn is None and session:
            role_name = parts[5].split("/")[1]
            role_arn = f"arn:{parts[1]}:iam::{parts[4]}:role/{role_name}"
        return cls(arn, "AWS", account, role_arn)

    @property
    def is_root(self) -> bool:
        """Whether this is an account's root user (``arn:PARTITION:iam::ACCOUNT:root``)."""
        return self.account is not None and self.arn.endswith(f"::{self.account}:root")

    def identities(self) -> tuple[str, ...]:
        """Every ARN this caller is known by in a Principal element: its own, its
        role's (for a session), and its account's."""
        names = [self.arn]
        if self.role_arn:
            names.append(self.role_arn)
        if self.account and not self.is_root:
            names.append(arns.account_principal(self.account))
        return tuple(names)


@dataclass(frozen=True, slots=True)
class Request:
    """What is asked: may ``caller`` do ``action`` on ``resource`` given ``context``?

    ``resource_account`` is the account that owns the resource; None means the caller's
    own account (or unknown, when there is no caller).
    """

    action: str
    resource: str = "*"
    caller: Caller | None = None
    context: dict = field(default_factory=dict)
    resource_account: str | None = None

    @property
    def cross_account(self) -> bool:
        return (self.caller is not None and self.caller.account is not None
                and self.resource_account is not None
                and self.resource_account != self.caller.account)
