"""``iamtui demo``: the demo account from the seed module (shared/seed/iam-module.md),
built once, through audited store calls, in its own file."""

import json
import os

import pytest

from store import Store

ACCOUNT = "123456789012"


@pytest.fixture
def demo(tmp_path, iamtui):
    """The demo built in its own file; returns that file."""
    path = tmp_path / "demo.json"
    done = iamtui("demo", "--db", path, db=False)
    assert done.returncode == 0, done.stderr
    assert f"Built account {ACCOUNT} (demo-corp)" in done.stdout
    return path


def test_second_run_changes_nothing(demo, iamtui):
    before = (demo.read_bytes(), (demo.parent / "demo.json.audit.jsonl").read_bytes())
    done = iamtui("demo", "--db", demo, db=False)
    assert done.returncode == 0, done.stderr
    assert "Already there" in done.stdout
    assert (demo.read_bytes(), (demo.parent / "demo.json.audit.jsonl").read_bytes()) == before


def test_summary_and_commands_to_try(demo, iamtui):
    out = iamtui("demo", "--db", demo, db=False).stdout
    assert "admin, alice, bob, dave" in out
    assert "Developers (alice, dave)" in out
    assert f"iamtui --db {demo} --as bob iam create-user" in out


def test_default_file_is_not_the_real_store(tmp_path, iamtui, env):
    done = iamtui("demo", db=False)
    assert done.returncode == 0, done.stderr
    assert os.path.exists(tmp_path / "xdg" / "iamtui" / "demo.json")
    assert not os.path.exists(env["IAMTUI_DB"])


def test_account_alias_and_users(demo, ok):
    assert ok("--db", demo, "iam", "list-account-aliases", db=False)["AccountAliases"] == \
        ["demo-corp"]
    users = ok("--db", demo, "iam", "list-users", db=False)["Users"]
    assert sorted(u["UserName"] for u in users) == ["admin", "alice", "bob", "dave"]
    assert all(u["Arn"].startswith(f"arn:aws:iam::{ACCOUNT}:user/") for u in users)


@pytest.mark.parametrize("user,policy", [("admin", "AdministratorAccess"),
                                         ("bob", "ReadOnlyAccess")])
def test_managed_policies_of_admin_and_bob(demo, ok, user, policy):
    attached = ok("--db", demo, "iam", "list-attached-user-policies", "--user-name", user,
                  db=False)["AttachedPolicies"]
    assert attached == [{"PolicyName": policy, "PolicyArn": f"arn:aws:iam::aws:policy/{policy}"}]


def test_developers_group_with_the_seed_policy(demo, ok):
    group = ok("--db", demo, "iam", "get-group", "--group-name", "Developers", db=False)
    assert sorted(u["UserName"] for u in group["Users"]) == ["alice", "dave"]
    (attached,) = ok("--db", demo, "iam", "list-attached-group-policies",
                     "--group-name", "Developers", db=False)["AttachedPolicies"]
    version = ok("--db", demo, "iam", "get-policy-version", "--policy-arn",
                 attached["PolicyArn"], "--version-id", "v1", db=False)
    allow, deny = version["PolicyVersion"]["Document"]["Statement"]
    resources = [f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/table-name",
                 "arn:aws:s3:::bucket-name", "arn:aws:s3:::bucket-name/*"]
    assert (allow["Effect"], allow["Resource"]) == ("Allow", resources)
    assert (deny["Effect"], deny["NotResource"]) == ("Deny", resources)


def test_alice_denied_the_secret_prefix(demo, ok):
    inline = ok("--db", demo, "iam", "get-user-policy", "--user-name", "alice",
                "--policy-name", "DenySecret", db=False)
    (statement,) = inline["PolicyDocument"]["Statement"]
    assert statement == {"Sid": "DenySecret", "Effect": "Deny", "Action": "s3:*",
                         "Resource": "arn:aws:s3:::bucket-name/secret/*"}


def test_roles_and_their_trust(demo, ok):
    ec2 = ok("--db", demo, "iam", "get-role", "--role-name", "EC2S3ReadRole", db=False)["Role"]
    instances, people = ec2["AssumeRolePolicyDocument"]["Statement"]
    assert instances["Principal"] == {"Service": "ec2.amazonaws.com"}
    assert people["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    web = ok("--db", demo, "iam", "get-role", "--role-name", "WebIdentityReadOnly",
             db=False)["Role"]
    (trust,) = web["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Federated": "accounts.google.com"}
    assert trust["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert "accounts.google.com:aud" in trust["Condition"]["StringEquals"]


def test_bucket_policy_lets_the_ec2_role_read(demo):
    record = Store(str(demo)).get_resource_policy("arn:aws:s3:::bucket-name")
    (statement,) = json.loads(record["Policy"])["Statement"]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:role/EC2S3ReadRole"}
    assert statement["Action"] == "s3:GetObject"


def test_permissions_work_as_the_seed_says(demo, iamtui):
    assert iamtui("--db", demo, "--as", "bob", "iam", "list-users", db=False).returncode == 0
    denied = iamtui("--db", demo, "--as", "bob", "iam", "create-user", "--user-name", "eve",
                    db=False)
    assert denied.returncode == 254
    assert "(AccessDenied)" in denied.stderr
    allowed = iamtui("--db", demo, "--as", "admin", "iam", "create-user", "--user-name", "eve",
                     db=False)
    assert allowed.returncode == 0, allowed.stderr


def test_every_step_is_audited(demo):
    events = [r["eventName"] for r in Store(str(demo)).audit_trail(principal="root")]
    assert events.count("CreateUser") == 4
    assert {"CreateGroup", "AddUserToGroup", "CreatePolicy", "PutUserPolicy", "CreateRole",
            "CreateAccountAlias", "PutBucketPolicy"} <= set(events)
