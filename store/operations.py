"""The registry of operations: each AWS API action the store carries out, with what AWS
authorizes it against (``iam:CreateUser`` on the user's ARN) and the request context
keys it adds (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html)."""

from dataclasses import dataclass
from typing import Callable

from . import ids

OPERATIONS: dict[str, "Operation"] = {}


@dataclass(frozen=True)
class Operation:
    name: str
    service: str
    handler: Callable        # handler(account, params, caller) -> response dict
    writes: bool
    resource: Callable       # resource(account, params) -> the ARN authorized against
    context: Callable | None  # context(account, params) -> request-specific context keys
    self_authorized: bool    # the handler decides who may (AssumeRole's trust policy)
    anonymous: bool          # no credentials: the caller is whoever holds the token


def operation(name: str, *, service: str = "iam", writes: bool = True,
              resource: Callable | None = None, context: Callable | None = None,
              self_authorized: bool = False, anonymous: bool = False):
    """Register ``handler`` as the AWS action ``name``. ``self_authorized``: the handler
    does its own authorization (AssumeRole evaluates the trust policy with the caller's
    policies) or AWS requires none (GetCallerIdentity). ``anonymous``: AWS takes the call
    unsigned (AssumeRoleWithWebIdentity): whatever credentials are at hand are not used."""
    def register(handler):
        OPERATIONS[name] = Operation(name, service, handler, writes, resource or any_resource,
                                     context, self_authorized, anonymous)
        return handler
    return register


def entity_change(kind: str, name: str, **options):
    """Register ``change(account, entity, params)`` as the operation ``name`` on a user,
    group or role: it is given the entity the request names (UserName, GroupName or
    RoleName), which is stored again after it; the response is what ``change`` returns
    (nothing, for most). Authorized on the entity's ARN unless ``options`` say otherwise."""
    name_param = f"{kind.capitalize()}Name"
    options.setdefault("resource", entity_resource(kind, name_param, "Path"))

    def register(change):
        def handler(account, params, caller):
            entity = account.get(kind, params[name_param])
            response = change(account, entity, params)
            account.update(kind, entity)
            return response or {}
        operation(name, **options)(handler)
        return change
    return register


# --- what each operation is authorized against --------------------------------------

def any_resource(account, params) -> str:
    """Actions that take no resource are authorized against ``*``."""
    return "*"


def entity_resource(kind: str, name_param: str, path_param: str | None = None):
    """The ARN of the user / group / role the request names (its stored path, or the
    path the request gives when creating it)."""
    def resource(account, params) -> str:
        name = params.get(name_param, "")
        found = account.find(kind, name) if name else None
        if found is not None:
            return found["Arn"]
        path = params.get(path_param, "/") if path_param else "/"
        return ids.arn(account.id, kind, path or "/", name)
    return resource


def policy_resource(account, params) -> str:
    """The managed policy the request names by ARN, or the one CreatePolicy makes."""
    if "PolicyArn" in params:
        return params["PolicyArn"]
    return ids.managed_policy_arn(account.id, params.get("Path") or "/",
                                  params.get("PolicyName", ""))


def path_resource(kind: str):
    """List operations: every entity of the kind under the requested path prefix."""
    def resource(account, params) -> str:
        return f"arn:aws:iam::{account.id}:{kind}{params.get('PathPrefix') or '/'}*"
    return resource


# --- request context keys -----------------------------------------------------------

def tag_context(account, params) -> dict:
    """aws:RequestTag/KEY and aws:TagKeys for requests that carry Tags."""
    tags = params.get("Tags") or []
    keys = {f"aws:RequestTag/{t['Key']}": t["Value"] for t in tags}
    if tags:
        keys["aws:TagKeys"] = [t["Key"] for t in tags]
    keys.update(boundary_context(account, params))
    return keys


def boundary_context(account, params) -> dict:
    """iam:PermissionsBoundary for requests that set a boundary."""
    boundary = params.get("PermissionsBoundary")
    return {"iam:PermissionsBoundary": boundary} if boundary else {}


def policy_arn_context(account, params) -> dict:
    """iam:PolicyARN for attach and detach."""
    return {"iam:PolicyARN": params["PolicyArn"]} if params.get("PolicyArn") else {}
