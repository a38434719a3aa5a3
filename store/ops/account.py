"""The account as a whole: its alias, its summary, and the snapshot of every user, group,
role and policy (CreateAccountAlias, DeleteAccountAlias, ListAccountAliases,
GetAccountSummary, GetAccountAuthorizationDetails).
https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html (and siblings)."""

from .. import aws_managed
from ..account import DEFAULT_QUOTAS
from ..errors import EntityAlreadyExists, NoSuchEntity
from ..model import service
from ..operations import operation
from .instance_profiles import instance_profiles
from .paging import page
from .policies import usage

# Summary entries with no counterpart in this store, at AWS's values for an account that
# has none of them (API_GetAccountSummary.html; reference_iam-quotas.html).
_FIXED_SUMMARY = {
    "ServerCertificates": 0, "ServerCertificatesQuota": 20,
    "Providers": 0, "MFADevices": 0, "MFADevicesInUse": 0, "AccountMFAEnabled": 0,
    "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0,
    "PolicyVersionsInUseQuota": 10000, "GlobalEndpointTokenVersion": 1,
}

# GetAccountAuthorizationDetails' Filter values, in the order the response lists them,
# and the response list each one's entries go to.
_DETAIL_LISTS = {"User": "UserDetailList", "Group": "GroupDetailList",
                 "Role": "RoleDetailList", "LocalManagedPolicy": "Policies",
                 "AWSManagedPolicy": "Policies"}


# --- the alias ----------------------------------------------------------------------

@operation("CreateAccountAlias")
def create_account_alias(account, params, caller):
    """An account has one alias: a new one replaces it, as AWS does
    (API_CreateAccountAlias.html; console_account-alias.html)."""
    alias = params["AccountAlias"]
    if alias in account.info["AccountAliases"]:
        raise EntityAlreadyExists(f"The account alias {alias} already exists.")
    _set_aliases(account, [alias])
    return {}


@operation("DeleteAccountAlias")
def delete_account_alias(account, params, caller):
    """Names the alias it removes (API_DeleteAccountAlias.html)."""
    alias = params["AccountAlias"]
    if alias not in account.info["AccountAliases"]:
        raise NoSuchEntity(f"The account alias {alias} cannot be found.")
    _set_aliases(account, [])
    return {}


@operation("ListAccountAliases", writes=False)
def list_account_aliases(account, params, caller):
    """The alias, if any, as a list (API_ListAccountAliases.html)."""
    return page(account.info["AccountAliases"], params, "AccountAliases")


def _set_aliases(account, aliases: list[str]) -> None:
    account.info["AccountAliases"] = aliases
    account.replace("account", account.info)


# --- the summary --------------------------------------------------------------------

@operation("GetAccountSummary", writes=False)
def get_account_summary(account, params, caller):
    """Counts of what the account holds, and its quotas (the defaults, raised where the
    account has been granted more)."""
    policies = account.table("policies").all()
    roles = account.listing("role")
    summary = {
        "Users": len(account.listing("user")), "Groups": len(account.listing("group")),
        "Roles": len(roles), "Policies": len(policies),
        "PolicyVersionsInUse": sum(len(p["Versions"]) for p in policies),
        "InstanceProfiles": sum(len(role.get("InstanceProfiles", ())) for role in roles),
        **_FIXED_SUMMARY,
    }
    keys = set(service("iam").shapes["summaryKeyType"]["enum"])
    summary.update({name: account.quota(name) for name in DEFAULT_QUOTAS if name in keys})
    return {"SummaryMap": summary}


# --- the snapshot -------------------------------------------------------------------

@operation("GetAccountAuthorizationDetails", writes=False)
def get_account_authorization_details(account, params, caller):
    """Every entity of the kinds Filter names (all by default) with its policies; AWS
    managed policies only where something uses them. Documents are plain JSON text (AWS
    URL-encodes them; the AWS CLI, like ours, prints them decoded, as JSON). Paged across
    the whole snapshot (API_GetAccountAuthorizationDetails.html). What it prints, an
    account imported (store/account_import.py) prints again."""
    kinds = params.get("Filter") or list(_DETAIL_LISTS)
    use = usage(account)
    items = [(kind, entity) for kind in _DETAIL_LISTS if kind in kinds
             for entity in _entities(account, kind, use)]
    chunk = page(items, params, "Items")  # only the page's entities are detailed
    response = {name: [] for name in _DETAIL_LISTS.values()}
    for kind, entity in chunk.pop("Items"):
        response[_DETAIL_LISTS[kind]].append(_detail(account, kind, entity, use))
    return {**response, **chunk}


def _entities(account, kind: str, use) -> list[dict]:
    """The users, groups, roles (by name) or managed policies of one Filter kind:
    customer managed ones (all of them), or the AWS managed ones in use (the account's
    own copies where it has them)."""
    if kind in ("User", "Group", "Role"):
        return account.listing(kind.lower())
    if kind == "LocalManagedPolicy":
        policies = account.table("policies").all()
    else:
        found = (account.managed_policy(arn) for arn in set(use.attached) | set(use.bounding)
                 if arn.startswith(aws_managed.PREFIX))
        policies = [policy for policy in found if policy is not None]
    return sorted(policies, key=lambda p: p["PolicyName"].lower())


def _detail(account, kind: str, entity: dict, use) -> dict:
    if kind == "User":
        return _user_detail(account, entity)
    if kind == "Group":
        return _entity_detail(account, entity, "GroupPolicyList")
    if kind == "Role":
        return _role_detail(account, entity)
    # a managed policy: every version's document, newest first as AWS lists them
    return {**use.counted(entity), "PolicyVersionList": entity["Versions"][::-1]}


def _entity_detail(account, entity: dict, inline_key: str) -> dict:
    """What users, groups and roles share: the entity, its inline policies under
    ``inline_key``, and its attached managed policies."""
    attached = []
    for arn in entity.get("AttachedPolicies", []):
        policy = account.managed_policy(arn)
        if policy is not None:
            attached.append({"PolicyName": policy["PolicyName"], "PolicyArn": arn})
    inline = [{"PolicyName": name, "PolicyDocument": text}
              for name, text in entity.get("InlinePolicies", {}).items()]
    return {**entity, inline_key: inline, "AttachedManagedPolicies": attached}


def _user_detail(account, user: dict) -> dict:
    groups = [account.by_id("group", group_id) for group_id in user.get("GroupIds", [])]
    return {**_entity_detail(account, user, "UserPolicyList"),
            "GroupList": [group["GroupName"] for group in groups if group is not None]}


def _role_detail(account, role: dict) -> dict:
    """Roles add their trust policy, instance profiles and last use."""
    return {**_entity_detail(account, role, "RolePolicyList"),
            "InstanceProfileList": instance_profiles(role),
            "RoleLastUsed": role.get("RoleLastUsed", {})}

