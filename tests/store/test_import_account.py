"""Importing an account from what ``aws iam get-account-authorization-details`` prints, and
exporting it back (store/account_import.py, GetAccountAuthorizationDetails).

The input is built the way AWS prints it (the response shape of
https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
and the AWS CLI reference's example output), awkward parts included: documents
URL-encoded (the raw API; RFC 3986) or as JSON objects (the AWS CLI decodes them,
aws/aws-cli#153), a Statement that is one object, a user in no group, a user with no
UserPolicyList at all, roles with no inline policies, paths, an instance profile, a
``null`` where boto3 dumps print one, dates spelled three ways, and AWS managed policies
with many versions (newest first, as AWS lists them) that iamtui does not ship.
"""

import copy
import json
import urllib.parse

import pytest

from calls import error
from store import Store
from store.account_import import EVENT, NotAuthorizationDetails, import_account, read
from store.analysis import decide, principal
from store.what_can import what_can
from store.who_can import who_can

ACCOUNT = "111122223333"
AWS = "arn:aws:iam::aws:policy/"
S3_READER = f"arn:aws:iam::{ACCOUNT}:policy/app/S3Reader"
BOUNDARY = f"arn:aws:iam::{ACCOUNT}:policy/DeveloperBoundary"
SQS_READ = AWS + "AmazonSQSReadOnlyAccess"          # not among the AWS managed iamtui ships
READ_ONLY = AWS + "ReadOnlyAccess"                   # shipped: the file's copy must win
BUCKET = "arn:aws:s3:::app-bucket"


def doc(*statements, single=False) -> dict:
    return {"Version": "2012-10-17",
            "Statement": statements[0] if single else list(statements)}


def allow(action, resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def trust(principal) -> dict:
    return doc({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


def version(number, document, default=False, when="2020-01-29T23:23:12+00:00") -> dict:
    return {"Document": document, "VersionId": f"v{number}", "IsDefaultVersion": default,
            "CreateDate": when}


def aws_details() -> dict:
    """An account as the AWS CLI prints it (documents as JSON objects)."""
    return {
        "UserDetailList": [
            {"Path": "/engineering/", "UserName": "alice", "UserId": "AIDAALICEEXAMPLE00001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:user/engineering/alice",
             "CreateDate": "2019-12-18T19:10:08+00:00",
             "UserPolicyList": [{"PolicyName": "ManageOwnKeys", "PolicyDocument": doc(
                 allow(["iam:CreateAccessKey", "iam:DeleteAccessKey"],
                       f"arn:aws:iam::{ACCOUNT}:user/engineering/alice"), single=True)}],
             "GroupList": ["Developers"],
             "AttachedManagedPolicies": [{"PolicyName": "S3Reader", "PolicyArn": S3_READER}],
             "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                     "PermissionsBoundaryArn": BOUNDARY},
             "Tags": [{"Key": "team", "Value": "platform"}]},
            # no group, no UserPolicyList at all, an AWS managed policy iamtui lacks
            {"Path": "/", "UserName": "bob", "UserId": "AIDABOBEXAMPLE0000001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:user/bob", "CreateDate": "2014-07-30T17:09:20Z",
             "GroupList": [],
             "AttachedManagedPolicies": [{"PolicyName": "AmazonSQSReadOnlyAccess",
                                          "PolicyArn": SQS_READ}],
             "Tags": []},
            {"Path": "/", "UserName": "carol", "UserId": "AIDACAROLEXAMPLE00001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:user/carol",
             "CreateDate": "2021-03-04 05:06:07+00:00",     # boto3's str(datetime)
             "UserPolicyList": [], "GroupList": [],
             "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess",
                                          "PolicyArn": READ_ONLY}]},
        ],
        "GroupDetailList": [
            {"Path": "/", "GroupName": "Developers", "GroupId": "AGPADEVELOPERS000001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:group/Developers",
             "CreateDate": "2017-05-15T17:33:36+00:00",
             "GroupPolicyList": [{"PolicyName": "Queues", "PolicyDocument": doc(
                 allow("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs"))}],
             "AttachedManagedPolicies": []},
        ],
        "RoleDetailList": [
            {"Path": "/service-role/", "RoleName": "app-server", "RoleId": "AROAAPPSERVER0000001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:role/service-role/app-server",
             "CreateDate": "2018-08-20T18:48:00+00:00",
             "AssumeRolePolicyDocument": trust({"Service": "ec2.amazonaws.com"}),
             "InstanceProfileList": [{
                 "Path": "/", "InstanceProfileName": "app-server",
                 "InstanceProfileId": "AIPAAPPSERVER0000001",
                 "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app-server",
                 "CreateDate": "2018-08-20T18:48:01+00:00",
                 "Roles": [{"Path": "/service-role/", "RoleName": "app-server",
                            "RoleId": "AROAAPPSERVER0000001",
                            "Arn": f"arn:aws:iam::{ACCOUNT}:role/service-role/app-server",
                            "CreateDate": "2018-08-20T18:48:00+00:00",
                            "AssumeRolePolicyDocument": trust({"Service": "ec2.amazonaws.com"})}]}],
             "RolePolicyList": [],
             "AttachedManagedPolicies": [{"PolicyName": "S3Reader", "PolicyArn": S3_READER}],
             "Tags": [{"Key": "app", "Value": "web"}],
             "RoleLastUsed": {"LastUsedDate": "2024-05-01T10:00:00+00:00",
                              "Region": "us-east-1"}},
            {"Path": "/", "RoleName": "auditor", "RoleId": "AROAAUDITOR000000001",
             "Arn": f"arn:aws:iam::{ACCOUNT}:role/auditor",
             "CreateDate": "2019-08-16T17:27:59+00:00",
             "AssumeRolePolicyDocument": trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
             "InstanceProfileList": [], "RolePolicyList": [],
             "AttachedManagedPolicies": [{"PolicyName": "AmazonSQSReadOnlyAccess",
                                          "PolicyArn": SQS_READ}],
             "RoleLastUsed": {}},
        ],
        "Policies": [
            {"PolicyName": "S3Reader", "PolicyId": "ANPAS3READER00000001", "Arn": S3_READER,
             "Path": "/app/", "DefaultVersionId": "v2", "AttachmentCount": 2,
             "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
             "Description": "Reads the app bucket",
             "CreateDate": "2020-01-29T21:24:20+00:00", "UpdateDate": "2020-01-29T23:23:12+00:00",
             "PolicyVersionList": [   # newest first; the default is not the newest
                 version(3, doc(allow("s3:*")), when="2020-02-01T00:00:00+00:00"),
                 version(2, doc(allow(["s3:GetObject", "s3:ListBucket"],
                                      [BUCKET, f"{BUCKET}/*"])), default=True),
                 version(1, doc(allow("s3:ListBucket", BUCKET)),
                         when="2020-01-29T21:24:20+00:00")]},
            {"PolicyName": "DeveloperBoundary", "PolicyId": "ANPABOUNDARY00000001",
             "Arn": BOUNDARY, "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 0,
             "PermissionsBoundaryUsageCount": 1, "IsAttachable": True,
             "CreateDate": "2020-01-29T21:24:20+00:00", "UpdateDate": "2020-01-29T21:24:20+00:00",
             "PolicyVersionList": [version(1, doc(allow(["s3:*", "sqs:*"])), default=True)]},
            {"PolicyName": "AmazonSQSReadOnlyAccess", "PolicyId": "ANPAIUGSSQY362XGCM6KW",
             "Arn": SQS_READ, "Path": "/", "DefaultVersionId": "v5", "AttachmentCount": 2,
             "PermissionsBoundaryUsageCount": None,          # boto3 dumps print null
             "IsAttachable": True, "CreateDate": "2015-02-06T18:41:07+00:00",
             "UpdateDate": "2023-08-01T12:00:00+00:00",
             "PolicyVersionList": [
                 version(5, doc(allow(["sqs:GetQueueAttributes", "sqs:ListQueues",
                                       "sqs:ReceiveMessage"])),
                         default=True, when="2023-08-01T12:00:00+00:00"),
                 *[version(n, doc(allow("sqs:*")), when=f"201{n}-01-01T00:00:00+00:00")
                   for n in (4, 3, 2, 1)]]},
            {"PolicyName": "ReadOnlyAccess", "PolicyId": "ANPAILL3HVNFSB6DCOWYQ",
             "Arn": READ_ONLY, "Path": "/", "DefaultVersionId": "v91", "AttachmentCount": 1,
             "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
             "CreateDate": "2015-02-06T18:39:48+00:00", "UpdateDate": "2024-01-01T00:00:00+00:00",
             "PolicyVersionList": [version(91, doc(allow("s3:ListAllMyBuckets")), default=True),
                                   version(90, doc(allow(["s3:Get*", "ec2:Describe*"])))]},
        ],
    }


def url_encoded(details: dict) -> dict:
    """The same account as the raw API gives it: every document URL-encoded text."""
    encoded = copy.deepcopy(details)

    def encode(value):
        if isinstance(value, dict):
            return {key: urllib.parse.quote(json.dumps(item, indent=4), safe="")
                    if key in ("PolicyDocument", "Document", "AssumeRolePolicyDocument")
                    else encode(item) for key, item in value.items()}
        if isinstance(value, list):
            return [encode(item) for item in value]
        return value
    return encode(encoded)


@pytest.fixture
def empty(tmp_path):
    """A store file that holds no account yet (the `store` fixture's has an alias)."""
    return Store(str(tmp_path / "empty.json"))


@pytest.fixture
def imported(empty):
    import_account(empty, aws_details())
    return empty


def export(store, **params) -> dict:
    return store.call("GetAccountAuthorizationDetails", params)


def comparable(details: dict) -> dict:
    """``details`` with documents as JSON, entities by name, and empty or null members
    left out: what "the same account" compares."""
    def clean(value, key=""):
        if key in ("PolicyDocument", "Document", "AssumeRolePolicyDocument"):
            return json.loads(urllib.parse.unquote(value)) if isinstance(value, str) else value
        if isinstance(value, dict):
            return {k: clean(v, k) for k, v in value.items()
                    if v not in (None, [], {}) and k not in ("IsTruncated", "Marker")}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value
    cleaned = clean(details)
    for name, field in (("UserDetailList", "UserName"), ("GroupDetailList", "GroupName"),
                        ("RoleDetailList", "RoleName"), ("Policies", "PolicyName")):
        cleaned[name] = sorted(cleaned.get(name, []), key=lambda e: e[field])
    return cleaned


# --- what is kept -------------------------------------------------------------------

def test_import_keeps_ids_arns_paths_dates_tags_and_memberships(imported):
    account = imported.view()
    assert account.id == ACCOUNT
    alice = account.get("user", "alice")
    assert (alice["UserId"], alice["Arn"], alice["Path"], alice["CreateDate"]) == (
        "AIDAALICEEXAMPLE00001", f"arn:aws:iam::{ACCOUNT}:user/engineering/alice",
        "/engineering/", "2019-12-18T19:10:08+00:00")
    assert alice["Tags"] == [{"Key": "team", "Value": "platform"}]
    assert alice["GroupIds"] == ["AGPADEVELOPERS000001"]
    assert alice["AttachedPolicies"] == [S3_READER]
    assert alice["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn": BOUNDARY}
    bob = account.get("user", "bob")
    assert (bob["GroupIds"], bob["InlinePolicies"], bob["CreateDate"]) == (
        [], {}, "2014-07-30T17:09:20Z")       # dates kept as spelled
    assert account.get("user", "carol")["CreateDate"] == "2021-03-04 05:06:07+00:00"


def test_import_keeps_inline_trust_policies_instance_profiles_and_last_use(imported):
    account = imported.view()
    alice = account.get("user", "alice")
    assert json.loads(alice["InlinePolicies"]["ManageOwnKeys"])["Statement"]["Effect"] == "Allow"
    role = account.get("role", "app-server")
    assert json.loads(role["AssumeRolePolicyDocument"]) == trust({"Service": "ec2.amazonaws.com"})
    assert role["InlinePolicies"] == {} and role["MaxSessionDuration"] == 3600
    assert role["RoleLastUsed"] == {"LastUsedDate": "2024-05-01T10:00:00+00:00",
                                    "Region": "us-east-1"}
    assert role["InstanceProfiles"] == [{
        "Path": "/", "InstanceProfileName": "app-server",
        "InstanceProfileId": "AIPAAPPSERVER0000001",
        "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app-server",
        "CreateDate": "2018-08-20T18:48:01+00:00"}]
    assert "RoleLastUsed" not in account.get("role", "auditor")
    assert imported.call("GetAccountSummary")["SummaryMap"]["InstanceProfiles"] == 1


def test_import_keeps_every_version_of_customer_and_aws_managed_policies(imported):
    account = imported.view()
    s3_reader = account.managed_policy(S3_READER)
    assert [v["VersionId"] for v in s3_reader["Versions"]] == ["v1", "v2", "v3"]  # oldest first
    assert (s3_reader["DefaultVersionId"], s3_reader["NextVersion"]) == ("v2", 4)
    assert s3_reader["Description"] == "Reads the app bucket"
    sqs = account.managed_policy(SQS_READ)
    assert [v["VersionId"] for v in sqs["Versions"]] == ["v1", "v2", "v3", "v4", "v5"]
    assert account.table("policies").count(lambda p: True) == 2   # AWS's are not customer's
    # the account goes on as AWS's would: the next version of S3Reader is v4
    imported.call("CreatePolicyVersion", {"PolicyArn": S3_READER,
                                          "PolicyDocument": json.dumps(doc(allow("s3:Get*")))})
    assert imported.view().managed_policy(S3_READER)["Versions"][-1]["VersionId"] == "v4"


def test_an_aws_managed_policy_from_the_file_is_usable_like_a_shipped_one(imported):
    imported.call("CreateUser", {"UserName": "dave"})
    imported.call("AttachUserPolicy", {"UserName": "dave", "PolicyArn": SQS_READ})
    listed = imported.call("ListPolicies", {"Scope": "AWS", "OnlyAttached": True})["Policies"]
    assert {p["Arn"]: p["AttachmentCount"] for p in listed} == {SQS_READ: 3, READ_ONLY: 1}
    got = imported.call("GetPolicyVersion", {"PolicyArn": READ_ONLY, "VersionId": "v91"})
    assert json.loads(got["PolicyVersion"]["Document"]) == doc(allow("s3:ListAllMyBuckets"))


def test_url_encoded_documents_import_to_the_same_account(imported, tmp_path):
    other = Store(str(tmp_path / "encoded.json"))
    import_account(other, url_encoded(aws_details()))
    assert comparable(export(other)) == comparable(export(imported))


def test_a_literal_percent_in_a_document_survives(empty):
    """Plain text is not URL-decoded: only text AWS encoded (it starts ``%7B``) is."""
    details = aws_details()
    document = doc(allow("s3:GetObject", f"{BUCKET}/100%25/*"))
    details["GroupDetailList"][0]["GroupPolicyList"][0]["PolicyDocument"] = json.dumps(document)
    import_account(empty, details)
    text = empty.view().get("group", "Developers")["InlinePolicies"]["Queues"]
    assert json.loads(text) == document


# --- the account works offline --------------------------------------------------------

def may(store, who, action, resource) -> bool:
    account = store.view()
    return decide(account, principal(account, who), action, resource).allowed


def test_can_answers_with_the_default_versions_the_file_holds(imported):
    # S3Reader's default is v2 (object reads), not v3 (s3:*)
    assert may(imported, "alice", "s3:GetObject", f"{BUCKET}/report.csv")
    assert not may(imported, "alice", "s3:PutObject", f"{BUCKET}/report.csv")
    # AmazonSQSReadOnlyAccess v5, not its older sqs:* versions
    assert may(imported, "bob", "sqs:ReceiveMessage", f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs")
    assert not may(imported, "bob", "sqs:DeleteQueue", f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs")
    # the file's ReadOnlyAccess (v91), not the copy iamtui ships (which allows ec2:Describe*)
    assert may(imported, "carol", "s3:ListAllMyBuckets", "*")
    assert not may(imported, "carol", "ec2:DescribeInstances", "*")


def test_boundary_group_and_role_policies_take_part(imported):
    # the group's inline policy, within the boundary (s3:*, sqs:*)
    assert may(imported, "alice", "sqs:SendMessage", f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs")
    # alice's own inline policy allows it, her boundary does not
    assert not may(imported, "alice", "iam:CreateAccessKey",
                   f"arn:aws:iam::{ACCOUNT}:user/engineering/alice")
    assert may(imported, "app-server", "s3:GetObject", f"{BUCKET}/a")
    assert may(imported, f"arn:aws:iam::{ACCOUNT}:role/auditor", "sqs:ListQueues", "*")


def test_who_can_and_what_can_on_the_imported_account(imported):
    account = imported.view()
    readers = {(g.kind, g.name) for g in who_can(account, "s3:GetObject", f"{BUCKET}/a")}
    assert readers == {("user", "alice"), ("role", "app-server"), ("root", "root")}
    arn, permissions = what_can(account, "bob", service="sqs")
    assert arn == f"arn:aws:iam::{ACCOUNT}:user/bob"
    assert {p.action.name.lower() for p in permissions} >= {"receivemessage", "listqueues"}
    assert "deletequeue" not in {p.action.name.lower() for p in permissions}


# --- exporting it back ----------------------------------------------------------------

def test_export_gives_back_the_file(imported):
    expected = aws_details()
    expected["Policies"][2]["PermissionsBoundaryUsageCount"] = 0  # the dump's null: none
    assert comparable(export(imported)) == comparable(expected)


def test_an_export_imported_again_gives_the_same_account(imported, tmp_path):
    first = export(imported)
    again = Store(str(tmp_path / "again.json"))
    import_account(again, first)
    assert export(again) == first


def test_export_lists_versions_newest_first_and_instance_profiles_with_their_role(imported):
    details = export(imported)
    [s3_reader] = [p for p in details["Policies"] if p["Arn"] == S3_READER]
    assert [v["VersionId"] for v in s3_reader["PolicyVersionList"]] == ["v3", "v2", "v1"]
    [role] = [r for r in details["RoleDetailList"] if r["RoleName"] == "app-server"]
    [profile] = role["InstanceProfileList"]
    assert [held["RoleName"] for held in profile["Roles"]] == ["app-server"]
    assert list(profile["Roles"][0]) == ["Path", "RoleName", "RoleId", "Arn", "CreateDate",
                                         "AssumeRolePolicyDocument"]


def test_filter_as_the_api_has_it(imported):
    only = export(imported, Filter=["AWSManagedPolicy"])
    assert only["UserDetailList"] == only["RoleDetailList"] == []
    assert sorted(p["PolicyName"] for p in only["Policies"]) == ["AmazonSQSReadOnlyAccess",
                                                                 "ReadOnlyAccess"]


def test_a_boundary_set_by_the_api_has_aws_type(store):
    """API_AttachedPermissionsBoundary.html: the type is PermissionsBoundaryPolicy."""
    store.call("CreateUser", {"UserName": "eve", "PermissionsBoundary": READ_ONLY})
    [eve] = export(store)["UserDetailList"]
    assert eve["PermissionsBoundary"]["PermissionsBoundaryType"] == "PermissionsBoundaryPolicy"


# --- the record, the caller, what was there -------------------------------------------

def test_one_audit_record_and_a_whole_account(empty):
    empty.call("ListUsers")  # a store in use: the account it made on first use is empty
    before = len(empty.audit_trail())
    counts = import_account(empty, aws_details())
    assert counts == {"Users": 3, "Groups": 1, "Roles": 2, "Policies": 2,
                      "AWSManagedPolicies": 2, "InstanceProfiles": 1}
    records = empty.audit_trail()
    assert len(records) == before + 1
    assert records[0]["eventName"] == EVENT and "errorCode" not in records[0]
    assert records[0]["recipientAccountId"] == ACCOUNT


def test_a_store_that_holds_an_account_is_refused_unless_replace(store):
    store.call("CreateUser", {"UserName": "local"})
    store.call("CreateAccessKey", {"UserName": "local"})
    before = open(store.path, "rb").read()
    err = error(lambda: import_account(store, aws_details()))
    assert err.code == "EntityAlreadyExists" and "--replace" in err.message
    assert open(store.path, "rb").read() == before
    assert store.audit_trail()[0]["errorCode"] == "EntityAlreadyExists"
    import_account(store, aws_details(), replace=True)
    account = store.view()
    assert account.find("user", "local") is None
    assert account.table("access_keys").all() == []
    assert account.info["AccountAliases"] == []


def test_only_root_imports(imported):
    imported.call("CreateUser", {"UserName": "mallory"})
    imported.call("AttachUserPolicy", {"UserName": "mallory",
                                       "PolicyArn": AWS + "AdministratorAccess"})
    err = error(lambda: import_account(imported, aws_details(), replace=True,
                                       caller=imported.identity("mallory")))
    assert err.code == "AccessDenied"
    assert imported.view().find("user", "mallory") is not None


def test_quotas_the_account_had_raised_are_kept(empty):
    details = aws_details()
    bob = details["UserDetailList"][1]
    extra = [f"arn:aws:iam::{ACCOUNT}:policy/P{n}" for n in range(11)]
    bob["AttachedManagedPolicies"] = [{"PolicyName": arn.rsplit("/", 1)[1], "PolicyArn": arn}
                                      for arn in extra]
    details["Policies"] += [{"PolicyName": arn.rsplit("/", 1)[1], "PolicyId": f"ANPAEXTRA{n:011d}",
                             "Arn": arn, "Path": "/", "DefaultVersionId": "v1",
                             "CreateDate": "2020-01-01T00:00:00Z",
                             "PolicyVersionList": [version(1, doc(allow("s3:*")), True)]}
                            for n, arn in enumerate(extra)]
    import_account(empty, details)
    assert empty.quotas()["AttachedPoliciesPerUserQuota"] == 11
    assert empty.quotas()["AttachedPoliciesPerRoleQuota"] == 10   # not needed: AWS's default


# --- refusals: what is missing, and nothing written ------------------------------------

def refusal(details) -> list[str]:
    with pytest.raises(NotAuthorizationDetails) as caught:
        read(details)
    return caught.value.problems


def broken(change) -> dict:
    details = aws_details()
    change(details)
    return details


@pytest.mark.parametrize("change,problem", [
    (lambda d: d["RoleDetailList"][1].pop("RoleName"), "RoleDetailList[1]: missing RoleName"),
    (lambda d: d["UserDetailList"][0].update(GroupList="Developers"),
     "UserDetailList[0].GroupList: expected a list, found text"),
    (lambda d: d["Policies"][0]["PolicyVersionList"][0].pop("Document"),
     "Policies[0].PolicyVersionList[0]: missing Document"),
    (lambda d: d["Policies"][0].pop("PolicyId"), "Policies[0]: missing PolicyId"),
    (lambda d: d["UserDetailList"][0].update(CreateDate="yesterday"),
     "UserDetailList[0].CreateDate: 'yesterday' is not a date and time"),
    (lambda d: d["UserDetailList"][0]["Tags"][0].pop("Value"),
     "UserDetailList[0].Tags[0]: missing Value"),
    (lambda d: d["RoleDetailList"][0]["InstanceProfileList"][0].pop("Roles"),
     "RoleDetailList[0].InstanceProfileList[0]: missing Roles"),
    (lambda d: d["GroupDetailList"].clear(),
     "UserDetailList[0].GroupList[0]: group Developers is not in GroupDetailList"),
    (lambda d: d["Policies"].pop(0),   # a file printed with --filter User Role
     f"UserDetailList[0].AttachedManagedPolicies[0]: policy {S3_READER} is not in Policies"),
    (lambda d: d["UserDetailList"][1].update(Arn="arn:aws:iam::444455556666:user/bob"),
     f"UserDetailList[1].Arn: arn:aws:iam::444455556666:user/bob is not "
     f"arn:aws:iam::{ACCOUNT}:user/bob, the ARN of bob at path / in account {ACCOUNT}"),
    (lambda d: d["Policies"][0]["PolicyVersionList"][1].update(IsDefaultVersion=False),
     "Policies[0].PolicyVersionList: the default version must be v2 alone (found: none)"),
    (lambda d: d["UserDetailList"][0]["UserPolicyList"][0].update(PolicyDocument="%7Bnot"),
     "UserDetailList[0].UserPolicyList[0].PolicyDocument: not a JSON policy document"),
    (lambda d: d["UserDetailList"].append(copy.deepcopy(d["UserDetailList"][2])),
     "UserDetailList: carol is there twice (UserName)"),
])
def test_a_file_of_another_shape_says_what_is_missing(change, problem):
    assert any(found.startswith(problem) for found in refusal(broken(change)))


def test_a_malformed_document_is_named_with_where_it_is():
    def bad_trust(details):
        details["RoleDetailList"][1]["AssumeRolePolicyDocument"] = doc(
            {"Effect": "Allow", "Action": "sts:AssumeRole"})
    [problem] = refusal(broken(bad_trust))
    assert problem.startswith("RoleDetailList[1].AssumeRolePolicyDocument: ")
    assert "Principal" in problem


def test_an_old_version_need_only_be_json():
    def odd_old_version(details):
        details["Policies"][2]["PolicyVersionList"][4]["Document"] = {"Statement": "legacy"}
    assert read(broken(odd_old_version)).tables["aws_managed_policies"]


@pytest.mark.parametrize("details,problem", [
    ([], "expected a JSON object with UserDetailList, GroupDetailList, RoleDetailList, "
         "Policies, found a list"),
    ({"Users": []}, "missing UserDetailList, GroupDetailList, RoleDetailList, Policies "
                    "(found: Users)"),
    ({"UserDetailList": [], "IsTruncated": True, "Marker": "x"},
     "IsTruncated / NextToken: the file holds one page of the answer; print all of it (the "
     "AWS CLI does unless given --max-items or --no-paginate)"),
])
def test_not_the_output_at_all(details, problem):
    assert refusal(details) == [problem]


def test_a_refused_file_writes_nothing(store):
    store.call("CreateUser", {"UserName": "local"})
    before = (open(store.path, "rb").read(), len(store.audit_trail()))
    details = broken(lambda d: d["RoleDetailList"][1].pop("RoleName"))
    with pytest.raises(NotAuthorizationDetails):
        import_account(store, details, replace=True)
    assert (open(store.path, "rb").read(), len(store.audit_trail())) == before


def test_a_refused_file_creates_no_store(tmp_path):
    fresh = Store(str(tmp_path / "fresh.json"))
    with pytest.raises(NotAuthorizationDetails):
        import_account(fresh, {"nothing": []})
    assert not (tmp_path / "fresh.json").exists()


def test_the_message_lists_every_problem_up_to_a_limit():
    details = aws_details()
    for user in details["UserDetailList"]:
        user.pop("UserId")
    details["UserDetailList"] *= 10
    with pytest.raises(NotAuthorizationDetails) as caught:
        read(details)
    message = caught.value.message
    assert message.count("missing UserId") == 20 and message.endswith("... and 10 more")
