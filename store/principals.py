"""Who makes a call, and everything that decides what they may do: the policies that
apply to them and the context keys AWS fills in for them.

Gathering follows AWS: a user's inline and attached managed policies, those of every
group it is in, and its permissions boundary; a role session's role policies, boundary
and session policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
Context keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
"""

import calendar
import datetime
from dataclasses import dataclass, field

from evaluator import IDENTITY, Bound, Caller, PolicySet, make_context, parse_policy

from .account import Account, default_document
from .errors import NoSuchEntity


@dataclass(frozen=True)
class Identity:
    """A caller: the root user, an IAM user, or an assumed-role session.

    ``session`` carries what a session brings (session policy texts, MFA, issue time).
    """

    kind: str          # "root", "user" or "assumed-role"
    arn: str
    account: str
    name: str = ""     # the user's or the role's name
    session: dict = field(default_factory=dict)

    @property
    def is_root(self) -> bool:
        return self.kind == "root"

    def caller(self, role_arn: str | None = None) -> Caller:
        return Caller.from_arn(self.arn, role_arn=role_arn)


def root(account_id: str) -> Identity:
    return Identity("root", f"arn:aws:iam::{account_id}:root", account_id)


def user_identity(account: Account, name_or_arn: str) -> Identity:
    """The IAM user named, by name or ARN."""
    name = name_or_arn.rsplit("/", 1)[-1] if name_or_arn.startswith("arn:") else name_or_arn
    user = account.find("user", name)
    if user is None or (name_or_arn.startswith("arn:") and user["Arn"] != name_or_arn):
        raise NoSuchEntity(f"The user with name {name_or_arn} cannot be found.")
    return Identity("user", user["Arn"], account.id, user["UserName"])


def policy_set(account: Account, identity: Identity) -> PolicySet:
    """Every identity-side policy that applies to ``identity``, each labelled with where
    it comes from (its SourcePolicyId and SourcePolicyType)."""
    if identity.is_root:
        return PolicySet()
    if identity.kind == "user":
        user = account.get("user", identity.name)
        bounds = policies_of(account, user, "user", user["UserName"])
        for group_id in user.get("GroupIds", []):
            group = account.by_id("group", group_id)
            if group is not None:
                bounds += policies_of(account, group, "group", group["GroupName"])
        return PolicySet(identity=tuple(bounds), boundary=_boundary(account, user))
    role = account.get("role", identity.name)
    session = tuple(Bound(_parse(text), f"SessionPolicy.{i}", "session")
                    for i, text in enumerate(identity.session.get("Policies", ()), 1))
    return PolicySet(identity=tuple(policies_of(account, role, "role", role["RoleName"])),
                     boundary=_boundary(account, role), session=session)


def context_for(account: Account, identity: Identity) -> dict:
    """The global context keys AWS sets for a request by ``identity``."""
    moment = datetime.datetime.now(datetime.timezone.utc)
    keys = {
        "aws:CurrentTime": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "aws:EpochTime": str(calendar.timegm(moment.utctimetuple())),
        "aws:SecureTransport": "true",
        "aws:PrincipalAccount": identity.account,
        "aws:RequestedRegion": "us-east-1",  # IAM is global; AWS signs it in us-east-1
    }
    if identity.is_root:
        keys.update({"aws:PrincipalArn": identity.arn, "aws:PrincipalType": "Account",
                     "aws:userid": identity.account})
    elif identity.kind == "user":
        user = account.get("user", identity.name)
        keys.update({"aws:PrincipalArn": user["Arn"], "aws:PrincipalType": "User",
                     "aws:username": user["UserName"], "aws:userid": user["UserId"]})
        keys.update(_tags("aws:PrincipalTag", user))
    else:
        role = account.get("role", identity.name)
        keys.update({"aws:PrincipalArn": role["Arn"], "aws:PrincipalType": "AssumedRole",
                     "aws:userid": f"{role['RoleId']}:{identity.arn.rsplit('/', 1)[-1]}"})
        keys.update(_tags("aws:PrincipalTag", role))
    keys.update(identity.session.get("Context", {}))
    return make_context(keys)


def policies_of(account: Account, entity: dict, kind: str, name: str) -> list[Bound]:
    bounds = [Bound(_parse(text), f"{kind}_{name}_{policy_name}", kind)
              for policy_name, text in entity.get("InlinePolicies", {}).items()]
    for arn in entity.get("AttachedPolicies", []):
        policy = account.managed_policy(arn)
        if policy is not None:
            source = "aws-managed" if arn.startswith("arn:aws:iam::aws:") else "user-managed"
            bounds.append(Bound(_parse(default_document(policy)), policy["PolicyName"], source))
    return bounds


def _boundary(account: Account, entity: dict) -> tuple[Bound, ...]:
    boundary = entity.get("PermissionsBoundary")
    if not boundary:
        return ()
    policy = account.managed_policy(boundary["PermissionsBoundaryArn"])
    if policy is None:
        return ()
    return (Bound(_parse(default_document(policy)), policy["PolicyName"],
                  "Permissions Boundary Policy"),)


def _tags(prefix: str, entity: dict) -> dict:
    return {f"{prefix}/{tag['Key']}": tag["Value"] for tag in entity.get("Tags", [])}


def _parse(text: str):
    """Stored documents were validated when saved; IAM's own size quotas apply there."""
    return parse_policy(text, IDENTITY, max_length=None)
