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

from evaluator import Bound, PolicySet, PolicyValidationError
from evaluator import arn as arns
from evaluator.decision import BOUNDARY, IDENTITY
from evaluator.simulate import SOURCE_TYPES, simulate, simulate_custom_policy

from ..errors import InvalidInput, NoSuchEntity
from ..operations import operation
from ..principals import Identity, policies_of, policy_set


def _source_resource(account, params) -> str:
    return params.get("PolicySourceArn", "*")


@operation("SimulatePrincipalPolicy", writes=False, resource=_source_resource)
def simulate_principal_policy(account, params, caller):
    kind, entity, policies = _entity_policies(account, params["PolicySourceArn"])
    try:
        return simulate(params, identity=tuple(_as_aws_types(b, IDENTITY)
                                                for b in policies.identity),
                        boundary=tuple(_as_aws_types(b, BOUNDARY) for b in policies.boundary),
                        caller_arn=entity["Arn"] if kind == "user" else None,
                        owner=account.id)
    except PolicyValidationError as err:
        raise InvalidInput(str(err)) from None


@operation("SimulateCustomPolicy", writes=False)
def simulate_custom(account, params, caller):
    try:
        return simulate_custom_policy(params)
    except PolicyValidationError as err:
        raise InvalidInput(str(err)) from None


def _as_aws_types(bound: Bound, place: str) -> Bound:
    """The policy labelled with the SourcePolicyType AWS's responses show for it."""
    return Bound(bound.policy, bound.source_id, SOURCE_TYPES[place])


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
        return kind, entity, PolicySet(identity=tuple(policies_of(account, entity, kind, name)))
    return kind, entity, policy_set(account, Identity(kind, arn, account.id, name))
