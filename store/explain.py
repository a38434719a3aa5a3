"""Why a request is allowed or denied, told so that a newcomer can follow it.

The evaluator's Decision names the statements it rests on; this says which statement
(policy, Sid or number, effect, line) of which policy decided, and how that policy
reaches the principal (attached directly, inline, through a group, its permissions
boundary, the resource's policy, a session policy). An explicit deny also shows what it
overrode; an implicit deny shows the step that failed and the Allow statements that came
closest, with what each lacked. The steps are AWS's policy evaluation logic
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html);
condition keys a request lacks are what AWS's simulator calls MissingContextValues
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html).
"""

from dataclasses import dataclass

from evaluator import ALLOWED, EXPLICIT_DENY, Decision, PolicySet, Request, evaluate
from evaluator.decision import BOUNDARY, IDENTITY, RESOURCE, SESSION

from .analysis import request_for
from .principals import Identity

VERDICTS = {ALLOWED: "ALLOWED", EXPLICIT_DENY: "EXPLICITLY DENIED"}
IMPLICITLY_DENIED = "IMPLICITLY DENIED"
CLOSEST = 3  # how many near misses an implicit deny shows


@dataclass(frozen=True)
class StatementRef:
    """One statement, as a person finds it: ``policy``'s statement ``label`` (its Sid,
    else its number), reaching the principal ``how``. ``source`` and ``place`` are the
    evaluator's names for its policy (Bound.source_id, the place it applies from), which
    store.policy_sources turns into the stored document."""

    policy: str
    label: str
    effect: str
    line: int
    how: str
    source: str
    place: str

    def __str__(self) -> str:
        return (f"statement {self.label} ({self.effect}, line {self.line}) of policy "
                f"{self.policy}, {self.how}")


@dataclass(frozen=True)
class NearMiss:
    """An Allow statement that did not apply, and what it lacked."""

    statement: StatementRef
    lacks: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.statement}: {'; '.join(self.lacks)}"


@dataclass(frozen=True)
class Explanation:
    """The decision and its chain of reasons.

    ``deciding``: the statements the answer rests on. ``overridden``: for an explicit
    deny, the Allows it overrode. ``closest``: for an implicit deny, the near misses.
    """

    decision: Decision
    verdict: str
    reason: str
    deciding: tuple[StatementRef, ...] = ()
    overridden: tuple[StatementRef, ...] = ()
    closest: tuple[NearMiss, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return self.decision.missing

    def lines(self) -> list[str]:
        """The reasons, one a line, in the order a person reads them."""
        out = [f"because {self.reason}" + (":" if self.deciding else ".")]
        out += [f"  - {ref}" for ref in self.deciding]
        if self.overridden:
            out.append("without the Deny, this would have allowed it:")
            out += [f"  - {ref}" for ref in self.overridden]
        if self.closest:
            out.append("closest statements, and what each lacked:")
            out += [f"  - {miss}" for miss in self.closest]
        if self.missing:
            out.append("the request has no value for: " + ", ".join(self.missing))
        return out


def explain(account, identity: Identity, action: str, resource: str,
            context: dict | None = None) -> Explanation:
    """Decide as store.analysis.decide does, and explain the decision."""
    request, policies = request_for(account, identity, action, resource, context)
    return explanation(account, identity, request, policies,
                       evaluate(request, policies, explain=True))


def explanation(account, identity: Identity, request: Request, policies: PolicySet,
                decision: Decision) -> Explanation:
    """``decision`` (made with explain=True) for ``request`` against ``policies``."""
    sources = _sources(account, identity)

    def ref(bound, statement, place) -> StatementRef:
        if place == IDENTITY:
            policy, how = sources.get(bound.source_id, (bound.source_id, "attached"))
        else:
            policy, how = bound.source_id, _ELSEWHERE[place]
        label = statement.sid or f"#{statement.index + 1}"
        return StatementRef(policy, label, statement.effect, statement.start[0], how,
                            bound.source_id, place)

    deciding = tuple(ref(*match) for match in decision.deciding())
    reason = decision.reason
    if identity.is_root and decision.allowed and not deciding:
        reason = "the root user may do anything in its own account"
    if decision.decision == EXPLICIT_DENY:
        overridden = tuple(ref(*m) for m in decision.matched if m.allow)
        return Explanation(decision, VERDICTS[EXPLICIT_DENY], reason, deciding, overridden)
    if decision.allowed:
        return Explanation(decision, VERDICTS[ALLOWED], reason, deciding)
    misses = [NearMiss(ref(bound, statement, decision.step), lacks)
              for bound in policies.group(decision.step)
              if decision.step in (IDENTITY, *_ELSEWHERE)
              for statement in bound.policy.statements if statement.allow
              for lacks in [_lacks(statement, request)] if lacks]
    misses.sort(key=lambda miss: len(miss.lacks))
    return Explanation(decision, IMPLICITLY_DENIED, reason, closest=tuple(misses[:CLOSEST]))


def _lacks(statement, request: Request) -> tuple[str, ...]:
    """What keeps an Allow statement from applying to ``request``."""
    lacks = []
    if not statement.matches_action(request.action.lower()):
        lacks.append(f"it is for other actions than {request.action}")
    if not statement.matches_resource(request.resource, request.context):
        lacks.append(f"it is for other resources than {request.resource}")
    principals = statement.principals
    if principals is not None and (principals.excludes(request.caller)
                                   if statement.not_principal
                                   else principals.match(request.caller) is None):
        lacks.append("its Principal does not name the caller")
    for test in statement.conditions:
        missing = []
        if not test.holds(request.context, missing):
            if test.name in missing:
                lacks.append(f"condition {test.operator} {test.name}: the request has "
                             f"no {test.name}")
            else:
                lacks.append(f"condition {test.operator} {test.name} is not met")
    return tuple(lacks)


# How a policy outside the identity policies reaches the principal.
_ELSEWHERE = {BOUNDARY: "its permissions boundary", RESOURCE: "the resource's own policy",
              SESSION: "a session policy"}


def _sources(account, identity: Identity) -> dict[str, tuple[str, str]]:
    """``{source_id: (policy name, how it applies)}`` for the principal's identity
    policies, labelled as store.principals.policy_set labels them."""
    if identity.is_root:
        return {}
    kind = "user" if identity.kind == "user" else "role"
    entity = account.get(kind, identity.name)
    sources = {}
    for group_id in reversed(entity.get("GroupIds", [])):
        group = account.by_id("group", group_id)
        if group is not None:
            sources.update(_of(account, group, "group", group["GroupName"],
                               f"through group {group['GroupName']}"))
    sources.update(_of(account, entity, kind, identity.name, "attached directly"))
    return sources


def _of(account, entity: dict, kind: str, name: str, attached: str) -> dict:
    inline = f"{attached} (inline)" if kind == "group" else f"inline on {name}"
    found = {f"{kind}_{name}_{policy}": (policy, inline) for policy in entity.get(
        "InlinePolicies", {})}
    for arn in entity.get("AttachedPolicies", []):
        policy = account.managed_policy(arn)
        if policy is not None:
            found[policy["PolicyName"]] = (policy["PolicyName"], attached)
    return found
