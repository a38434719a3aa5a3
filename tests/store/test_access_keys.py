"""Access keys through the store's API, and the callers they stand for.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html,
API_UpdateAccessKey.html, API_DeleteAccessKey.html, API_ListAccessKeys.html,
API_GetAccessKeyLastUsed.html, API_AccessKeyLastUsed.html, API_DeleteUser.html;
quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
prefixes: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html.
"""

import json
import re

import pytest

from calls import error
from store.principals import Identity

ACCOUNT = "123456789012"

# "IAM: Allows IAM users to update their own credentials programmatically and in the
# console", as the page has it
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_credentials_console.html)
MANAGE_OWN_KEYS = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:ListUsers", "iam:GetAccountPasswordPolicy"],
     "Resource": "*"},
    {"Effect": "Allow",
     "Action": ["iam:*AccessKey*", "iam:ChangePassword", "iam:GetUser",
                "iam:*ServiceSpecificCredential*", "iam:*SigningCertificate*"],
     "Resource": ["arn:aws:iam::*:user/${aws:username}"]}]})


@pytest.fixture
def alice(store):
    return store.call("CreateUser", {"UserName": "alice"})["User"]


def create_key(store, user="alice", caller=None):
    params = {"UserName": user} if user else {}
    return store.call("CreateAccessKey", params, caller)["AccessKey"]


def as_key(store, key):
    return store.credentials_caller(key["AccessKeyId"], key["SecretAccessKey"])


# --- create, list, update, delete -------------------------------------------------------

def test_create_access_key_answers_as_aws(store, alice):
    key = create_key(store)
    assert list(key) == ["UserName", "AccessKeyId", "Status", "SecretAccessKey", "CreateDate"]
    assert key["UserName"] == "alice" and key["Status"] == "Active"
    assert re.fullmatch(r"AKIA[A-Z2-7]{16}", key["AccessKeyId"])
    assert re.fullmatch(r"[A-Za-z0-9+/]{40}", key["SecretAccessKey"])


def test_list_shows_metadata_only(store, alice):
    first, second = create_key(store), create_key(store)
    listed = store.call("ListAccessKeys", {"UserName": "alice"})
    assert listed["AccessKeyMetadata"] == [
        {k: key[k] for k in ("UserName", "AccessKeyId", "Status", "CreateDate")}
        for key in (first, second)]
    assert listed["IsTruncated"] is False


def test_the_secret_is_in_the_create_response_and_nowhere_else(store, alice):
    key = create_key(store)
    store.call("ListAccessKeys", {"UserName": "alice"})
    secret = key["SecretAccessKey"].encode()
    for path in (store.path, store.audit_path):
        with open(path, "rb") as handle:
            assert secret not in handle.read(), path
    [created] = store.audit_trail(event="CreateAccessKey")
    assert created["responseElements"]["accessKey"]["secretAccessKey"] == \
        "HIDDEN_DUE_TO_SECURITY_REASONS"
    assert created["responseElements"]["accessKey"]["accessKeyId"] == key["AccessKeyId"]


def test_two_keys_at_most(store, alice):
    first, _ = create_key(store), create_key(store)
    err = error(lambda: create_key(store))
    assert (err.code, err.message) == ("LimitExceeded",
                                       "Cannot exceed quota for AccessKeysPerUser: 2")
    assert len(store.call("ListAccessKeys", {"UserName": "alice"})["AccessKeyMetadata"]) == 2
    store.call("DeleteAccessKey", {"UserName": "alice", "AccessKeyId": first["AccessKeyId"]})
    create_key(store)


def test_update_status(store, alice):
    key = create_key(store)
    store.call("UpdateAccessKey", {"UserName": "alice", "AccessKeyId": key["AccessKeyId"],
                                   "Status": "Inactive"})
    [listed] = store.call("ListAccessKeys", {"UserName": "alice"})["AccessKeyMetadata"]
    assert listed["Status"] == "Inactive"


def test_another_users_key_is_not_found(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    key = create_key(store, "bob")
    for operation, extra in (("UpdateAccessKey", {"Status": "Inactive"}),
                             ("DeleteAccessKey", {})):
        err = error(lambda: store.call(operation, {
            "UserName": "alice", "AccessKeyId": key["AccessKeyId"], **extra}))
        assert (err.code, err.message) == (
            "NoSuchEntity", f"The Access Key with id {key['AccessKeyId']} cannot be found.")
    assert store.call("ListAccessKeys", {"UserName": "bob"})["AccessKeyMetadata"][0]["Status"] \
        == "Active"


def test_unknown_user(store):
    err = error(lambda: create_key(store, "nobody"))
    assert (err.code, err.message) == ("NoSuchEntity",
                                       "The user with name nobody cannot be found.")


# --- without UserName: the caller's own keys ---------------------------------------------

def test_root_manages_its_own_keys(store, alice):
    key = create_key(store, user=None)
    assert key["UserName"] == ACCOUNT
    assert store.call("ListAccessKeys", {})["AccessKeyMetadata"][0]["AccessKeyId"] == \
        key["AccessKeyId"]
    assert store.call("ListAccessKeys", {"UserName": "alice"})["AccessKeyMetadata"] == []
    assert as_key(store, key).is_root


def test_a_user_manages_their_own_keys_with_the_aws_example_policy(store, alice):
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "own-keys",
                                 "PolicyDocument": MANAGE_OWN_KEYS})
    store.call("CreateUser", {"UserName": "bob"})
    me = as_key(store, create_key(store))
    second = create_key(store, user=None, caller=me)
    assert second["UserName"] == "alice"
    listed = store.call("ListAccessKeys", {}, me)["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in listed][1] == second["AccessKeyId"]
    err = error(lambda: create_key(store, "bob", caller=me))
    assert err.code == "AccessDenied"
    assert err.message.startswith(f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized "
                                  f"to perform: iam:CreateAccessKey on resource: "
                                  f"arn:aws:iam::{ACCOUNT}:user/bob")


def test_a_user_without_permission_is_refused_even_for_their_own_keys(store, alice):
    me = as_key(store, create_key(store))
    err = error(lambda: store.call("ListAccessKeys", {}, me))
    assert err.code == "AccessDenied"
    assert f"iam:ListAccessKeys on resource: arn:aws:iam::{ACCOUNT}:user/alice" in err.message


def test_a_role_session_must_name_the_user(store, alice):
    session = Identity("assumed-role", f"arn:aws:sts::{ACCOUNT}:assumed-role/ops/s", ACCOUNT,
                       "ops")
    err = error(lambda: store.call("ListAccessKeys", {}, session))
    assert (err.code, err.message) == (
        "ValidationError", "Must specify userName when calling with non-User credentials")


# --- keys as callers ------------------------------------------------------------------

def test_a_key_stands_for_its_user(store, alice):
    me = as_key(store, create_key(store))
    assert (me.kind, me.arn, me.name) == ("user", alice["Arn"], "alice")


def test_a_wrong_secret_does_not_match(store, alice):
    key = create_key(store)
    err = error(lambda: store.credentials_caller(key["AccessKeyId"], "x" * 40))
    assert err.code == "SignatureDoesNotMatch"


@pytest.mark.parametrize("change", ["UpdateAccessKey", "DeleteAccessKey"])
def test_an_inactive_or_deleted_key_is_refused(store, alice, change):
    key = create_key(store)
    params = {"UserName": "alice", "AccessKeyId": key["AccessKeyId"]}
    store.call(change, {**params, "Status": "Inactive"} if change == "UpdateAccessKey" else params)
    err = error(lambda: as_key(store, key))
    assert (err.code, err.message) == (
        "InvalidClientTokenId", "The security token included in the request is invalid.")


def test_an_inactive_key_made_active_again_works(store, alice):
    key = create_key(store)
    params = {"UserName": "alice", "AccessKeyId": key["AccessKeyId"]}
    store.call("UpdateAccessKey", {**params, "Status": "Inactive"})
    store.call("UpdateAccessKey", {**params, "Status": "Active"})
    assert as_key(store, key).name == "alice"


# --- last use -------------------------------------------------------------------------

def test_a_key_never_used(store, alice):
    key = create_key(store)
    answer = store.call("GetAccessKeyLastUsed", {"AccessKeyId": key["AccessKeyId"]})
    assert answer == {"UserName": "alice",
                      "AccessKeyLastUsed": {"ServiceName": "N/A", "Region": "N/A"}}


def test_last_use_is_recorded(store, alice):
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "own-keys",
                                 "PolicyDocument": MANAGE_OWN_KEYS})
    key = create_key(store)
    store.call("GetUser", {"UserName": "alice"}, as_key(store, key))
    used = store.call("GetAccessKeyLastUsed", {"AccessKeyId": key["AccessKeyId"]})
    assert used["AccessKeyLastUsed"]["ServiceName"] == "iam"
    assert used["AccessKeyLastUsed"]["Region"] == "us-east-1"
    assert used["AccessKeyLastUsed"]["LastUsedDate"][:4].isdigit()


def test_last_use_of_an_unknown_key(store):
    err = error(lambda: store.call("GetAccessKeyLastUsed",
                                   {"AccessKeyId": "AKIAAAAAAAAAAAAAAAAA"}))
    assert err.code == "NoSuchEntity"


# --- DeleteUser while credentials remain (API_DeleteUser.html) --------------------------

def give(store, table, document):
    """Put a document straight into a credentials table (login profiles and MFA devices
    have operations of their own, written elsewhere; DeleteUser reads only the table)."""
    with store.database.transaction() as db:
        db.table(table).insert(document)


@pytest.mark.parametrize("table,document,message", [
    ("login_profiles", {"CreateDate": "2024-01-01T00:00:00+00:00"},
     "Cannot delete entity, must delete login profile first."),
    ("mfa_devices", {"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/a",
                     "EnableDate": "2024-01-01T00:00:00+00:00"},
     "Cannot delete entity, must delete MFA device first."),
])
def test_delete_user_refused_while_a_password_or_mfa_device_remains(store, alice, table,
                                                                     document, message):
    give(store, table, {**document, "Owner": alice["UserId"]})
    err = error(lambda: store.call("DeleteUser", {"UserName": "alice"}))
    assert (err.code, err.message) == ("DeleteConflict", message)


def test_delete_user_refused_while_access_keys_remain(store, alice):
    key = create_key(store)
    err = error(lambda: store.call("DeleteUser", {"UserName": "alice"}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete entity, must delete access keys first.")
    store.call("DeleteAccessKey", {"UserName": "alice", "AccessKeyId": key["AccessKeyId"]})
    store.call("DeleteUser", {"UserName": "alice"})


def test_an_mfa_device_not_enabled_does_not_block(store, alice):
    give(store, "mfa_devices", {"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/a",
                                "Owner": alice["UserId"], "EnableDate": None})
    store.call("DeleteUser", {"UserName": "alice"})


def test_delete_user_names_the_password_before_the_keys(store, alice):
    create_key(store)
    give(store, "login_profiles", {"Owner": alice["UserId"]})
    err = error(lambda: store.call("DeleteUser", {"UserName": "alice"}))
    assert err.message == "Cannot delete entity, must delete login profile first."


def test_another_users_credentials_do_not_block(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    create_key(store, "bob")
    store.call("DeleteUser", {"UserName": "alice"})
