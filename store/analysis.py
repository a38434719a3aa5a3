"""Access analysis: may this principal do this action on this resource — decided with
everything AWS would take into account, for any principal the account holds.

Principals are named as a person would: a user or role name, an ARN (user, role,
assumed-role session, root), ``root``, or an access key id. A role is asked about as a
session of that role (roles act only through sessions). Besides the principal's own
policies (store.principals.policy_set), the resource's resource-based policy counts when
the store has one for it (an S3 object falls under its bucket's), and the context keys
AWS fills in for the principal are set, with the ones the person supplies on top.
"""

import weakref

from evaluator import (RESOURCE, Bound, Caller, PolicySet, Request, evaluate, make_context,
                       parse_policy)
from evaluator import arn as arns

from . import aws_managed
from .errors import NoSuchEntity
from .principals import Identity, context_for, policy_set, root, user_identity
from .resources import holder_of, policy_for

SESSION_NAME = "iamtui"  # the session name given to a role asked about by name or ARN


def principal(account, name: str) -> Identity:
    """The principal ``name`` stands for; NoSuchEntity when the account has none."""
    if name == "root" or name == f"arn:aws:iam::{account.id}:root":
        return root(account.id)
    if name.startswith(("AKIA", "ASIA")):
        return _by_access_key(account, name)
    parts = arns.split(name)
    if parts is not None:
        kind, _, rest = parts[5].partition("/")
        if parts[2] == "sts" and kind == "assumed-role":
            role_name, _, session = rest.partition("/")
            return _role_session(account, role_name, session)
        if kind == "role":
            return _role_session(account, rest.rsplit("/", 1)[-1], SESSION_NAME)
        return user_identity(account, name)
    if account.find("user", name) is not None:
        return user_identity(account, name)
    if account.find("role", name) is not None:
        return _role_session(account, name, SESSION_NAME)
    raise NoSuchEntity(f"No user or role named {name} in account {account.id}.")


def request_for(account, identity: Identity, action: str, resource: str,
                context: dict | None = None) -> tuple[Request, PolicySet]:
    """The request AWS would decide, and every policy that bears on it."""
    return Gathering(account, resource, context).request(identity, action)


class Gathering:
    """Requests on one resource with the context keys a person supplied, for any number
    of principals: the resource's policy and owner are read once, and what each principal
    brings (caller, policies, context keys) is kept between calls (see ``_kept``), so
    asking for the next principal costs dictionary lookups."""

    def __init__(self, account, resource: str, context: dict | None = None):
        self.account = account
        self.resource = resource
        self.supplied = make_context(context or {})
        now = context_for(account, root(account.id))  # the clock, read once
        self.clock = {key: now[key] for key in _CLOCK}
        self.text = policy_for(account, resource)
        self.owner = arns.account_of(resource) or account.id
        self.kept = _kept(account)

    def request(self, identity: Identity, action: str) -> tuple[Request, PolicySet]:
        caller, policies = self.policies(identity)
        keys = self._context(identity)
        keys.update(self.supplied)
        return Request(action, self.resource, caller, keys, self.owner), policies

    def _context(self, identity: Identity) -> dict:
        """context_for's keys: kept, but for the clock's, which are this request's."""
        if identity.session:  # a live session's keys (MFA, its age ...): nothing is kept
            return context_for(self.account, identity)
        key = ("context", identity.kind, identity.arn)
        kept = self.kept.get(key)
        if kept is None:
            kept = self.kept[key] = context_for(self.account, identity)
        return {**kept, **self.clock}

    def policies(self, identity: Identity) -> tuple[Caller, PolicySet]:
        """The caller and every policy: the principal's own are kept, and so are they
        with the resource's policy, while that policy's text stays the same."""
        if identity.session:  # a live session brings its own policies: nothing is kept
            caller, own = self._gather(identity)
            return caller, self._with_resource(own)
        own = self.kept.get((identity.kind, identity.arn))
        if own is None:
            own = self.kept[identity.kind, identity.arn] = self._gather(identity)
        if self.text is None:
            return own
        key = (identity.kind, identity.arn, self.resource)
        combined = self.kept.get(key)
        if combined is None or combined[0] != self.text:
            combined = self.kept[key] = (self.text, (own[0], self._with_resource(own[1])))
        return combined[1]

    def _gather(self, identity: Identity) -> tuple[Caller, PolicySet]:
        role_arn = self.account.get("role", identity.name)["Arn"] \
            if identity.kind == "assumed-role" else None
        return identity.caller(role_arn), policy_set(self.account, identity)

    def _with_resource(self, policies: PolicySet) -> PolicySet:
        if self.text is None:
            return policies
        return PolicySet(identity=policies.identity, boundary=policies.boundary,
                         session=policies.session,
                         resource=Bound(parse_policy(self.text, RESOURCE, max_length=None),
                                        holder_of(self.resource), "resource"))


# The context keys that change with time alone (all the others context_for sets come from
# the principal as stored, or from a session, which is never kept).
_CLOCK = ("aws:currenttime", "aws:epochtime")

# What policy_set and the callers are read from: a change to any of them (TinyDB writes a
# changed table as a new object, a reload makes every table new) empties what is kept.
_SOURCES = ("users", "groups", "roles", "policies", aws_managed.TABLE)
_KEEP_AT_MOST = 200_000  # entries kept per store (some per principal and resource asked about)
_kept_by_database = weakref.WeakKeyDictionary()  # Database -> (stamps, {key: kept})


def _kept(account) -> dict:
    """Where principals' callers and policy sets are kept for the account as it stands:
    the same dict until one of _SOURCES changes, then a new, empty one (never stale)."""
    stamps = tuple(account.database.derived("stamp", table, lambda _: object())
                   for table in _SOURCES)
    held = _kept_by_database.get(account.database)
    if held is None or held[0] != stamps or len(held[1]) >= _KEEP_AT_MOST:
        held = _kept_by_database[account.database] = (stamps, {})
    return held[1]


def decide(account, identity: Identity, action: str, resource: str,
           context: dict | None = None, explain: bool = True):
    """The evaluator's Decision for ``identity`` doing ``action`` on ``resource``."""
    request, policies = request_for(account, identity, action, resource, context)
    return evaluate(request, policies, explain=explain)


def role_session(account_id: str, role_name: str, session: str = SESSION_NAME) -> Identity:
    """A session of the role ``role_name`` (as stored: names keep their case)."""
    return Identity("assumed-role",
                    f"arn:aws:sts::{account_id}:assumed-role/{role_name}/{session}",
                    account_id, role_name)


def _role_session(account, role_name: str, session: str) -> Identity:
    return role_session(account.id, account.get("role", role_name)["RoleName"], session)


def _by_access_key(account, key_id: str) -> Identity:
    key = account.lookup("access_keys", "AccessKeyId", key_id) or \
        account.lookup("sessions", "AccessKeyId", key_id)
    if key is None:
        raise NoSuchEntity(f"No access key {key_id} in account {account.id}.")
    if key.get("Kind") == "assumed-role":
        role = account.by_id("role", key["RoleId"])
        return _role_session(account, role["RoleName"], key["SessionName"])
    if key["Owner"] == "root":
        return root(account.id)
    user = account.by_id("user", key["Owner"])
    return Identity("user", user["Arn"], account.id, user["UserName"])
