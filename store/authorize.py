"""May this caller make this call? The root user may do anything in its account; anyone
else is asked of the evaluator exactly as AWS would ask it, and refused in AWS's words."""

from evaluator import EXPLICIT_DENY, Request, evaluate, make_context

from .errors import AccessDenied
from .principals import Identity, context_for, policy_set

def authorize(account, identity: Identity, action: str, resource: str,
              request_context: dict) -> None:
    """Raise AccessDenied unless ``identity`` may do ``action`` on ``resource``."""
    if identity.is_root and identity.account == account.id:
        return
    policies = policy_set(account, identity)
    context = context_for(account, identity)
    context.update(make_context(request_context))
    role_arn = None
    if identity.kind == "assumed-role":
        role_arn = account.get("role", identity.name)["Arn"]
    request = Request(action, resource, identity.caller(role_arn), context, account.id)
    decision = evaluate(request, policies, explain=False)
    if decision.allowed:
        return
    message = (f"User: {identity.arn} is not authorized to perform: {action} "
               f"on resource: {resource}")
    if decision.decision == EXPLICIT_DENY:
        message += f" with an explicit deny in {_DENY_PLACES[decision.step]}"
    else:
        message += f" because no {_ALLOW_PLACES[decision.step]} allows the {action} action"
    raise AccessDenied(message)


# AWS's words for where a Deny was, and for what failed to allow
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
_DENY_PLACES = {"identity": "an identity-based policy", "boundary": "a permissions boundary",
                "session": "a session policy", "scp": "a service control policy",
                "rcp": "a resource control policy", "resource": "a resource-based policy"}
_ALLOW_PLACES = {"identity": "identity-based policy", "boundary": "permissions boundary",
                 "session": "session policy", "scp": "service control policy",
                 "rcp": "resource control policy", "resource": "resource-based policy"}
