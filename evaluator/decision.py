"""The decision: may this request go ahead, given these policies — and why.

Follows AWS's policy evaluation logic
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):

1. Deny evaluation: an applicable Deny in any policy wins.
2. RCPs, then SCPs: when present, one must allow.
3. Resource-based policy (same account): an Allow that names the caller itself (a user,
   a role session, a federated session) is enough on its own; one that names the role
   still needs the boundary and session policies; one that names only the account
   delegates to the identity policies
   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
   "Resource-based policies" and its per-principal paragraphs).
4. Identity-based policies must allow (the root user needs none in its own account).
5. A permissions boundary, when present, must allow.
6. Session policies, when present, must allow.
Cross-account requests need both sides: the caller's identity policies and the
resource owner's resource-based policy
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
"""

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from .policy import Policy, Statement
from .principals import ACCOUNT, DIRECT, ROLE
from .request import Request

ALLOWED = "allowed"
EXPLICIT_DENY = "explicitDeny"
IMPLICIT_DENY = "implicitDeny"

# The places a policy can apply from, in the order AWS's flow consults them.
RCP, SCP, RESOURCE, IDENTITY, BOUNDARY, SESSION = (
    "rcp", "scp", "resource", "identity", "boundary", "session")
_ORDER = (RCP, SCP, RESOURCE, IDENTITY, BOUNDARY, SESSION)


@dataclass(frozen=True, slots=True)
class Bound:
    """A policy where it applies: ``source_id`` and ``source_type`` say which policy it
    is to a person (``PolicyInputList.1`` / ``IAM Policy``, ``S3ReadCorp`` / ``group``)."""

    policy: Policy
    source_id: str
    source_type: str = ""


@dataclass(frozen=True)
class PolicySet:
    """Every policy that bears on one request.

    ``resource_account`` owns the resource and its resource-based policy (None: the
    request's). ``resource_must_allow`` is for role trust policies and KMS key policies,
    which must allow whatever the identity side says.
    """

    identity: tuple[Bound, ...] = ()
    resource: Bound | None = None
    boundary: tuple[Bound, ...] = ()
    session: tuple[Bound, ...] = ()
    scps: tuple[Bound, ...] = ()
    rcps: tuple[Bound, ...] = ()
    resource_must_allow: bool = False

    def group(self, name: str) -> tuple[Bound, ...]:
        return self._groups[name]

    @functools.cached_property
    def _groups(self) -> dict:
        return {IDENTITY: self.identity, BOUNDARY: self.boundary, SESSION: self.session,
                SCP: self.scps, RCP: self.rcps,
                RESOURCE: (self.resource,) if self.resource is not None else ()}

    @functools.cached_property
    def present(self) -> tuple[str, ...]:
        """The places that hold at least one policy, in AWS's order."""
        return tuple(place for place in _ORDER if self._groups[place])

    @functools.cached_property
    def _candidates(self) -> dict:
        return {}

    def candidates(self, action: str, resource: str) -> dict:
        """``{(place, allow): ((bound, statement), ...)}``: every statement of every
        policy here whose Action and variable-free Resource match ``action``
        (lower-cased) on ``resource``. Kept per (action, resource): a set of policies
        asked the same question again (the next keystroke, the next principal sharing
        these policies) goes straight to principals and conditions."""
        key = (action, resource)
        table = self._candidates.get(key)
        if table is None:
            table = {}
            for place in self.present:
                for allow in (False, True):
                    table[place, allow] = tuple(
                        (bound, statement)
                        for bound in self._groups[place]
                        for statement in bound.policy.candidates(action, resource)
                        if statement.allow == allow)
            if len(self._candidates) >= 4096:
                self._candidates.clear()
            self._candidates[key] = table
        return table


class Match(NamedTuple):
    """A statement that applied to the request: its action, resource, principal and
    conditions all matched. (A named tuple: immutable, and cheap on the hot path.)"""

    bound: Bound
    statement: Statement
    place: str  # RCP, SCP, RESOURCE, IDENTITY, BOUNDARY or SESSION

    @property
    def allow(self) -> bool:
        return self.statement.allow


@dataclass(frozen=True)
class Decision:
    """The answer and its reasons.

    ``matched`` holds every statement that applied (each effect, every place) when the
    decision was explained, else just the statements the answer rests on.
    ``reason`` says in a sentence which step decided, ``step`` names its place.
    ``missing`` lists the context keys conditions asked for that the request did not
    carry (AWS's MissingContextValues).
    """

    decision: str
    reason: str
    step: str = ""  # the place whose policies decided (RCP ... SESSION)
    matched: tuple[Match, ...] = ()
    missing: tuple[str, ...] = ()
    allowed_by_boundary: bool | None = None
    place_decisions: dict = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        return self.decision == ALLOWED

    def deciding(self) -> tuple[Match, ...]:
        """The statements the decision rests on: the Deny statements of an explicit
        deny, the Allow statements of an allow, none for an implicit deny."""
        if self.decision == EXPLICIT_DENY:
            return tuple(m for m in self.matched if not m.allow)
        if self.decision == ALLOWED:
            return tuple(m for m in self.matched if m.allow)
        return ()


class _Applied:
    """Which statements apply, looked up per place and effect when first needed (or
    all at once, with missing keys, when explaining)."""

    def __init__(self, request: Request, policies: PolicySet, explain: bool):
        self.request = request
        self.policies = policies
        self.table = policies.candidates(request.action.lower(), request.resource)
        self.missing = [] if explain else None
        self.explain = explain
        self.found = {}
        if explain:
            for key in self.table:
                self._lookup(key)

    def denies(self, place) -> list[Match]:
        return self._lookup((place, False))

    def allows(self, place) -> list[Match]:
        return self._lookup((place, True))

    def _lookup(self, key) -> list[Match]:
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = self._scan(key)
        return found

    def _scan(self, key) -> list[Match]:
        candidates = self.table.get(key)
        if not candidates:
            return []
        place, allow = key
        request, missing = self.request, self.missing
        caller, context, resource = request.caller, request.context, request.resource
        # A Deny with NotPrincipal always applies to a principal that has a permissions
        # boundary (access_policies_boundaries.html).
        boundary_deny = not allow and bool(self.policies.boundary)
        # Unexplained, one statement settles a place and effect — except a resource
        # policy's Allows, read whole to learn how closely they name the caller.
        first_only = not self.explain and not (allow and place == RESOURCE)
        found = []
        for bound, statement in candidates:
            principals = statement.principals
            if principals is not None:
                if statement.not_principal:
                    if not boundary_deny and principals.excludes(caller):
                        continue
                elif principals.match(caller) is None:
                    continue
            if statement.resource_varies:
                if missing is not None:
                    missing.extend(statement.missing_resource_keys(context))
                if not statement.matches_resource(resource, context):
                    continue
            if statement.conditions and not statement.conditions_hold(context, missing):
                continue
            found.append(Match(bound, statement, place))
            if first_only:
                break
        return found

    def how_resource_names_caller(self) -> str | None:
        """DIRECT, ROLE or ACCOUNT: the closest way an applicable resource-policy Allow
        names the caller."""
        ranks = {DIRECT: 3, ROLE: 2, ACCOUNT: 1}
        best = None
        for match in self.allows(RESOURCE):
            principals = match.statement.principals
            how = DIRECT if principals is None or match.statement.not_principal \
                else principals.match(self.request.caller)
            if best is None or ranks[how] > ranks[best]:
                best = how
        return best

    def matched(self) -> tuple[Match, ...]:
        return tuple(m for key in self.table for m in self.found.get(key, ()))


def evaluate(request: Request, policies: PolicySet, explain: bool = True) -> Decision:
    """Decide ``request`` against ``policies`` as AWS would.

    With ``explain`` every statement is looked at, so the decision lists all that
    applied and every missing context key; without it, evaluation stops as soon as the
    answer is known (the fast path for bulk questions).
    """
    applied = _Applied(request, policies, explain)
    verdict, step, reason = _decide(applied, policies, request)
    boundary = None
    if policies.boundary:
        boundary = bool(applied.allows(BOUNDARY)) and not applied.denies(BOUNDARY)
    missing = ()
    if applied.missing:
        missing = tuple(dict.fromkeys(applied.missing))
    return Decision(verdict, reason, step, applied.matched(), missing, boundary,
                    _place_decisions(applied, policies) if explain else {})


def _decide(applied: _Applied, policies: PolicySet, request: Request) -> tuple[str, str, str]:
    """(decision, the place that decided, why)."""
    for place in policies.present:
        if applied.denies(place):
            return EXPLICIT_DENY, place, f"an explicit Deny in {_PLACE_WORDS[place]} applies"
    for place in (RCP, SCP):
        if policies.group(place) and not applied.allows(place):
            return IMPLICIT_DENY, place, f"no {_PLACE_WORDS[place]} allows it"
    caller = request.caller
    how = applied.how_resource_names_caller() if policies.resource is not None else None
    if request.cross_account or policies.resource_must_allow:
        if how is None:
            where = "the role's trust policy" if policies.resource_must_allow \
                else "the resource owner's resource-based policy"
            return IMPLICIT_DENY, RESOURCE, f"{where} does not allow it"
        how = ACCOUNT if request.cross_account else how
    if how == DIRECT:
        return ALLOWED, RESOURCE, "the resource-based policy allows the caller by name"
    if how != ROLE:
        identity_allows = (caller is not None and caller.is_root) or bool(applied.allows(IDENTITY))
        if not identity_allows:
            return IMPLICIT_DENY, IDENTITY, "no identity-based policy allows it"
    if policies.boundary and not applied.allows(BOUNDARY):
        return IMPLICIT_DENY, BOUNDARY, "the permissions boundary does not allow it"
    if policies.session and not applied.allows(SESSION):
        return IMPLICIT_DENY, SESSION, "no session policy allows it"
    if how == ROLE:
        return ALLOWED, RESOURCE, "the resource-based policy allows the caller's role"
    return ALLOWED, IDENTITY, "an identity-based policy allows it"


_PLACE_WORDS = {
    RCP: "a resource control policy", SCP: "a service control policy",
    RESOURCE: "the resource-based policy", IDENTITY: "an identity-based policy",
    BOUNDARY: "the permissions boundary", SESSION: "a session policy",
}


def _place_decisions(applied: _Applied, policies: PolicySet) -> dict:
    """Each kind of policy's own verdict (for the simulator's EvalDecisionDetails)."""
    out = {}
    for place in policies.present:
        if applied.denies(place):
            out[place] = EXPLICIT_DENY
        else:
            out[place] = ALLOWED if applied.allows(place) else IMPLICIT_DENY
    return out
