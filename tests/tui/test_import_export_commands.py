"""``iamtui import``, ``iamtui iam get-account-authorization-details`` and
``iamtui export-policies`` / ``import-policies``, run as installed.

The file imported is built as the raw API answers (documents URL-encoded, RFC 3986; see
https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html)
and as the AWS CLI prints it (documents as JSON objects: the command reference's example).
"""

import json
import subprocess
import urllib.parse

import pytest

from store import Store, demo

ACCOUNT = "111122223333"
BUCKET = "arn:aws:s3:::reports"


def encoded(document: dict) -> str:
    return urllib.parse.quote(json.dumps(document), safe="")


READ_REPORTS = {"Version": "2012-10-17", "Statement": {       # one statement, an object
    "Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"}}
EC2_TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

RAW_API_ANSWER = {
    "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAALICEEXAMPLE00001",
        "Arn": f"arn:aws:iam::{ACCOUNT}:user/alice", "CreateDate": "2019-12-18T19:10:08Z",
        "UserPolicyList": [{"PolicyName": "ReadReports",
                            "PolicyDocument": encoded(READ_REPORTS)}],
        "GroupList": [], "AttachedManagedPolicies": []}],
    "GroupDetailList": [],
    "RoleDetailList": [{
        "Path": "/", "RoleName": "reporter", "RoleId": "AROAREPORTER00000001",
        "Arn": f"arn:aws:iam::{ACCOUNT}:role/reporter", "CreateDate": "2019-12-18T19:10:08Z",
        "AssumeRolePolicyDocument": encoded(EC2_TRUST), "InstanceProfileList": [],
        "RolePolicyList": [], "AttachedManagedPolicies": [], "RoleLastUsed": {}}],
    "Policies": [],
    "IsTruncated": False,
}


@pytest.fixture
def details_file(tmp_path):
    path = tmp_path / "authorization-details.json"
    path.write_text(json.dumps(RAW_API_ANSWER))
    return path


@pytest.fixture
def stdin_iamtui(command, env):
    """``iamtui --db DB ARGS`` with ``text`` on standard input."""
    def run(*args, text="", db=None):
        prefix = command if db is None else [command[0], "--db", str(db)]
        return subprocess.run([*prefix, *args], input=text, capture_output=True, text=True,
                              timeout=120, env=env)
    return run


def test_import_then_ask_offline(iamtui, details_file, db):
    done = iamtui("import", details_file)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"Imported account {ACCOUNT} into {db}: 1 user, 0 groups, 1 role, "
                           "0 customer managed policies, 0 AWS managed policies, "
                           "0 instance profiles.\n")
    assert iamtui("can", "alice", "s3:GetObject", f"{BUCKET}/q3.csv").returncode == 0
    assert iamtui("can", "alice", "s3:PutObject", f"{BUCKET}/q3.csv").returncode == 1
    who = iamtui("who-can", "s3:GetObject", f"{BUCKET}/q3.csv", "--json")
    assert {p["Name"] for p in json.loads(who.stdout)["Principals"]} == {"alice", "root"}
    what = iamtui("what-can", "alice", "--service", "s3")
    assert "s3:GetObject" in what.stdout and "s3:PutObject" not in what.stdout


def test_what_is_printed_imports_again_as_the_same_account(iamtui, stdin_iamtui, db, tmp_path):
    demo.build(Store(str(db)))
    printed = iamtui("iam", "get-account-authorization-details")
    assert printed.returncode == 0, printed.stderr
    # the AWS CLI prints documents as JSON, not URL-encoded text
    assert isinstance(json.loads(printed.stdout)["RoleDetailList"][0]
                      ["AssumeRolePolicyDocument"], dict)
    other = tmp_path / "other.json"
    done = stdin_iamtui("import", "-", text=printed.stdout, db=other)
    assert done.returncode == 0, done.stderr
    again = stdin_iamtui("iam", "get-account-authorization-details", db=other)
    assert again.stdout == printed.stdout


def test_filter_as_the_aws_cli_has_it(iamtui, details_file):
    iamtui("import", details_file)
    done = iamtui("iam", "get-account-authorization-details", "--filter", "Role", "User")
    printed = json.loads(done.stdout)
    assert [r["RoleName"] for r in printed["RoleDetailList"]] == ["reporter"]
    assert [u["UserName"] for u in printed["UserDetailList"]] == ["alice"]
    assert printed["UserDetailList"][0]["UserPolicyList"][0]["PolicyDocument"] == READ_REPORTS


def test_a_file_of_another_shape_says_what_is_missing_and_writes_nothing(iamtui, tmp_path, db):
    broken = json.loads(json.dumps(RAW_API_ANSWER))
    del broken["RoleDetailList"][0]["RoleName"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    done = iamtui("import", path)
    assert done.returncode == 2
    assert "RoleDetailList[0]: missing RoleName" in done.stderr
    assert "Nothing was imported." in done.stderr and "Traceback" not in done.stderr
    assert not db.exists()


def test_not_json(iamtui, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("users: alice")
    done = iamtui("import", path)
    assert done.returncode == 2 and "is not JSON" in done.stderr


def test_a_store_with_an_account_needs_replace(iamtui, store, details_file):
    store.call("CreateUser", {"UserName": "local"})
    done = iamtui("import", details_file)
    assert done.returncode == 254
    assert "--replace" in done.stderr and "Nothing was imported." in done.stderr
    assert store.view().find("user", "local") is not None
    assert iamtui("import", details_file, "--replace").returncode == 0
    assert store.view().find("user", "local") is None


def test_export_edit_and_import_policies(iamtui, db, tmp_path):
    demo.build(Store(str(db)))
    out = tmp_path / "policies"
    done = iamtui("export-policies", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{out}: 6 written, 0 unchanged, 0 removed\n"
    inline = out / "users/alice/inline/DenySecret.json"
    document = json.loads(inline.read_text())
    document["Statement"][0]["Resource"] = f"{demo.BUCKET}/private/*"
    inline.write_text(json.dumps(document))
    done = iamtui("import-policies", out)
    assert (done.returncode, done.stdout) == (
        0, "PutUserPolicy users/alice/inline/DenySecret.json\n")
    assert iamtui("import-policies", out).stdout == f"{out}: the store already matches\n"


def test_import_policies_refuses_bad_files_with_their_names(iamtui, store, tmp_path):
    out = tmp_path / "policies"
    (out / "users/alice/inline").mkdir(parents=True)
    (out / "users/alice/inline/Broken.json").write_text("{")
    done = iamtui("import-policies", out)
    assert done.returncode == 2
    assert "users/alice/inline/Broken.json: not JSON" in done.stderr
    done = iamtui("import-policies", tmp_path / "nowhere")
    assert done.returncode == 2 and "is not a directory" in done.stderr


def test_a_literal_percent_survives_printing_and_importing(iamtui, stdin_iamtui, db, tmp_path):
    """The AWS CLI URL-decodes what AWS encoded; a plain document's ``%25`` is text."""
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{BUCKET}/100%25/*"}]}
    Store(str(db)).call("CreateUser", {"UserName": "pat"})
    iamtui("iam", "put-user-policy", "--user-name", "pat", "--policy-name", "P",
           "--policy-document", json.dumps(document))
    printed = iamtui("iam", "get-account-authorization-details").stdout
    [pat] = json.loads(printed)["UserDetailList"]
    assert pat["UserPolicyList"][0]["PolicyDocument"] == document
    other = tmp_path / "other.json"
    assert stdin_iamtui("import", "-", text=printed, db=other).returncode == 0
    assert stdin_iamtui("iam", "get-account-authorization-details", db=other).stdout == printed
