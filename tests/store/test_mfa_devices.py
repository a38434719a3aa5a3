"""Virtual MFA devices through the store's API, with real TOTP codes (pyotp, RFC 6238).

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html,
API_EnableMFADevice.html, API_ResyncMFADevice.html, API_DeactivateMFADevice.html,
API_DeleteVirtualMFADevice.html, API_ListMFADevices.html, API_ListVirtualMFADevices.html,
API_VirtualMFADevice.html; the quota: https://docs.aws.amazon.com/IAM/latest/UserGuide/Using_ManagingMFA.html
("up to eight MFA devices"); the self-service policy:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html.

No test waits for the clock: codes are computed for the current step and the ones around
it, which the store's windows accept or refuse.
"""

import base64
import io
import json
import time

import pyotp
import pytest
import segno

from calls import error
from store import ids, mfa
from store.account import Account
from store.ops import mfa_devices

ACCOUNT = "123456789012"
INVALID = ("InvalidAuthenticationCode", "Authentication code for device is not valid.")

SELF_MANAGE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:ListVirtualMFADevices", "Resource": "*"},
    {"Effect": "Allow", "Action": ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
     "Resource": "arn:aws:iam::*:mfa/${aws:username}"},
    {"Effect": "Allow", "Action": ["iam:EnableMFADevice", "iam:DeactivateMFADevice",
                                   "iam:ListMFADevices", "iam:ResyncMFADevice"],
     "Resource": "arn:aws:iam::*:user/${aws:username}"}]})


@pytest.fixture
def alice(store):
    return store.call("CreateUser", {"UserName": "alice"})["User"]


def create(store, name="alice-phone", caller=None, **params) -> tuple[str, str]:
    """A new device's serial number and seed."""
    device = store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": name, **params},
                        caller)["VirtualMFADevice"]
    return device["SerialNumber"], device["Base32StringSeed"].decode()


def codes(seed: str, first: int = 0, second: int | None = None) -> dict:
    """The device's codes ``first`` steps from now and (by default) the step after."""
    second = first + 1 if second is None else second
    now, totp = time.time(), pyotp.TOTP(seed)
    return {"AuthenticationCode1": totp.at(now + first * mfa.STEP),
            "AuthenticationCode2": totp.at(now + second * mfa.STEP)}


def enable(store, serial, seed, user="alice", caller=None, **when):
    store.call("EnableMFADevice", {"UserName": user, "SerialNumber": serial,
                                   **codes(seed, **when)}, caller)


def statuses(store, status="Any") -> dict:
    listed = store.call("ListVirtualMFADevices", {"AssignmentStatus": status})
    return {d["SerialNumber"]: d.get("User", {}).get("Arn") for d in listed["VirtualMFADevices"]}


# --- creating ---------------------------------------------------------------------

def test_create_answers_as_aws_with_the_seed_the_store_keeps(store):
    device = store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "alice-phone",
                                                   "Path": "/eng/"})["VirtualMFADevice"]
    assert list(device) == ["SerialNumber", "Base32StringSeed", "QRCodePNG"]
    assert device["SerialNumber"] == f"arn:aws:iam::{ACCOUNT}:mfa/eng/alice-phone"
    seed = device["Base32StringSeed"]
    assert isinstance(seed, bytes) and len(base64.b32decode(seed)) * 8 >= 160
    stored = store.view().lookup("mfa_devices", "SerialNumber", device["SerialNumber"])
    assert stored["Seed"] == seed.decode() and stored["Owner"] is None
    assert statuses(store, "Unassigned") == {device["SerialNumber"]: None}


@pytest.mark.parametrize("alias,label", [("demo-corp", "demo-corp"), (None, ACCOUNT)])
def test_the_qr_code_is_segnos_png_of_awss_otpauth_uri(store, alias, label):
    if alias is None:
        store.call("DeleteAccountAlias", {"AccountAlias": "demo-corp"})
    device = store.call("CreateVirtualMFADevice",
                        {"VirtualMFADeviceName": "alice-phone"})["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    uri = (f"otpauth://totp/Amazon%20Web%20Services:alice-phone@{label}?secret={seed}"
           "&issuer=Amazon%20Web%20Services")
    png = device["QRCodePNG"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    expected = io.BytesIO()
    segno.make(uri, error="m").save(expected, kind="png", scale=mfa_devices.QR_SCALE)
    assert png == expected.getvalue()


def test_a_taken_name_is_refused_whatever_the_path_or_case(store):
    create(store)
    for path in ("/", "/other/"):
        err = error(lambda path=path: create(store, "Alice-Phone", Path=path))
        assert (err.code, err.status) == ("EntityAlreadyExists", 409)
    assert len(statuses(store)) == 1


# --- enabling ---------------------------------------------------------------------

def test_enable_with_two_consecutive_codes_then_list(store, alice):
    serial, seed = create(store)
    other, _ = create(store, "spare")
    enable(store, serial, seed)
    assert store.call("ListMFADevices", {"UserName": "alice"})["MFADevices"] == [
        {"UserName": "alice", "SerialNumber": serial,
         "EnableDate": store.call("GetMFADevice", {"SerialNumber": serial,
                                                   "UserName": "alice"})["EnableDate"]}]
    assert statuses(store, "Assigned") == {serial: alice["Arn"]}
    assert statuses(store, "Unassigned") == {other: None}
    assert statuses(store) == {serial: alice["Arn"], other: None}
    user = store.call("ListVirtualMFADevices", {"AssignmentStatus": "Assigned"})[
        "VirtualMFADevices"][0]["User"]
    assert user["UserName"] == "alice" and "Tags" not in user


@pytest.mark.parametrize("first,second", [
    (1, 0),      # in the wrong order
    (0, 2),      # not consecutive
    (0, 0),      # the same code twice
    (-20, -19),  # ten minutes old: beyond the five minutes enabling allows
    (5, 6),      # from the future
])
def test_enable_refuses_codes_that_are_not_two_fresh_consecutive_ones(store, alice, first,
                                                                       second):
    serial, seed = create(store)
    err = error(lambda: enable(store, serial, seed, first=first, second=second))
    assert (err.code, err.message, err.status) == (*INVALID, 403)
    assert statuses(store, "Assigned") == {}


def test_codes_typed_slowly_are_accepted(store, alice):
    serial, seed = create(store)
    enable(store, serial, seed, first=-8)  # four minutes ago
    assert statuses(store, "Assigned") == {serial: alice["Arn"]}


def test_a_wrong_code_is_refused(store, alice):
    serial, seed = create(store)
    _, other_seed = create(store, "other")
    params = {**codes(seed), "AuthenticationCode2": codes(other_seed)["AuthenticationCode2"]}
    err = error(lambda: store.call("EnableMFADevice", {"UserName": "alice",
                                                       "SerialNumber": serial, **params}))
    assert (err.code, err.message) == INVALID


def test_enabling_uses_the_codes_up(store, alice):
    serial, seed = create(store)
    used = codes(seed)
    store.call("EnableMFADevice", {"UserName": "alice", "SerialNumber": serial, **used})
    store.call("DeactivateMFADevice", {"UserName": "alice", "SerialNumber": serial})
    err = error(lambda: store.call("EnableMFADevice", {"UserName": "alice",
                                                       "SerialNumber": serial, **used}))
    assert (err.code, err.message) == INVALID


def test_an_assigned_device_cannot_be_enabled_again(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    serial, seed = create(store)
    enable(store, serial, seed, first=-4)
    for user in ("alice", "bob"):
        err = error(lambda user=user: enable(store, serial, seed, user=user, first=-2))
        assert (err.code, err.status) == ("EntityAlreadyExists", 409)


def test_a_user_has_at_most_eight_devices(store, alice):
    for number in range(8):
        enable(store, *create(store, f"phone-{number}"))
    serial, seed = create(store, "ninth")
    err = error(lambda: enable(store, serial, seed))
    assert (err.code, err.message) == ("LimitExceeded",
                                       "Cannot exceed quota for MFADevicesPerUser: 8")
    store.call("CreateUser", {"UserName": "bob"})
    enable(store, serial, seed, user="bob")  # the quota is each user's


def test_an_enabled_device_verifies_later_codes_once(store, alice):
    """After enabling with the codes of two steps ago, a sign-in's code of now is
    accepted, once (store.mfa.verify)."""
    serial, seed = create(store)
    enable(store, serial, seed, first=-2)
    code = pyotp.TOTP(seed).now()

    def sign_in() -> bool:
        with store.database.transaction() as db:
            return mfa.verify(Account(store.database, db, ids.now()), alice["UserId"], serial,
                              code)
    assert [sign_in(), sign_in()] == [True, False]


# --- resyncing, deactivating, deleting -------------------------------------------------

def test_resync_accepts_a_clock_running_ahead_within_twenty_minutes(store, alice):
    serial, seed = create(store)
    enable(store, serial, seed)
    resync = {"UserName": "alice", "SerialNumber": serial}
    store.call("ResyncMFADevice", {**resync, **codes(seed, first=30)})  # 15 minutes ahead
    err = error(lambda: store.call("ResyncMFADevice", {**resync, **codes(seed, first=30)}))
    assert (err.code, err.message) == INVALID  # used up
    err = error(lambda: store.call("ResyncMFADevice", {**resync, **codes(seed, first=60)}))
    assert (err.code, err.message) == INVALID  # 30 minutes ahead


def test_resync_of_another_users_device_is_not_found(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    serial, seed = create(store)
    enable(store, serial, seed)
    err = error(lambda: store.call("ResyncMFADevice", {"UserName": "bob", "SerialNumber": serial,
                                                       **codes(seed, first=2)}))
    assert (err.code, err.message) == ("NoSuchEntity", f"Device {serial} not found")


def test_deactivate_then_delete(store, alice):
    serial, seed = create(store)
    enable(store, serial, seed)
    err = error(lambda: store.call("DeleteVirtualMFADevice", {"SerialNumber": serial}))
    assert (err.code, err.status) == ("DeleteConflict", 409)
    store.call("DeactivateMFADevice", {"UserName": "alice", "SerialNumber": serial})
    assert store.call("ListMFADevices", {"UserName": "alice"})["MFADevices"] == []
    assert statuses(store, "Unassigned") == {serial: None}
    store.call("DeleteVirtualMFADevice", {"SerialNumber": serial})
    assert statuses(store) == {}
    err = error(lambda: store.call("DeleteVirtualMFADevice", {"SerialNumber": serial}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"VirtualMFADevice with serial number {serial} doesn't exist.")


# --- the root user's own device --------------------------------------------------------

def test_the_root_user_enables_lists_and_deactivates_its_own_device(store, alice):
    root = store.identity("root")
    serial, seed = create(store, "root-account-mfa-device")
    mfa_devices.enable_root_device(store, serial, *codes(seed).values(), root)
    listed = mfa_devices.list_root_devices(store, root)["MFADevices"]
    assert [(d["UserName"], d["SerialNumber"]) for d in listed] == [(ACCOUNT, serial)]
    assert store.call("ListMFADevices", {})["MFADevices"] == listed
    assert store.call("ListMFADevices", {"UserName": "alice"})["MFADevices"] == []
    user = store.call("ListVirtualMFADevices")["VirtualMFADevices"][0]["User"]
    assert (user["UserId"], user["Arn"]) == (ACCOUNT, f"arn:aws:iam::{ACCOUNT}:root")
    mfa_devices.deactivate_root_device(store, serial, root)
    assert mfa_devices.list_root_devices(store, root)["MFADevices"] == []


def test_only_the_root_user_manages_the_root_users_device(store, alice):
    serial, seed = create(store, "root-account-mfa-device")
    me = store.identity("alice")
    for attempt in (lambda: mfa_devices.enable_root_device(store, serial,
                                                           *codes(seed).values(), me),
                    lambda: mfa_devices.deactivate_root_device(store, serial, me),
                    lambda: mfa_devices.list_root_devices(store, me)):
        assert error(attempt).code == "AccessDenied"
    assert statuses(store, "Assigned") == {}


def test_the_root_users_codes_are_checked_too(store):
    serial, seed = create(store, "root-account-mfa-device")
    err = error(lambda: mfa_devices.enable_root_device(
        store, serial, *codes(seed, second=3).values(), store.identity("root")))
    assert (err.code, err.message) == INVALID
    assert store.audit_trail(event="EnableMFADevice")[0]["errorCode"] == INVALID[0]


# --- who may ---------------------------------------------------------------------------

def test_a_user_manages_their_own_device_with_the_aws_example_policy(store, alice):
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "own-mfa",
                                 "PolicyDocument": SELF_MANAGE})
    store.call("CreateUser", {"UserName": "bob"})
    me = store.identity("alice")
    serial, seed = create(store, "alice", caller=me)
    enable(store, serial, seed, caller=me)
    assert store.call("ListMFADevices", {"UserName": "alice"}, me)["MFADevices"][0][
        "SerialNumber"] == serial
    assert error(lambda: create(store, "bob", caller=me)).code == "AccessDenied"
    bobs, bobs_seed = create(store, "bob")
    err = error(lambda: enable(store, bobs, bobs_seed, user="bob", caller=me))
    assert err.message.startswith(f"User: arn:aws:iam::{ACCOUNT}:user/alice is not "
                                  f"authorized to perform: iam:EnableMFADevice on resource: "
                                  f"arn:aws:iam::{ACCOUNT}:user/bob")
    store.call("DeactivateMFADevice", {"UserName": "alice", "SerialNumber": serial}, me)
    store.call("DeleteVirtualMFADevice", {"SerialNumber": serial}, me)


# --- tags ------------------------------------------------------------------------------

def test_device_tags(store):
    serial, _ = create(store, Tags=[{"Key": "team", "Value": "blue"}])
    store.call("TagMFADevice", {"SerialNumber": serial, "Tags": [{"Key": "cost", "Value": "1"}]})
    store.call("UntagMFADevice", {"SerialNumber": serial, "TagKeys": ["TEAM"]})
    assert store.call("ListMFADeviceTags", {"SerialNumber": serial})["Tags"] == [
        {"Key": "cost", "Value": "1"}]
    assert "Tags" not in store.call("ListVirtualMFADevices")["VirtualMFADevices"][0]


# --- secrets ---------------------------------------------------------------------------

def test_no_code_is_kept_and_the_seed_only_in_the_store(store, alice):
    serial, seed = create(store)
    used = [codes(seed), codes(seed, first=4)]
    store.call("EnableMFADevice", {"UserName": "alice", "SerialNumber": serial, **used[0]})
    store.call("ResyncMFADevice", {"UserName": "alice", "SerialNumber": serial, **used[1]})
    with open(store.path) as handle:
        stored = handle.read()
    with open(store.audit_path) as handle:
        trail = handle.read()
    assert seed in stored and seed not in trail
    assert base64.b64encode(seed.encode()).decode() not in trail
    for code in (c for pair in used for c in pair.values()):
        assert code not in trail and code not in stored
    enabled = store.audit_trail(event="EnableMFADevice")[0]["requestParameters"]
    assert enabled["authenticationCode1"] == "HIDDEN_DUE_TO_SECURITY_REASONS"


@pytest.mark.parametrize("operation,params,fragment", [
    ("EnableMFADevice", {"UserName": "alice", "SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/x",
                         "AuthenticationCode1": "12345", "AuthenticationCode2": "123456"},
     ("at 'authenticationCode1' failed to satisfy constraint: Member must have length "
      "greater than or equal to 6")),
    ("ListVirtualMFADevices", {"AssignmentStatus": "Some"},
     "Member must satisfy enum value set: [Assigned, Unassigned, Any]"),
])
def test_malformed_requests_are_refused_in_aws_words(store, alice, operation, params, fragment):
    err = error(lambda: store.call(operation, params))
    assert err.code == "ValidationError" and fragment in err.message
