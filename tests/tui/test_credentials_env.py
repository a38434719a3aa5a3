"""``iamtui`` commands made with the AWS CLI's credential environment variables, run as
installed: the caller is the user (or session) the access key stands for, refused as
AWS refuses a bad signature, and ``--as`` still wins.

Sources: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html (254: the
service answered with an error), https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html,
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html ("the
secret access key is accessible only during key and user creation").
"""

import json

import pytest

from store import credentials, ids
from store.account import Account

ACCOUNT = "123456789012"
GET_USER_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]})
INVALID = ("An error occurred (InvalidClientTokenId) when calling the GetUser operation: "
           "The security token included in the request is invalid.")


@pytest.fixture
def alice(store):
    store.call("CreateUser", {"UserName": "alice"})
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "get-user",
                                 "PolicyDocument": GET_USER_ONLY})
    return store.call("CreateAccessKey", {"UserName": "alice"})["AccessKey"]


@pytest.fixture
def as_env(iamtui, env):
    """Run ``iamtui`` with these credential variables set (and no other AWS_ ones)."""
    def run(*args, **variables):
        for name in [name for name in env if name.startswith("AWS_")]:
            del env[name]
        env.update(variables)
        return iamtui(*args)
    return run


def keys_of(key) -> dict:
    return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"],
            "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}


def test_the_key_answers_for_its_user(as_env, alice):
    done = as_env("iam", "get-user", **keys_of(alice))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["User"]["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/alice"


def test_what_the_users_policies_do_not_allow_is_denied(as_env, alice):
    done = as_env("iam", "list-users", **keys_of(alice))
    assert done.returncode == 254
    assert done.stderr.strip().startswith(
        f"An error occurred (AccessDenied) when calling the ListUsers operation: User: "
        f"arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: iam:ListUsers")


def test_a_wrong_secret(as_env, alice):
    done = as_env("iam", "get-user", AWS_ACCESS_KEY_ID=alice["AccessKeyId"],
                  AWS_SECRET_ACCESS_KEY="x" * 40)
    assert done.returncode == 254
    assert done.stderr.strip() == (
        "An error occurred (SignatureDoesNotMatch) when calling the GetUser operation: The "
        "request signature we calculated does not match the signature you provided. Check "
        "your AWS Secret Access Key and signing method.")


@pytest.mark.parametrize("change", ["update-access-key", "delete-access-key"])
def test_an_inactive_or_deleted_key(as_env, ok, alice, change):
    extra = ["--status", "Inactive"] if change == "update-access-key" else []
    ok("iam", change, "--user-name", "alice", "--access-key-id", alice["AccessKeyId"], *extra)
    done = as_env("iam", "get-user", **keys_of(alice))
    assert (done.returncode, done.stderr.strip()) == (254, INVALID)


def test_an_unknown_key(as_env):
    done = as_env("iam", "get-user", AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
                  AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    assert (done.returncode, done.stderr.strip()) == (254, INVALID)


def test_as_still_wins(as_env, alice):
    done = as_env("--as", "root", "iam", "list-users", AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
                  AWS_SECRET_ACCESS_KEY="wrong")
    assert done.returncode == 0, done.stderr
    assert [u["UserName"] for u in json.loads(done.stdout)["Users"]] == ["alice"]


def test_a_key_id_without_its_secret(as_env):
    done = as_env("iam", "get-user", AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE")
    assert done.returncode == 255
    assert done.stderr.strip() == "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"


def test_last_use_is_recorded(as_env, ok, alice):
    never = ok("iam", "get-access-key-last-used", "--access-key-id", alice["AccessKeyId"])
    assert never["AccessKeyLastUsed"] == {"ServiceName": "N/A", "Region": "N/A"}
    assert as_env("iam", "get-user", **keys_of(alice)).returncode == 0
    used = ok("--as", "root", "iam", "get-access-key-last-used",
              "--access-key-id", alice["AccessKeyId"])
    assert used["UserName"] == "alice"
    assert used["AccessKeyLastUsed"]["ServiceName"] == "iam"
    assert used["AccessKeyLastUsed"]["Region"] == "us-east-1"
    assert "LastUsedDate" in used["AccessKeyLastUsed"]


def test_temporary_credentials_need_their_session_token(as_env, store, alice):
    """A GetSessionToken session made with MFA (so it may call IAM: API_GetSessionToken.html)."""
    user_id = store.call("GetUser", {"UserName": "alice"})["User"]["UserId"]
    with store.database.transaction() as db:
        session = credentials.new_session(Account(store.database, db, ids.now()),
                                          credentials.SESSION_TOKEN, user_id, 3600, mfa=True)
    variables = {"AWS_ACCESS_KEY_ID": session["AccessKeyId"],
                 "AWS_SECRET_ACCESS_KEY": session["SecretAccessKey"]}
    done = as_env("iam", "get-user", **variables, AWS_SESSION_TOKEN=session["SessionToken"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["User"]["UserName"] == "alice"
    done = as_env("iam", "get-user", **variables, AWS_SESSION_TOKEN="")
    assert (done.returncode, done.stderr.strip()) == (254, INVALID)


def test_the_secret_is_shown_once(iamtui, ok, store, db):
    ok("iam", "create-user", "--user-name", "bob")
    created = iamtui("iam", "create-access-key", "--user-name", "bob")
    assert created.returncode == 0, created.stderr
    secret = json.loads(created.stdout)["AccessKey"]["SecretAccessKey"]
    assert len(secret) == 40
    listed = iamtui("iam", "list-access-keys", "--user-name", "bob")
    trail = iamtui("audit", "--json")
    for shown in (listed.stdout, trail.stdout):
        assert secret not in shown
    for path in (db, f"{db}.audit.jsonl"):
        assert secret.encode() not in open(path, "rb").read(), path
