"""STS: GetCallerIdentity, GetSessionToken, AssumeRole, AssumeRoleWithWebIdentity.
https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html

Each authorizes itself: GetCallerIdentity and GetSessionToken need no permission, and the
AssumeRole operations are decided by the role's trust policy together with the caller's
own policies (API_AssumeRole.html: "the role's trust policy acts as an IAM resource-based
policy"). Sessions are made by store.credentials; AssumeRoleWithSAML is not carried out.
"""

import dataclasses
import json
import math
import zlib

from evaluator import (IDENTITY, TRUST, Bound, Caller, PolicySet, PolicyValidationError,
                       Request, evaluate, make_context, parse_policy)

from .. import credentials, federation, mfa
from ..account import default_document
from ..errors import (AccessDenied, MalformedPolicyDocument, PackedPolicyTooLarge, ValidationError)
from ..operations import operation
from ..principals import context_for, policy_set

# API_GetSessionToken.html: "from 900 seconds (15 minutes) up to a maximum of 129,600
# seconds (36 hours), with a default of 43,200 seconds (12 hours). Credentials based on
# account credentials can range from 900 seconds (15 minutes) up to 3,600 seconds (1 hour)"
SESSION_TOKEN_SECONDS = 43_200
ROOT_SESSION_SECONDS = 3_600
# API_AssumeRole.html, DurationSeconds: "By default, the value is set to 3600 seconds."
# id_roles_terms-and-concepts.html: "Role chaining limits your AWS CLI or AWS API role
# session to a maximum of one hour."
ROLE_SESSION_SECONDS = 3_600
CHAINED_SECONDS = 3_600
# "The plaintext that you use for both inline and managed session policies can't exceed
# 2,048 characters." (API_AssumeRole.html)
SESSION_POLICY_LENGTH = 2_048
# The packed (compressed) space for session policies and tags. AWS does not publish it;
# this size puts the example of API_AssumeRole.html (a one-statement policy, two tags)
# at its PackedPolicySize of 8.
PACKED_SPACE = 2_048


@operation("GetCallerIdentity", service="sts", writes=False, self_authorized=True)
def get_caller_identity(account, params, caller):
    """Needs no permission, even against an explicit Deny; UserId is the caller's
    aws:userid: the account id for root, AIDA... for a user, AROA...:SESSION for a role
    session (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html)."""
    user_id = context_for(account, caller)["aws:userid"].values[0]
    return {"UserId": user_id, "Account": caller.account, "Arn": caller.arn}


@operation("GetSessionToken", service="sts", self_authorized=True)
def get_session_token(account, params, caller):
    """Temporary credentials for an IAM user or the root user, with MFA if a code is given.
    "No permissions are required"; it "must be called by using the long-term ... security
    credentials"; a root session lasts at most an hour (a longer request "defaults to one
    hour") (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html)."""
    if caller.session.get("Kind"):
        raise AccessDenied("Cannot call GetSessionToken with session credentials")
    owner = _mfa_owner(account, caller)
    seconds = params.get("DurationSeconds", SESSION_TOKEN_SECONDS)
    if caller.is_root:
        seconds = min(seconds, ROOT_SESSION_SECONDS)
    with_mfa = _mfa_checked(account, owner, params)
    return {"Credentials": credentials.new_session(account, credentials.SESSION_TOKEN, owner,
                                                   seconds, mfa=with_mfa)}


@operation("AssumeRole", service="sts", self_authorized=True)
def assume_role(account, params, caller):
    """A session of the role, if its trust policy (and, unless the trust policy names the
    caller itself, the caller's own policies) allow sts:AssumeRole — and sts:TagSession
    with Tags, sts:SetSourceIdentity with a SourceIdentity
    (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
    id_session-tags.html, id_credentials_temp_control-access_monitor.html)."""
    if caller.is_root:
        raise AccessDenied("Roles may not be assumed by root accounts.")
    role = _role(account, params["RoleArn"])
    with_mfa = _mfa_checked(account, _mfa_owner(account, caller), params)
    context = context_for(account, caller)
    context.update(make_context({**_request_keys(params),
                                 **(_MFA_NOW if with_mfa else {})}))
    actions = ["sts:AssumeRole"]
    if params.get("Tags"):
        actions.append("sts:TagSession")
    if params.get("SourceIdentity"):
        actions.append("sts:SetSourceIdentity")
    role_arn = account.get("role", caller.name)["Arn"] if caller.kind == "assumed-role" else None
    refused = _refused(role, caller.caller(role_arn), actions, context,
                       policy_set(account, caller), account.id)
    if refused:
        raise AccessDenied(f"User: {caller.arn} is not authorized to perform: {refused} "
                           f"on resource: {params['RoleArn']}")
    session_keys = {f"aws:PrincipalTag/{tag['Key']}": tag["Value"]
                    for tag in params.get("Tags", [])}
    source = _source_identity(caller, params)
    if source:
        session_keys["aws:SourceIdentity"] = source
    return _role_session(account, role, params, session_keys,
                         mfa=with_mfa or bool(caller.session.get("MFA")),
                         chained=caller.kind == "assumed-role")


@operation("AssumeRoleWithWebIdentity", service="sts", self_authorized=True, anonymous=True)
def assume_role_with_web_identity(account, params, caller):
    """A session of the role for whoever an OpenID Connect ID token vouches for. Unsigned:
    the token is the caller ("Calling AssumeRoleWithWebIdentity does not require the use of
    Amazon Web Services security credentials"), and the trust policy alone decides, with
    the token's claims as context keys
    (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
    OAuth 2.0 access tokens (ProviderId) cannot be checked offline, so are refused."""
    if params.get("ProviderId"):
        raise federation.InvalidIdentityToken(
            "ProviderId is for OAuth 2.0 access tokens, which iamtui cannot verify; pass an "
            "OpenID Connect ID token without it.")
    identity = federation.verify(account, params["WebIdentityToken"])
    role = _role(account, params["RoleArn"])
    context = make_context({**identity.context(), **_request_keys(params)})
    if _refused(role, Caller(identity.principal, "Federated"),
                ["sts:AssumeRoleWithWebIdentity"], context, PolicySet(), account.id):
        raise AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
    # aws:FederatedProvider: the IdP that issued the session's identity
    # (reference_policies_condition-keys.html#condition-keys-federatedprovider).
    response = _role_session(account, role, params,
                             {"aws:FederatedProvider": identity.principal},
                             mfa=False, chained=False)
    response.update({"SubjectFromWebIdentityToken": identity.subject,
                     "Audience": identity.audience, "Provider": identity.issuer})
    return response


# --- deciding ---------------------------------------------------------------------------

# What a request authenticated with MFA just now carries
# (reference_policies_condition-keys.html: aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge).
_MFA_NOW = {"aws:MultiFactorAuthPresent": True, "aws:MultiFactorAuthAge": 0}


def _role(account, arn: str) -> dict | None:
    """The role ``arn`` names (its path included), or None: AWS answers a role that does not
    exist as it answers one the caller may not assume."""
    role = account.find("role", arn.rsplit("/", 1)[-1])
    return role if role is not None and role["Arn"] == arn else None


def _refused(role: dict | None, who: Caller, actions: list[str], context: dict,
             policies: PolicySet, account_id: str) -> str | None:
    """The first of ``actions`` that ``who`` may not do on ``role``, judged with its trust
    policy as a resource-based policy that must allow."""
    if role is None:
        return actions[0]
    trust = Bound(parse_policy(role["AssumeRolePolicyDocument"], TRUST, max_length=None),
                  "AssumeRolePolicyDocument", "trust policy")
    policies = dataclasses.replace(policies, resource=trust, resource_must_allow=True)
    for action in actions:
        request = Request(action, role["Arn"], who, context, account_id)
        if not evaluate(request, policies, explain=False).allowed:
            return action
    return None


def _request_keys(params: dict) -> dict:
    """The STS keys and request tags a trust policy can test
    (reference_policies_iam-condition-keys.html#condition-keys-sts)."""
    keys = {"sts:RoleSessionName": params["RoleSessionName"]}
    for param, key in (("ExternalId", "sts:ExternalId"), ("SourceIdentity", "sts:SourceIdentity"),
                       ("TransitiveTagKeys", "sts:TransitiveTagKeys")):
        if params.get(param):
            keys[key] = params[param]
    tags = params.get("Tags") or []
    keys.update({f"aws:RequestTag/{tag['Key']}": tag["Value"] for tag in tags})
    if tags:
        keys["aws:TagKeys"] = [tag["Key"] for tag in tags]
    return keys


def _source_identity(caller, params: dict) -> str | None:
    """The session's source identity: the calling session's, which "cannot be changed"
    and "persists across chained role sessions", else the request's
    (API_AssumeRole.html, SourceIdentity)."""
    inherited = caller.session.get("Context", {}).get("aws:SourceIdentity")
    requested = params.get("SourceIdentity")
    if inherited and requested and requested != inherited:
        raise ValidationError(f"The source identity cannot be changed: this session's is "
                              f"{inherited}.")
    return inherited or requested


# --- MFA --------------------------------------------------------------------------------

def _mfa_owner(account, caller) -> str | None:
    """Whose MFA devices a code is checked against: "root", a user's UserId; a role
    session has none."""
    if caller.is_root:
        return "root"
    if caller.kind == "user":
        return account.get("user", caller.name)["UserId"]
    return None


def _mfa_checked(account, owner: str | None, params: dict) -> bool:
    """Whether the request carries an MFA code (SerialNumber and TokenCode), which must be
    a fresh code of the caller's device: "An incorrect MFA code causes the API to return
    an access denied error" (API_GetSessionToken.html)."""
    serial, code = params.get("SerialNumber"), params.get("TokenCode")
    if serial is None and code is None:
        return False
    if not (owner and serial and code and mfa.verify(account, owner, serial, code)):
        raise AccessDenied("MultiFactorAuthentication failed with invalid MFA one time "
                           "pass code.")
    return True


# --- the session ------------------------------------------------------------------------

def _role_session(account, role: dict, params: dict, context: dict, *, mfa: bool,
                  chained: bool) -> dict:
    """The role session AssumeRole* answers with: Credentials, AssumedRoleUser, and
    PackedPolicySize / SourceIdentity when the request set them."""
    seconds = _duration(params, role, chained)
    policies = _session_policies(account, params)
    packed = _packed_size(params)
    name = params["RoleSessionName"]
    response = {
        "Credentials": credentials.new_session(
            account, credentials.ASSUMED_ROLE, role["RoleId"], seconds, mfa=mfa,
            policies=policies, context=context, role=role, session_name=name,
            chained=chained),
        "AssumedRoleUser": {
            "AssumedRoleId": f"{role['RoleId']}:{name}",
            "Arn": f"arn:aws:sts::{account.id}:assumed-role/{role['RoleName']}/{name}"},
    }
    if packed is not None:
        response["PackedPolicySize"] = packed
    if context.get("aws:SourceIdentity"):
        response["SourceIdentity"] = context["aws:SourceIdentity"]
    return response


def _duration(params: dict, role: dict, chained: bool) -> int:
    """DurationSeconds (900 to 43200 by the API model) within the role's
    MaxSessionDuration, and within an hour for role chaining, in AWS's words."""
    seconds = params.get("DurationSeconds", ROLE_SESSION_SECONDS)
    if chained and seconds > CHAINED_SECONDS:
        raise ValidationError("The requested DurationSeconds exceeds the 1 hour session "
                              "limit for roles assumed by role chaining.")
    if seconds > role["MaxSessionDuration"]:
        raise ValidationError("The requested DurationSeconds exceeds the MaxSessionDuration "
                              "set for this role.")
    return seconds


def _session_policies(account, params: dict) -> tuple[str, ...]:
    """The texts of the session policies: Policy, then each of PolicyArns' managed policies
    ("The policies must exist in the same account as the role"). The session may do only
    what its role's policies and these allow."""
    texts = []
    if params.get("Policy") is not None:
        text = params["Policy"]
        if len(text) > SESSION_POLICY_LENGTH:
            raise ValidationError(
                "1 validation error detected: Value at 'policy' failed to satisfy "
                f"constraint: Member must have length less than or equal to "
                f"{SESSION_POLICY_LENGTH}")
        try:
            parse_policy(text, IDENTITY)
        except PolicyValidationError as err:
            raise MalformedPolicyDocument(str(err)) from None
        texts.append(text)
    for descriptor in params.get("PolicyArns", []):
        policy = account.managed_policy(descriptor.get("arn", ""))
        if policy is None:
            raise MalformedPolicyDocument(f"Policy {descriptor.get('arn')} does not exist or "
                                          "is not attachable.")
        texts.append(default_document(policy))
    return tuple(texts)


def _packed_size(params: dict) -> int | None:
    """How much of the packed space the session policies and tags take, in percent
    ("The request fails if the packed size is greater than 100 percent"); None when the
    request passes neither."""
    passed = [params.get("Policy"), [d.get("arn") for d in params.get("PolicyArns", [])],
              [[tag["Key"], tag["Value"]] for tag in params.get("Tags", [])]]
    if not any(passed):
        return None
    packed = zlib.compress(json.dumps(passed, separators=(",", ":")).encode(), 9)
    percent = math.ceil(100 * len(packed) / PACKED_SPACE)
    if percent > 100:
        raise PackedPolicyTooLarge(f"Packed policy consumes {percent}% of allotted space, "
                                   "please use smaller policy for this request.")
    return percent
