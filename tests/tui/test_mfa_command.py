"""Virtual MFA from the command line, run as installed, with real TOTP codes.

``iamtui iam create-virtual-mfa-device`` as the AWS CLI customizes it
(https://docs.aws.amazon.com/cli/latest/reference/iam/create-virtual-mfa-device.html:
``--outfile`` and ``--bootstrap-method``, both required; the output shows only the serial
number), the other MFA operations as generated commands, and ``iamtui root ...`` for the
root user's own device
(https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html).
"""

import io
import os
import stat
import time

import pyotp
import pytest
import segno

from store import mfa
from store.ops import mfa_devices

ACCOUNT = "123456789012"


def seed_of(store, serial: str) -> str:
    return store.view().lookup("mfa_devices", "SerialNumber", serial)["Seed"]


def code_flags(seed: str) -> list[str]:
    """The codes of the current step and the next, as the flags take them."""
    now, totp = time.time(), pyotp.TOTP(seed)
    return ["--authentication-code1", totp.at(now),
            "--authentication-code2", totp.at(now + mfa.STEP)]


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def create(ok, store, tmp_path):
    """``create(name, method)``: the serial number and the file written."""
    def run(name: str, method: str = "Base32StringSeed"):
        outfile = tmp_path / f"{name}.{method}"
        printed = ok("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", name,
                     "--outfile", outfile, "--bootstrap-method", method)
        return printed, outfile
    return run


def test_the_seed_goes_to_the_outfile_and_only_the_serial_number_is_printed(create, store):
    printed, outfile = create("alice-phone")
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/alice-phone"
    assert printed == {"VirtualMFADevice": {"SerialNumber": serial}}
    assert outfile.read_text() == seed_of(store, serial)
    assert mode(outfile) == 0o600


def test_the_qr_code_png_goes_to_the_outfile_with_mode_0600(create, store, tmp_path):
    (tmp_path / "alice-phone.QRCodePNG").write_bytes(b"old")
    os.chmod(tmp_path / "alice-phone.QRCodePNG", 0o644)
    printed, outfile = create("alice-phone", "QRCodePNG")
    seed = seed_of(store, printed["VirtualMFADevice"]["SerialNumber"])
    expected = io.BytesIO()
    segno.make(mfa.otpauth_uri("alice-phone", "demo-corp", seed), error="m").save(
        expected, kind="png", scale=mfa_devices.QR_SCALE)
    assert outfile.read_bytes() == expected.getvalue()
    assert mode(outfile) == 0o600


@pytest.mark.parametrize("extra,message", [
    ([], "the following arguments are required: --outfile, --bootstrap-method"),
    (["--outfile", "/no/such/dir/seed", "--bootstrap-method", "QRCodePNG"],
     "Unable to write to file: /no/such/dir/seed"),
    (["--outfile", "seed", "--bootstrap-method", "PNG"], "invalid choice: 'PNG'"),
])
def test_bootstrap_flags_are_checked_before_any_device_is_made(iamtui, store, extra, message):
    done = iamtui("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "x", *extra)
    assert done.returncode == 252 and message in done.stderr
    assert store.call("ListVirtualMFADevices")["VirtualMFADevices"] == []


def test_enable_list_deactivate_delete_for_a_user(create, ok, iamtui, store):
    store.call("CreateUser", {"UserName": "alice"})
    serial = create("alice-phone")[0]["VirtualMFADevice"]["SerialNumber"]
    seed = seed_of(store, serial)
    ok("iam", "enable-mfa-device", "--user-name", "alice", "--serial-number", serial,
       *code_flags(seed))
    listed = ok("iam", "list-mfa-devices", "--user-name", "alice")["MFADevices"]
    assert [(d["UserName"], d["SerialNumber"]) for d in listed] == [("alice", serial)]
    virtual = iamtui("iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned")
    assert '"UserName": "alice"' in virtual.stdout and seed not in virtual.stdout
    ok("iam", "deactivate-mfa-device", "--user-name", "alice", "--serial-number", serial)
    ok("iam", "delete-virtual-mfa-device", "--serial-number", serial)
    assert ok("iam", "list-virtual-mfa-devices")["VirtualMFADevices"] == []


def test_the_root_users_own_device(create, ok, iamtui, store):
    serial = create("root-account-mfa-device")[0]["VirtualMFADevice"]["SerialNumber"]
    flags = ["--serial-number", serial, *code_flags(seed_of(store, serial))]
    assert ok("root", "enable-mfa-device", *flags) is None
    again = iamtui("root", "enable-mfa-device", *flags)
    assert again.returncode == 254
    assert again.stderr.strip() == ("An error occurred (EntityAlreadyExists) when calling the "
                                    "EnableMFADevice operation: MFA device is already in use.")
    listed = ok("root", "list-mfa-devices")["MFADevices"]
    assert [(d["UserName"], d["SerialNumber"]) for d in listed] == [(ACCOUNT, serial)]
    ok("root", "deactivate-mfa-device", "--serial-number", serial)
    assert ok("root", "list-mfa-devices")["MFADevices"] == []


def test_root_commands_refuse_wrong_codes_and_other_callers(create, iamtui, store):
    store.call("CreateUser", {"UserName": "alice"})
    serial = create("root-account-mfa-device")[0]["VirtualMFADevice"]["SerialNumber"]
    wrong = iamtui("root", "enable-mfa-device", "--serial-number", serial,
                   "--authentication-code1", "000000", "--authentication-code2", "000000")
    assert wrong.returncode == 254
    assert wrong.stderr.strip() == (
        "An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice "
        "operation: Authentication code for device is not valid.")
    denied = iamtui("--as", "alice", "root", "list-mfa-devices")
    assert denied.returncode == 254 and "(AccessDenied)" in denied.stderr
    assert store.call("ListVirtualMFADevices",
                      {"AssignmentStatus": "Assigned"})["VirtualMFADevices"] == []
