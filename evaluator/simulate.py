"""SimulateCustomPolicy: AWS's request shape in, SimulatePolicyResponse out.

The input is what ``aws iam simulate-custom-policy --cli-input-json`` reads; the output
is what the AWS CLI prints for it. Shapes and limits come from the IAM API model
(botocore ``iam/2010-05-08/service-2.json``: SimulateCustomPolicyRequest,
SimulatePolicyResponse); parameter errors are worded as the AWS CLI words them.
Matched statements carry AWS's SourcePolicyId (``PolicyInputList.1``,
``PermissionsBoundaryPolicyInputList.1``, ``ResourcePolicy``) and the SourcePolicyType
strings AWS's responses carry (``IAM Policy``, ``Permissions Boundary Policy``,
``Resource Policy``).
"""

import re
from dataclasses import replace

from . import arn as arns
from .conditions import parse_binary, parse_bool, parse_date, parse_ip, parse_number
from .decision import (ALLOWED, BOUNDARY, EXPLICIT_DENY, IDENTITY, RESOURCE, Bound, Match,
                       PolicySet, evaluate)
from .errors import PolicyValidationError
from .policy import IDENTITY as IDENTITY_KIND
from .policy import RESOURCE as RESOURCE_KIND
from .policy import SIMULATOR_MAX_LENGTH, parse_policy
from .request import CONTEXT_TYPES, Caller, ContextValue, Request

OPERATION = "SimulateCustomPolicy"
_PARAMETERS = ("PolicyInputList", "PermissionsBoundaryPolicyInputList", "ActionNames",
               "ResourceArns", "ResourcePolicy", "ResourceOwner", "CallerArn",
               "ContextEntries", "ResourceHandlingOption", "MaxItems", "Marker")
_REQUIRED = ("PolicyInputList", "ActionNames")
_POLICY_TEXT = re.compile(r"[\t\n\r\u0020-\u00ff]+\Z")
_RESOURCE_HANDLING = ("EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet",
                      "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet")
SOURCE_TYPES = {IDENTITY: "IAM Policy", BOUNDARY: "Permissions Boundary Policy",
                RESOURCE: "Resource Policy"}
_CHECK_VALUE = {"numeric": parse_number, "boolean": parse_bool, "ip": parse_ip,
                "binary": parse_binary, "date": parse_date}


class InvalidInput(PolicyValidationError):
    """The request is not one AWS would take (AWS's InvalidInput error)."""

    code = "InvalidInput"


class ParameterValidation(PolicyValidationError):
    """The AWS CLI would refuse the parameters before sending them."""

    code = "ParamValidation"


def simulate_custom_policy(params) -> dict:
    """Answer a SimulateCustomPolicy request; raise InvalidInput / ParameterValidation."""
    _check_shape(params)
    return simulate(params)


def simulate(params: dict, identity: tuple = (), boundary: tuple = (),
             caller_arn: str | None = None, owner: str | None = None) -> dict:
    """The simulator both SimulateCustomPolicy and SimulatePrincipalPolicy are: the
    ``identity`` policies an entity brings (none for a custom simulation) plus the
    request's PolicyInputList; the request's permissions boundary instead of
    ``boundary`` when it gives one; CallerArn, else ``caller_arn``; ResourceOwner, else
    ``owner``. One EvaluationResult per action × resource, paged."""
    identity = identity + tuple(
        _policy(text, f"PolicyInputList.{i}", IDENTITY_KIND, IDENTITY)
        for i, text in enumerate(params.get("PolicyInputList") or [], 1))
    boundaries = params.get("PermissionsBoundaryPolicyInputList") or []
    if len(boundaries) > 1:
        raise InvalidInput("You can input only one permissions boundary "
                           "(PermissionsBoundaryPolicyInputList has "
                           f"{len(boundaries)}).")
    if boundaries:
        boundary = (_policy(boundaries[0], "PermissionsBoundaryPolicyInputList.1",
                            IDENTITY_KIND, BOUNDARY),)
    resource_policy = None
    if params.get("ResourcePolicy") is not None:
        resource_policy = _policy(params["ResourcePolicy"], "ResourcePolicy", RESOURCE_KIND,
                                  RESOURCE)
    caller = _caller(params.get("CallerArn") or caller_arn, resource_policy is not None)
    owner = _owner(params.get("ResourceOwner")) or owner
    context = context_entries(params.get("ContextEntries") or [])
    actions = [_action(name, i) for i, name in enumerate(params["ActionNames"])]
    explicit_resources = bool(params.get("ResourceArns"))
    resources = params.get("ResourceArns") or ["*"]
    handling = params.get("ResourceHandlingOption")
    if handling is not None and handling not in _RESOURCE_HANDLING:
        raise InvalidInput(f"ResourceHandlingOption {handling!r} is not one of "
                           f"{', '.join(_RESOURCE_HANDLING)}.")
    policies = PolicySet(identity=identity, resource=resource_policy, boundary=boundary)
    results = []
    for action in actions:
        for resource in resources:
            account = arns.account_of(resource) or owner or (caller.account if caller else None)
            request = Request(action, resource, caller, context, account)
            results.append(evaluation_result(request, policies, evaluate(request, policies),
                                             explicit_resources))
    return _page(results, params.get("MaxItems"), params.get("Marker"))


def evaluation_result(request: Request, policies: PolicySet, decision,
                      explicit_resource: bool) -> dict:
    """One EvaluationResult for ``decision``, its matched statements typed as AWS's
    responses type them (by where each policy applies); ``explicit_resource``: the
    resource was named, so missing context keys are reported per resource."""
    matched = tuple(Match(Bound(m.bound.policy, m.bound.source_id,
                                SOURCE_TYPES.get(m.place, m.bound.source_type)),
                          m.statement, m.place) for m in decision.matched)
    return _result(request.action, request.resource, replace(decision, matched=matched),
                   policies, request, explicit_resource)


def _check_shape(params):
    if not isinstance(params, dict):
        raise ParameterValidation("Parameter validation failed:\nthe input must be a JSON object")
    problems = []
    for name in params:
        if name not in _PARAMETERS:
            problems.append(f'Unknown parameter in input: "{name}", must be one of: '
                            + ", ".join(_PARAMETERS))
    for name in _REQUIRED:
        if name not in params:
            problems.append(f'Missing required parameter in input: "{name}"')
    for name in ("PolicyInputList", "PermissionsBoundaryPolicyInputList", "ActionNames",
                 "ResourceArns"):
        problems.extend(_string_list(params, name))
    for name in ("ResourcePolicy", "ResourceOwner", "CallerArn", "ResourceHandlingOption",
                 "Marker"):
        if name in params and not isinstance(params[name], str):
            problems.append(_wrong_type(name, params[name], "str"))
    if "MaxItems" in params and (not isinstance(params["MaxItems"], int)
                                 or isinstance(params["MaxItems"], bool)):
        problems.append(_wrong_type("MaxItems", params["MaxItems"], "int"))
    entries = params.get("ContextEntries")
    if entries is not None:
        if not isinstance(entries, list):
            problems.append(_wrong_type("ContextEntries", entries, "list, tuple"))
        else:
            for i, entry in enumerate(entries):
                problems.extend(_entry_shape(entry, f"ContextEntries[{i}]"))
    if problems:
        raise ParameterValidation("Parameter validation failed:\n" + "\n".join(problems))


def _string_list(params, name):
    if name not in params:
        return []
    value = params[name]
    if not isinstance(value, list):
        return [_wrong_type(name, value, "list, tuple")]
    return [_wrong_type(f"{name}[{i}]", item, "str")
            for i, item in enumerate(value) if not isinstance(item, str)]


def _entry_shape(entry, where):
    if not isinstance(entry, dict):
        return [_wrong_type(where, entry, "dict")]
    problems = [f'Unknown parameter in {where}: "{key}", must be one of: '
                "ContextKeyName, ContextKeyValues, ContextKeyType"
                for key in entry if key not in ("ContextKeyName", "ContextKeyValues",
                                                "ContextKeyType")]
    for key, kind in (("ContextKeyName", "str"), ("ContextKeyType", "str")):
        if key in entry and not isinstance(entry[key], str):
            problems.append(_wrong_type(f"{where}.{key}", entry[key], kind))
    values = entry.get("ContextKeyValues")
    if values is not None:
        if not isinstance(values, list):
            problems.append(_wrong_type(f"{where}.ContextKeyValues", values, "list, tuple"))
        else:
            problems.extend(_wrong_type(f"{where}.ContextKeyValues[{i}]", v, "str")
                            for i, v in enumerate(values) if not isinstance(v, str))
    return problems


def _wrong_type(name, value, valid):
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return (f"Invalid type for parameter {name}, value: {shown}, "
            f"type: {type(value).__name__}, valid types: {valid}")


def _policy(text, source_id, kind, place) -> Bound:
    if not text:
        raise InvalidInput(f"{source_id}: the policy document is empty.")
    if len(text) > SIMULATOR_MAX_LENGTH:
        raise InvalidInput(f"{source_id}: the policy document is {len(text):,} characters; "
                           f"the limit is {SIMULATOR_MAX_LENGTH:,}.")
    if not _POLICY_TEXT.match(text):
        bad = next(ch for ch in text if not _POLICY_TEXT.match(ch))
        raise InvalidInput(f"{source_id}: the policy document contains {bad!r}; AWS takes "
                           "printable Latin-1 characters, tab, line feed and carriage return.")
    try:
        policy = parse_policy(text, kind)
    except PolicyValidationError as err:
        path = f"{source_id}: {err.path}" if err.path else source_id
        raise InvalidInput(err.message, path, err.line, err.column) from None
    return Bound(policy, source_id, SOURCE_TYPES[place])


def _caller(caller_arn, have_resource_policy) -> Caller | None:
    if caller_arn is None:
        if have_resource_policy:
            raise InvalidInput("CallerArn is required if you include a ResourcePolicy, so "
                               "that the policy's Principal element has a value to use.")
        return None
    parts = arns.split(caller_arn)
    if parts is None or parts[2] != "iam" or not parts[5].startswith("user/") \
            or arns.account_of(caller_arn) is None:
        raise InvalidInput(f"Invalid caller {caller_arn!r} - CallerArn must be the ARN of "
                           "an IAM user (arn:aws:iam::123456789012:user/NAME).")
    return Caller.from_arn(caller_arn)


def _owner(owner) -> str | None:
    if owner is None:
        return None
    if arns.is_account_id(owner):
        return owner
    account = arns.account_of(owner)
    if account is None or owner != arns.account_principal(account):
        raise InvalidInput(f"Invalid ResourceOwner {owner!r} - expected an account ARN "
                           "such as arn:aws:iam::112233445566:root.")
    return account


def _action(name, index) -> str:
    if len(name) < 3 or len(name) > 128:
        raise ParameterValidation(f"Parameter validation failed:\nInvalid length for "
                                  f"parameter ActionNames[{index}], value: {len(name)}, "
                                  "valid min length: 3, max length: 128")
    service, colon, operation = name.partition(":")
    if not colon or not service or not operation:
        raise InvalidInput(f"ActionNames[{index}]: {name!r} must include the service "
                           "identifier, such as iam:CreateUser.")
    if "*" in name or "?" in name:
        raise InvalidInput(f"ActionNames[{index}]: {name!r} - the simulator does not "
                           "support wildcards in an action name.")
    return name


def context_entries(entries) -> dict:
    """ContextEntries (ContextKeyName, ContextKeyValues, ContextKeyType) as a request
    context, each value checked against its type; InvalidInput otherwise."""
    context = {}
    for i, entry in enumerate(entries):
        where = f"ContextEntries[{i}]"
        name = entry.get("ContextKeyName")
        kind = entry.get("ContextKeyType")
        values = entry.get("ContextKeyValues")
        if name is None or kind is None or values is None:
            raise InvalidInput(f"{where}: ContextKeyName, ContextKeyValues and "
                               "ContextKeyType are all required.")
        if not 5 <= len(name) <= 256:
            raise InvalidInput(f"{where}: ContextKeyName must be 5 to 256 characters.")
        if kind not in CONTEXT_TYPES:
            raise InvalidInput(f"{where}: ContextKeyType {kind!r} is not one of "
                               f"{', '.join(CONTEXT_TYPES)}.")
        multivalued = kind.endswith("List")
        if not multivalued and len(values) != 1:
            raise InvalidInput(f"{where}: a {kind} key takes one value; "
                               f"use {kind}List for several.")
        check = _CHECK_VALUE.get(kind.removesuffix("List"))
        for value in values:
            if check is not None and check(value) is None:
                raise InvalidInput(f"{where}: {value!r} is not a valid {kind.removesuffix('List')} "
                                   f"value for {name}.")
        context[name.lower()] = ContextValue(tuple(values), multivalued, kind)
    return context


def _result(action, resource, decision, policies, request, explicit_resources) -> dict:
    if decision.decision == EXPLICIT_DENY:
        shown = decision.matched  # AWS lists the deny together with the allows it overrode
    elif decision.decision == ALLOWED:
        shown = decision.deciding()
    else:
        shown = ()
    statements = [_statement(match) for match in shown]
    missing = list(decision.missing)
    result = {
        "EvalActionName": action,
        "EvalResourceName": resource,
        "EvalDecision": decision.decision,
        "MatchedStatements": statements,
        # with listed resources, AWS reports missing keys per resource instead
        "MissingContextValues": [] if explicit_resources else missing,
    }
    if policies.boundary:
        result["PermissionsBoundaryDecisionDetail"] = {
            "AllowedByPermissionsBoundary": bool(decision.allowed_by_boundary)}
    if policies.resource is not None and resource != "*":
        details = {}
        if request.cross_account:
            details = {SOURCE_TYPES[place]: verdict
                       for place, verdict in decision.place_decisions.items()
                       if place in SOURCE_TYPES}
        result["EvalDecisionDetails"] = details
    if explicit_resources:
        specific = {
            "EvalResourceName": resource,
            "EvalResourceDecision": decision.decision,
            "MatchedStatements": statements,
            "MissingContextValues": missing,
        }
        for key in ("EvalDecisionDetails", "PermissionsBoundaryDecisionDetail"):
            if key in result:
                specific[key] = result[key]
        result["ResourceSpecificResults"] = [specific]
    return result


def _statement(match) -> dict:
    statement = match.statement
    return {
        "SourcePolicyId": match.bound.source_id,
        "SourcePolicyType": match.bound.source_type,
        "StartPosition": {"Line": statement.start[0], "Column": statement.start[1]},
        "EndPosition": {"Line": statement.end[0], "Column": statement.end[1]},
    }


def _page(results, max_items, marker) -> dict:
    if max_items is not None and not 1 <= max_items <= 1000:
        raise ParameterValidation("Parameter validation failed:\nInvalid value for parameter "
                                  f"MaxItems, value: {max_items}, valid min value: 1")
    size = max_items or 100
    start = 0
    if marker is not None:
        if not marker.isdigit() or int(marker) > len(results):
            raise InvalidInput(f"Invalid Marker {marker!r}: use the Marker of a previous response.")
        start = int(marker)
    page = results[start:start + size]
    response = {"EvaluationResults": page, "IsTruncated": start + size < len(results)}
    if response["IsTruncated"]:
        response["Marker"] = str(start + size)
    return response
