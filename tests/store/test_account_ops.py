"""The account as a whole through the store's API: alias, summary, authorization details.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html,
API_DeleteAccountAlias.html, API_ListAccountAliases.html, API_GetAccountSummary.html,
API_GetAccountAuthorizationDetails.html
"""

import json

import pytest

from store.model import service
from calls import error

ACCOUNT = "123456789012"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def document(action: str = "s3:GetObject") -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*"}]})


TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})


def aliases(store) -> list[str]:
    return store.call("ListAccountAliases")["AccountAliases"]


# --- the alias ----------------------------------------------------------------------

def test_an_account_has_one_alias_and_a_new_one_replaces_it(store):
    assert store.call("ListAccountAliases") == {"AccountAliases": ["demo-corp"],
                                                "IsTruncated": False}
    assert store.call("CreateAccountAlias", {"AccountAlias": "acme-prod"}) == {}
    assert aliases(store) == ["acme-prod"]
    assert store.view().info["AccountAliases"] == ["acme-prod"]


def test_creating_the_alias_the_account_has_is_refused(store):
    err = error(lambda: store.call("CreateAccountAlias", {"AccountAlias": "demo-corp"}))
    assert (err.code, err.message) == ("EntityAlreadyExists",
                                       "The account alias demo-corp already exists.")


def test_delete_account_alias(store):
    err = error(lambda: store.call("DeleteAccountAlias", {"AccountAlias": "other"}))
    assert (err.code, err.message) == ("NoSuchEntity", "The account alias other cannot be found.")
    assert aliases(store) == ["demo-corp"]
    store.call("DeleteAccountAlias", {"AccountAlias": "demo-corp"})
    assert aliases(store) == []


@pytest.mark.parametrize("alias", ["Upper", "a--b", "-ab", "ab", "x" * 64, "under_score"])
def test_alias_pattern_from_the_model(store, alias):
    err = error(lambda: store.call("CreateAccountAlias", {"AccountAlias": alias}))
    assert err.code == "ValidationError" and "at 'accountAlias'" in err.message
    assert aliases(store) == ["demo-corp"]


# --- the summary --------------------------------------------------------------------

def test_account_summary_counts_and_quotas(store):
    for name in ("alice", "bob"):
        store.call("CreateUser", {"UserName": name})
    store.call("CreateGroup", {"GroupName": "eng"})
    store.call("CreateRole", {"RoleName": "worker", "AssumeRolePolicyDocument": TRUST})
    arn = store.call("CreatePolicy", {"PolicyName": "P", "PolicyDocument": document()})[
        "Policy"]["Arn"]
    store.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": document()})
    summary = store.call("GetAccountSummary")["SummaryMap"]
    assert {key: summary[key] for key in ("Users", "Groups", "Roles", "Policies",
                                          "PolicyVersionsInUse")} == {
        "Users": 2, "Groups": 1, "Roles": 1, "Policies": 1, "PolicyVersionsInUse": 2}
    assert (summary["UsersQuota"], summary["VersionsPerPolicyQuota"],
            summary["AccountMFAEnabled"]) == (5000, 5, 0)
    assert set(summary) <= set(service("iam").shapes["summaryKeyType"]["enum"])
    assert "TagsPerEntityQuota" not in summary


def test_account_summary_shows_granted_quotas(store):
    store.set_quota("RolesQuota", 2500)
    assert store.call("GetAccountSummary")["SummaryMap"]["RolesQuota"] == 2500


# --- the snapshot -------------------------------------------------------------------

@pytest.fixture
def populated(store):
    """alice (inline policy, in eng, ReadOnlyAccess attached, boundary P), eng (inline
    policy, P attached), worker (trust policy, inline policy), and the unattached Q."""
    p = store.call("CreatePolicy", {"PolicyName": "P", "PolicyDocument": document()})[
        "Policy"]["Arn"]
    store.call("CreatePolicy", {"PolicyName": "Q", "PolicyDocument": document("s3:*")})
    store.call("CreateUser", {"UserName": "alice", "PermissionsBoundary": p,
                              "Tags": [{"Key": "team", "Value": "data"}]})
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "own",
                                 "PolicyDocument": document("sqs:*")})
    store.call("AttachUserPolicy", {"UserName": "alice", "PolicyArn": READ_ONLY})
    store.call("CreateGroup", {"GroupName": "eng"})
    store.call("AddUserToGroup", {"GroupName": "eng", "UserName": "alice"})
    store.call("PutGroupPolicy", {"GroupName": "eng", "PolicyName": "shared",
                                  "PolicyDocument": document("sns:*")})
    store.call("AttachGroupPolicy", {"GroupName": "eng", "PolicyArn": p})
    store.call("CreateRole", {"RoleName": "worker", "AssumeRolePolicyDocument": TRUST})
    store.call("PutRolePolicy", {"RoleName": "worker", "PolicyName": "work",
                                 "PolicyDocument": document("kms:*")})
    return store


def test_authorization_details_of_users_groups_and_roles(populated):
    details = populated.call("GetAccountAuthorizationDetails")
    [alice] = details["UserDetailList"]
    assert alice["UserPolicyList"] == [{"PolicyName": "own", "PolicyDocument": document("sqs:*")}]
    assert alice["GroupList"] == ["eng"]
    assert alice["AttachedManagedPolicies"] == [{"PolicyName": "ReadOnlyAccess",
                                                 "PolicyArn": READ_ONLY}]
    assert alice["PermissionsBoundary"]["PermissionsBoundaryArn"].endswith(":policy/P")
    assert alice["Tags"] == [{"Key": "team", "Value": "data"}]
    [eng] = details["GroupDetailList"]
    assert eng["GroupPolicyList"] == [{"PolicyName": "shared", "PolicyDocument": document("sns:*")}]
    assert [a["PolicyName"] for a in eng["AttachedManagedPolicies"]] == ["P"]
    [worker] = details["RoleDetailList"]
    assert list(worker) == ["Path", "RoleName", "RoleId", "Arn", "CreateDate",
                            "AssumeRolePolicyDocument", "InstanceProfileList",
                            "RolePolicyList", "AttachedManagedPolicies", "RoleLastUsed"]
    assert json.loads(worker["AssumeRolePolicyDocument"]) == json.loads(TRUST)
    assert (worker["InstanceProfileList"], worker["RoleLastUsed"]) == ([], {})
    assert worker["RolePolicyList"] == [{"PolicyName": "work", "PolicyDocument": document("kms:*")}]
    assert details["IsTruncated"] is False


def test_authorization_details_list_customer_policies_and_aws_ones_in_use(populated):
    policies = populated.call("GetAccountAuthorizationDetails")["Policies"]
    assert [p["PolicyName"] for p in policies] == ["P", "Q", "ReadOnlyAccess"]
    p, q, read_only = policies
    assert (p["AttachmentCount"], p["PermissionsBoundaryUsageCount"]) == (1, 1)
    assert q["PolicyVersionList"] == [{"Document": document("s3:*"), "VersionId": "v1",
                                       "IsDefaultVersion": True,
                                       "CreateDate": q["CreateDate"]}]
    assert read_only["Arn"] == READ_ONLY and read_only["AttachmentCount"] == 1
    assert ADMIN not in {policy["Arn"] for policy in policies}


def test_authorization_details_filter(populated):
    only = populated.call("GetAccountAuthorizationDetails",
                          {"Filter": ["Role", "AWSManagedPolicy"]})
    assert only["UserDetailList"] == [] and only["GroupDetailList"] == []
    assert [r["RoleName"] for r in only["RoleDetailList"]] == ["worker"]
    assert [p["PolicyName"] for p in only["Policies"]] == ["ReadOnlyAccess"]
    local = populated.call("GetAccountAuthorizationDetails", {"Filter": ["LocalManagedPolicy"]})
    assert [p["PolicyName"] for p in local["Policies"]] == ["P", "Q"]


def test_authorization_details_pages_across_kinds(populated):
    seen, marker = [], None
    while True:
        params = {"MaxItems": 2, **({"Marker": marker} if marker else {})}
        chunk = populated.call("GetAccountAuthorizationDetails", params)
        seen += [entity.get("UserName") or entity.get("GroupName") or entity.get("RoleName")
                 or entity["PolicyName"]
                 for key in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
                 for entity in chunk[key]]
        if not chunk["IsTruncated"]:
            break
        marker = chunk["Marker"]
    assert seen == ["alice", "eng", "worker", "P", "Q", "ReadOnlyAccess"]


# --- callers other than root --------------------------------------------------------

def test_a_user_needs_permission_for_account_operations(store):
    store.call("CreateUser", {"UserName": "alice"})
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "summary",
                                 "PolicyDocument": document("iam:GetAccountSummary")})
    alice = store.identity("alice")
    assert store.call("GetAccountSummary", caller=alice)["SummaryMap"]["Users"] == 1
    err = error(lambda: store.call("CreateAccountAlias", {"AccountAlias": "mine"}, alice))
    assert (err.code, err.message) == (
        "AccessDenied", (f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: "
                         "iam:CreateAccountAlias on resource: * because no identity-based "
                         "policy allows the iam:CreateAccountAlias action"))
    assert aliases(store) == ["demo-corp"]
    assert store.audit_trail(event="CreateAccountAlias")[0]["errorCode"] == "AccessDenied"
