"""The policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy.

https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html:
the entity PolicySourceArn names brings its policies — a user its own and its groups'
(and its permissions boundary), a group the group's, a role the role's — beside any
PolicyInputList; a PermissionsBoundaryPolicyInputList replaces the entity's boundary;
CallerArn defaults to the user PolicySourceArn names, and is required with a
ResourcePolicy otherwise. Neither call fills in context keys: the ones policies ask for
and ContextEntries lacks come back as MissingContextValues.

SimulateCustomPolicy is evaluator.simulate's, here as an operation of the store. Both
read nothing but what they are given or the account holds, so writes=False; AWS
authorizes iam:SimulatePrincipalPolicy against the entity and iam:SimulateCustomPolicy
against "*" (Service Authorization Reference for IAM).

Matched statements carry the SourcePolicyType strings AWS's responses show ("IAM
Policy" for every identity-based policy — inline or managed, of the user, its groups or
the role —, "Permissions Boundary Policy", "Resource Policy"), not the PolicySourceType
enum of the API model (user | group | role | aws-managed | user-managed | resource).
"""

from dataclasses import replace

from evaluator import Bound, Match, PolicySet, PolicyValidationError, Request, evaluate
from evaluator import arn as arns
from evaluator.decision import BOUNDARY, IDENTITY, RESOURCE
from evaluator.policy import IDENTITY as IDENTITY_KIND
from evaluator.policy import RESOURCE as RESOURCE_KIND
from evaluator.simulate import (
    SOURCE_TYPES,
    _action,
    _caller,
    _context,
    _owner,
    _page,
    _policy,
    _result,
    simulate_custom_policy,
)

from ..errors import InvalidInput, NoSuchEntity
from ..operations import operation
from ..principals import Identity, _policies_of, policy_set


def _source_resource(account, params) -> str:
    return params.get("PolicySourceArn", "*")


@operation("SimulatePrincipalPolicy", writes=False, resource=_source_resource)
def simulate_principal_policy(account, params, caller):
    try:
        kind, entity, policies = _entity_policies(account, params["PolicySourceArn"])
        extra = tuple(_policy(text, f"PolicyInputList.{i}", IDENTITY_KIND, IDENTITY)
                      for i, text in enumerate(params.get("PolicyInputList") or [], 1))
        boundaries = params.get("PermissionsBoundaryPolicyInputList") or []
        if len(boundaries) > 1:
            raise InvalidInput("You can input only one permissions boundary.")
        boundary = tuple(_policy(text, "PermissionsBoundaryPolicyInputList.1", IDENTITY_KIND,
                                 BOUNDARY) for text in boundaries) or policies.boundary
        resource_policy = None
        if params.get("ResourcePolicy") is not None:
            resource_policy = _policy(params["ResourcePolicy"], "ResourcePolicy",
                                      RESOURCE_KIND, RESOURCE)
        who = params.get("CallerArn") or (entity["Arn"] if kind == "user" else None)
        simulated = _caller(who, resource_policy is not None)
        owner = _owner(params.get("ResourceOwner")) or account.id
        context = _context(params.get("ContextEntries") or [])
        actions = [_action(name, i) for i, name in enumerate(params["ActionNames"])]
    except PolicyValidationError as err:
        raise InvalidInput(str(err)) from None
    policies = PolicySet(identity=policies.identity + extra, boundary=boundary,
                         resource=resource_policy)
    explicit = bool(params.get("ResourceArns"))
    results = []
    for action in actions:
        for resource in params.get("ResourceArns") or ["*"]:
            request = Request(action, resource, simulated, context,
                              arns.account_of(resource) or owner)
            results.append(evaluation_result(request, policies,
                                             evaluate(request, policies), explicit))
    try:
        return _page(results, params.get("MaxItems"), params.get("Marker"))
    except PolicyValidationError as err:
        raise InvalidInput(str(err)) from None


@operation("SimulateCustomPolicy", writes=False)
def simulate_custom(account, params, caller):
    try:
        return simulate_custom_policy(params)
    except PolicyValidationError as err:
        raise InvalidInput(str(err)) from None


def evaluation_result(request: Request, policies: PolicySet, decision, explicit: bool) -> dict:
    """One EvaluationResult as AWS's simulator gives it, its matched statements typed as
    AWS's responses type them; ``explicit``: the resource was named (not "*" by
    default), so missing context keys are reported per resource."""
    matched = tuple(Match(Bound(m.bound.policy, m.bound.source_id,
                                SOURCE_TYPES.get(m.place, m.bound.source_type)),
                          m.statement, m.place) for m in decision.matched)
    return _result(request.action, request.resource, replace(decision, matched=matched),
                   policies, request, explicit)


def _entity_policies(account, arn: str) -> tuple[str, dict, PolicySet]:
    """The user, group or role ``arn`` names in this account, and its policies."""
    parts = arns.split(arn)
    kind = parts[5].partition("/")[0] if parts is not None and parts[2] == "iam" else ""
    entity = account.find(kind, arn.rsplit("/", 1)[-1]) if kind in ("user", "group", "role") \
        else None
    if entity is None or entity["Arn"] != arn:
        raise NoSuchEntity(f"PolicySourceArn {arn} is not a user, group or role of "
                           f"account {account.id}.")
    name = entity[f"{kind.capitalize()}Name"]
    if kind == "group":
        return kind, entity, PolicySet(identity=tuple(_policies_of(account, entity, kind, name)))
    return kind, entity, policy_set(account, Identity(kind, arn, account.id, name))
