"""Managed policies and their versions: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy,
CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion,
SetDefaultPolicyVersion, tags.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html (and siblings);
versions: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html

Customer managed policies live in the "policies" table. AWS managed ones (shipped with the
store) can be read and attached, never changed: AWS refuses even the root user.
"""

from collections import Counter
from dataclasses import dataclass

from .. import aws_managed, documents, ids
from ..errors import (AccessDenied, DeleteConflict, EntityAlreadyExists, LimitExceeded,
                      NoSuchEntity)
from ..operations import operation, policy_resource, tag_context
from . import tagging
from .paging import page, under_path

# What ListPolicies leaves out ("IAM resource-listing operations return a subset of the
# available attributes", API_ListPolicies.html) and CreatePolicy does not echo.
_NOT_LISTED = ("Description", "Tags")


@dataclass(frozen=True)
class Usage:
    """How many users, groups and roles have each managed policy (by ARN) attached, and
    how many users and roles use it as their permissions boundary."""

    attached: Counter
    bounding: Counter

    def counted(self, policy: dict) -> dict:
        """``policy`` with its AttachmentCount and PermissionsBoundaryUsageCount."""
        return {**policy, "AttachmentCount": self.attached[policy["Arn"]],
                "PermissionsBoundaryUsageCount": self.bounding[policy["Arn"]]}

    def in_use(self, arn: str) -> bool:
        return bool(self.attached[arn] or self.bounding[arn])


def usage(account) -> Usage:
    """Every attachment and boundary in the account, counted once."""
    attached, bounding = Counter(), Counter()
    for kind in ("user", "group", "role"):
        for entity in account.listing(kind):
            attached.update(entity.get("AttachedPolicies", []))
            if entity.get("PermissionsBoundary"):
                bounding[entity["PermissionsBoundary"]["PermissionsBoundaryArn"]] += 1
    return Usage(attached, bounding)


@operation("CreatePolicy", resource=policy_resource, context=tag_context)
def create_policy(account, params, caller):
    """Policy names are unique in the account, whatever their path (API_CreatePolicy.html)."""
    name, path = params["PolicyName"], params.get("Path") or "/"
    if account.policy_by_name(name) is not None:
        raise EntityAlreadyExists(f"A policy called {name} already exists. "
                                  "Duplicate names are not allowed.")
    account.check_count("policies", "Policies")
    policy = {"PolicyName": name, "PolicyId": ids.unique_id("policy"),
              "Arn": ids.managed_policy_arn(account.id, path, name), "Path": path,
              "CreateDate": account.now, "DefaultVersionId": "v1", "IsAttachable": True,
              "Tags": [], "Versions": [], "NextVersion": 1}
    if params.get("Description"):
        policy["Description"] = params["Description"]
    _add_version(account, policy, params["PolicyDocument"])
    if params.get("Tags"):
        tagging.add(account, policy, params["Tags"])
    account.table("policies").insert(policy)
    created = usage(account).counted(policy)
    created.pop("Description", None)
    return {"Policy": created}


@operation("GetPolicy", writes=False, resource=policy_resource)
def get_policy(account, params, caller):
    """Customer or AWS managed, with its counts (API_GetPolicy.html)."""
    return {"Policy": usage(account).counted(account.get_managed_policy(params["PolicyArn"]))}


@operation("ListPolicies", writes=False)
def list_policies(account, params, caller):
    """Scope All / AWS / Local; OnlyAttached; PolicyUsageFilter lists only the policies
    used that way (attached as permissions, or set as a boundary) (API_ListPolicies.html)."""
    scope = params.get("Scope") or "All"
    candidates = []
    if scope != "Local":
        candidates += account.aws_managed_policies()
    if scope != "AWS":
        candidates += account.table("policies").all()
    use = usage(account)
    listed = []
    for policy in under_path(candidates, params):
        counted = use.counted(policy)
        if _selected(counted, params):
            listed.append({k: v for k, v in counted.items() if k not in _NOT_LISTED})
    listed.sort(key=lambda p: p["PolicyName"].lower())
    return page(listed, params, "Policies")


def _selected(counted: dict, params: dict) -> bool:
    usage_filter = params.get("PolicyUsageFilter")
    if usage_filter == "PermissionsBoundary":
        return counted["PermissionsBoundaryUsageCount"] > 0
    if usage_filter == "PermissionsPolicy" or params.get("OnlyAttached"):
        return counted["AttachmentCount"] > 0
    return True


@operation("DeletePolicy", resource=policy_resource)
def delete_policy(account, params, caller):
    """Refused while attached or a boundary, or while versions other than the default
    remain (API_DeletePolicy.html)."""
    policy = _customer_policy(account, params, caller, "DeletePolicy")
    if usage(account).in_use(policy["Arn"]):
        raise DeleteConflict("Cannot delete a policy attached to entities.")
    if len(policy["Versions"]) > 1:
        raise DeleteConflict("This policy has more than one version. Before you delete a "
                             "policy, you must delete the policy's versions. The default "
                             "version is deleted with the policy.")
    account.table("policies").remove(doc_ids=[policy.doc_id])
    return {}


@operation("CreatePolicyVersion", resource=policy_resource)
def create_policy_version(account, params, caller):
    """Up to VersionsPerPolicyQuota (5) versions; the response carries no Document
    (API_CreatePolicyVersion.html)."""
    policy = _customer_policy(account, params, caller, "CreatePolicyVersion")
    limit = account.quota("VersionsPerPolicyQuota")
    if len(policy["Versions"]) >= limit:
        raise LimitExceeded(f"A managed policy can have up to {limit} versions. Before you "
                            "create a new version, you must delete an existing version.")
    version = _add_version(account, policy, params["PolicyDocument"])
    if params.get("SetAsDefault"):
        _make_default(policy, version["VersionId"])
    account.replace("policies", policy)
    return {"PolicyVersion": _without_document(version)}


@operation("GetPolicyVersion", writes=False, resource=policy_resource)
def get_policy_version(account, params, caller):
    """One version with its document (API_GetPolicyVersion.html)."""
    policy = account.get_managed_policy(params["PolicyArn"])
    return {"PolicyVersion": _version(policy, params["VersionId"])}


@operation("ListPolicyVersions", writes=False, resource=policy_resource)
def list_policy_versions(account, params, caller):
    """Newest first, without documents (API_ListPolicyVersions.html)."""
    policy = account.get_managed_policy(params["PolicyArn"])
    versions = [_without_document(v) for v in reversed(policy["Versions"])]
    return page(versions, params, "Versions")


@operation("DeletePolicyVersion", resource=policy_resource)
def delete_policy_version(account, params, caller):
    """Any version but the default (API_DeletePolicyVersion.html)."""
    policy = _customer_policy(account, params, caller, "DeletePolicyVersion")
    version = _version(policy, params["VersionId"])
    if version["IsDefaultVersion"]:
        raise DeleteConflict("Cannot delete the default version of a policy.")
    policy["Versions"].remove(version)
    account.replace("policies", policy)
    return {}


@operation("SetDefaultPolicyVersion", resource=policy_resource)
def set_default_policy_version(account, params, caller):
    """The version in effect from now on (API_SetDefaultPolicyVersion.html)."""
    policy = _customer_policy(account, params, caller, "SetDefaultPolicyVersion")
    _make_default(policy, _version(policy, params["VersionId"])["VersionId"])
    account.replace("policies", policy)
    return {}


@operation("TagPolicy", resource=policy_resource, context=tag_context)
def tag_policy(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html"""
    policy = _customer_policy(account, params, caller, "TagPolicy")
    tagging.add(account, policy, params["Tags"])
    account.replace("policies", policy)
    return {}


@operation("UntagPolicy", resource=policy_resource)
def untag_policy(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagPolicy.html"""
    policy = _customer_policy(account, params, caller, "UntagPolicy")
    tagging.remove(policy, params["TagKeys"])
    account.replace("policies", policy)
    return {}


@operation("ListPolicyTags", writes=False, resource=policy_resource)
def list_policy_tags(account, params, caller):
    """https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyTags.html"""
    return tagging.listing(account.get_managed_policy(params["PolicyArn"]), params)


# --- the parts ----------------------------------------------------------------------

def _customer_policy(account, params, caller, action: str) -> dict:
    """The customer managed policy a change names. AWS managed policies belong to AWS:
    changing one is AccessDenied, whoever asks."""
    arn = params["PolicyArn"]
    if arn.startswith(aws_managed.PREFIX):
        raise AccessDenied(f"User: {caller.arn} is not authorized to perform: iam:{action} "
                           f"on resource: policy {arn}")
    return account.get_managed_policy(arn)


def _add_version(account, policy: dict, text: str) -> dict:
    """Append the next version (v1, v2, ...; numbers are never reused) holding ``text``,
    checked as IAM checks a managed policy. The first version is the default."""
    version = {"VersionId": f"v{policy['NextVersion']}",
               "Document": documents.checked(text, account, "PolicySizeQuota"),
               "IsDefaultVersion": not policy["Versions"], "CreateDate": account.now}
    policy["Versions"].append(version)
    policy["NextVersion"] += 1
    policy["UpdateDate"] = account.now  # "when the most recent policy version was created"
    return version


def _version(policy: dict, version_id: str) -> dict:
    for version in policy["Versions"]:
        if version["VersionId"] == version_id:
            return version
    raise NoSuchEntity(f"Policy {policy['Arn']} version {version_id} does not exist or is "
                       "not attachable.")


def _make_default(policy: dict, version_id: str) -> None:
    for version in policy["Versions"]:
        version["IsDefaultVersion"] = version["VersionId"] == version_id
    policy["DefaultVersionId"] = version_id


def _without_document(version: dict) -> dict:
    return {k: v for k, v in version.items() if k != "Document"}
