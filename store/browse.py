"""What the app's panes list: one row per user, group, role or managed policy, with the
columns a person scans for (shared/SCREENS.md), worked out from one view of the account
and kept until the account changes, so a 10,000-user pane paints at once.

Listing is authorized as the console's own List call would be (iam:ListUsers on the
users' path, and so on): a caller who may not list sees AWS's AccessDenied instead of
the rows (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_permissions-required.html).
"""

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .authorize import authorize
from .operations import OPERATIONS
from .ops.policies import usage
from .principals import Identity

KINDS = ("user", "group", "role", "policy")

COLUMNS = {
    "user": ("NAME", "PATH", "GROUPS", "POLICIES", "MFA", "KEYS", "PASSWORD", "CREATED"),
    "group": ("NAME", "PATH", "MEMBERS", "POLICIES", "CREATED"),
    "role": ("NAME", "PATH", "TRUSTED", "POLICIES", "MAX SESSION", "CREATED"),
    "policy": ("NAME", "TYPE", "ATTACHED", "VERSION", "PATH", "UPDATED"),
}

LIST_CALLS = {"user": "ListUsers", "group": "ListGroups", "role": "ListRoles",
              "policy": "ListPolicies"}


@dataclass(frozen=True)
class Row:
    name: str                 # the user / group / role name, or the policy's name
    arn: str                  # what identifies a policy (AWS managed ones share names)
    cells: tuple[str, ...]    # in COLUMNS order, plain text


def rows(account, kind: str, caller: Identity) -> list[Row]:
    """Every entity of ``kind`` as its pane lists it, sorted by name; AccessDenied when
    ``caller`` may not make the List call."""
    spec = OPERATIONS[LIST_CALLS[kind]]
    authorize(account, caller, f"iam:{spec.name}", spec.resource(account, {}), {})
    return account.database.current(("browse", kind), lambda: _ROWS[kind](account))


def _users(account) -> list[Row]:
    groups = {group["GroupId"]: group["GroupName"] for group in account.listing("group")}
    keys = Counter(key["Owner"] for key in account.table("access_keys").all())
    passwords = {profile["Owner"] for profile in account.table("login_profiles").all()}
    with_mfa = {device["Owner"] for device in account.table("mfa_devices").all()
                if device["Owner"]}
    quota = account.quota("AccessKeysPerUserQuota")
    return [Row(user["UserName"], user["Arn"], (
        user["UserName"], user["Path"],
        ", ".join(groups[g] for g in user.get("GroupIds", []) if g in groups),
        str(_policy_count(user)),
        "✓" if user["UserId"] in with_mfa else "✗",
        f"{keys[user['UserId']]}/{quota}",
        "set" if user["UserId"] in passwords else "—",
        _day(user["CreateDate"]))) for user in account.listing("user")]


def _groups(account) -> list[Row]:
    members = Counter(group_id for user in account.listing("user")
                      for group_id in user.get("GroupIds", []))
    return [Row(group["GroupName"], group["Arn"], (
        group["GroupName"], group["Path"], str(members[group["GroupId"]]),
        str(_policy_count(group)), _day(group["CreateDate"])))
        for group in account.listing("group")]


def _roles(account) -> list[Row]:
    return [Row(role["RoleName"], role["Arn"], (
        role["RoleName"], role["Path"], _trusted(role.get("AssumeRolePolicyDocument", "")),
        str(_policy_count(role)), f"{role.get('MaxSessionDuration', 3600) // 3600} h",
        _day(role["CreateDate"]))) for role in account.listing("role")]


def _policies(account) -> list[Row]:
    used = usage(account)
    customer = sorted(account.table("policies").all(), key=lambda p: p["PolicyName"].lower())
    aws = sorted(account.aws_managed_policies(), key=lambda p: p["PolicyName"].lower())
    return [Row(policy["PolicyName"], policy["Arn"], (
        policy["PolicyName"], kind, str(used.attached[policy["Arn"]]),
        policy["DefaultVersionId"], policy["Path"],
        _day(policy.get("UpdateDate") or policy.get("CreateDate") or "")))
        for kind, policies in (("customer", customer), ("AWS managed", aws))
        for policy in policies]


_ROWS = {"user": _users, "group": _groups, "role": _roles, "policy": _policies}


def _policy_count(entity: dict) -> int:
    return len(entity.get("AttachedPolicies", [])) + len(entity.get("InlinePolicies", {}))


@lru_cache(maxsize=1024)
def _trusted(text: str) -> str:
    """Who the trust policy names, shortly: "ec2.amazonaws.com", "accounts.google.com".
    Kept by document text: many roles share a trust policy, and parsing each one anew
    was most of the time of listing 5,000 roles."""
    try:
        statements = json.loads(text).get("Statement", [])
    except (ValueError, AttributeError):
        return "?"
    named = []
    for statement in statements if isinstance(statements, list) else [statements]:
        principal = statement.get("Principal", {}) if isinstance(statement, dict) else {}
        values = principal.values() if isinstance(principal, dict) else [principal]
        for value in values:
            named.extend(value if isinstance(value, list) else [value])
    return ", ".join(dict.fromkeys(str(name).rsplit(":", 1)[-1] if str(name).startswith(
        "arn:") else str(name) for name in named))


def _day(timestamp: str) -> str:
    return timestamp[:10]
