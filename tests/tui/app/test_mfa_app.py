"""Enrolling a virtual MFA device from the app, for a user and for the root user: the
codes are real TOTP codes (pyotp) computed from the secret the screen shows, and the
store decides (EnableMFADevice: two consecutive codes, each usable once).
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
"""

import pyotp
import pytest
import segno
from textual.widgets import DataTable

from store import IamError, mfa
from store.ops import mfa_devices
from store.principals import root
from tui.screens.mfa_enroll import MfaEnrollScreen, grouped
from tui.screens.user_detail import UserDetailScreen
from tui.widgets.qr import BORDER, QrCode, drawing

ACCOUNT = "123456789012"
REFUSED = ("An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice "
           "operation: Authentication code for device is not valid.")


def shown_secret(screen) -> str:
    return str(screen.query_one("#mfa-secret").render()).replace(" ", "").replace("\n", "")


def consecutive_codes(secret: str) -> tuple[str, str]:
    """The codes of the last step and of this one, as an app shows them in turn."""
    totp, step = pyotp.TOTP(secret), mfa.step_now() - 1
    return totp.at(step * mfa.STEP), totp.at((step + 1) * mfa.STEP)


async def type_codes(pilot, first: str, second: str) -> None:
    await pilot.press(*first, "enter", *second, "enter")
    await pilot.pause()


async def enroll_screen(app, pilot, user_name):
    app.push_screen(MfaEnrollScreen(user_name))
    await pilot.pause()
    return app.screen


def devices(store) -> list[str]:
    return [device["SerialNumber"] for device in
            store.call("ListVirtualMFADevices", {})["VirtualMFADevices"]]


async def test_a_user_enrolls_with_two_consecutive_codes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        serial = f"arn:aws:iam::{ACCOUNT}:mfa/dave"
        assert screen.serial_number == serial
        secret = shown_secret(screen)
        assert len(secret) == 64
        # the QR code carries the same secret, in the URI AWS's QR codes carry
        uri = mfa.otpauth_uri("dave", "demo-corp", secret)
        assert screen.query_one(QrCode).data == uri
        # not enabled yet: listed, unassigned
        assert demo_store.call("ListMFADevices", {"UserName": "dave"})["MFADevices"] == []
        await type_codes(pilot, *consecutive_codes(secret))
        assert not isinstance(app.screen, MfaEnrollScreen)
    listed = demo_store.call("ListMFADevices", {"UserName": "dave"})["MFADevices"]
    assert [device["SerialNumber"] for device in listed] == [serial]


async def test_wrong_codes_are_refused_in_aws_words_and_can_be_typed_again(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        first, second = consecutive_codes(shown_secret(screen))
        await type_codes(pilot, second, first)        # the right codes, the wrong order
        assert app.screen is screen
        assert str(screen.query_one("#mfa-refusal").render()).replace("\n", " ") == REFUSED
        assert screen.query_one("#code1").value == "" and screen.query_one("#code1").has_focus
        assert demo_store.call("ListMFADevices", {"UserName": "dave"})["MFADevices"] == []
        await type_codes(pilot, first, second)
        assert app.screen is not screen
    assert demo_store.call("ListMFADevices", {"UserName": "dave"})["MFADevices"]


async def test_the_codes_that_enabled_the_device_are_used_up(demo_store, make_app):
    """A replayed code is refused: the code that enabled the device cannot then get an
    MFA session (GetSessionToken), while the app's next code can."""
    key = demo_store.call("CreateAccessKey", {"UserName": "dave"})["AccessKey"]
    dave = demo_store.credentials_caller(key["AccessKeyId"], key["SecretAccessKey"])
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        secret, serial = shown_secret(screen), screen.serial_number
        first, second = consecutive_codes(secret)
        await type_codes(pilot, first, second)
    with pytest.raises(IamError) as refused:
        demo_store.call("GetSessionToken", {"SerialNumber": serial, "TokenCode": second}, dave)
    assert (refused.value.code, refused.value.message) == (
        "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
    fresh = pyotp.TOTP(secret).at((mfa.step_now() + 1) * mfa.STEP)
    assert demo_store.call("GetSessionToken", {"SerialNumber": serial, "TokenCode": fresh},
                           dave)["Credentials"]


async def test_esc_deletes_the_device_that_was_never_enabled(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        assert devices(demo_store) == [screen.serial_number]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert devices(demo_store) == []


async def test_leaving_the_app_mid_enrollment_deletes_the_device(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await enroll_screen(app, pilot, "dave")
        assert len(devices(demo_store)) == 1
    assert devices(demo_store) == []


async def test_a_taken_device_name_gets_the_next_free_one(demo_store, make_app):
    demo_store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "dave"})
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        assert screen.serial_number == f"arn:aws:iam::{ACCOUNT}:mfa/dave-2"


async def test_the_root_user_enrolls_its_own_device_with_M(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("M")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MfaEnrollScreen) and screen.user_name is None
        assert screen.serial_number == f"arn:aws:iam::{ACCOUNT}:mfa/root-account-mfa-device"
        await type_codes(pilot, *consecutive_codes(shown_secret(screen)))
        assert app.screen is not screen
    listed = mfa_devices.list_root_devices(demo_store, root(ACCOUNT))["MFADevices"]
    assert [device["SerialNumber"] for device in listed] == [screen.serial_number]


async def test_only_the_root_user_may_enroll_roots_device(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("admin"))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, None)
        refusal = str(screen.query_one("#mfa-refusal").render())
        assert "AccessDenied" in refusal and "only the root user may" in refusal
        assert screen.serial_number is None
    assert devices(demo_store) == []


async def test_a_caller_who_may_not_create_devices_is_told_so(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("dave"))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        refusal = str(screen.query_one("#mfa-refusal").render()).replace("\n", " ")
        assert refusal.startswith("An error occurred (AccessDenied) when calling the "
                                  "CreateVirtualMFADevice operation: User: ")
        assert "iam:CreateVirtualMFADevice" in refusal
    assert devices(demo_store) == []


async def test_read_only_makes_nothing(demo_store, make_app):
    app = make_app(demo_store, read_only=True)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        assert "read-only" in str(screen.query_one("#mfa-refusal").render())
    assert devices(demo_store) == []


async def test_a_small_terminal_says_the_code_is_cut_and_keeps_the_key(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enroll_screen(app, pilot, "dave")
        await pilot.pause()
        assert "terminal to scan" in str(screen.query_one("#mfa-scan").render())
        assert len(shown_secret(screen)) == 64
        assert screen.query_one("#code1").region.bottom <= 23   # above the footer
        assert screen.query_one("#code2").region.bottom <= 23


def test_the_qr_drawing_is_the_codes_modules_light_as_blocks():
    """Each character cell is two modules, top and bottom; a light module is drawn (the
    widget's white foreground), a dark one is left (its black background)."""
    uri = mfa.otpauth_uri("alice", "demo-corp", mfa.new_seed())
    code = segno.make(uri, error="m")
    light = [[not dark for dark in row] for row in code.matrix_iter(border=BORDER)]
    if len(light) % 2:
        light.append([False] * len(light[0]))
    cells = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    expected = ["".join(cells[top, bottom] for top, bottom in zip(upper, lower)).rstrip()
                for upper, lower in zip(light[::2], light[1::2])]
    assert [line.rstrip() for line in drawing(uri).splitlines()] == expected
    assert (code.version, len(expected), max(map(len, expected))) == (9, 29, 57)


def test_the_secret_is_shown_in_groups_of_four():
    assert grouped("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") == \
        "JBSW Y3DP EHPK 3PXP\nJBSW Y3DP EHPK 3PXP"


async def test_m_on_a_user_in_the_detail_enrolls_and_the_detail_lists_the_device(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 34)) as pilot:
        app.query_one("#users").select("dave")
        await pilot.press("d")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, UserDetailScreen)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MfaEnrollScreen) and screen.user_name == "dave"
        await type_codes(pilot, *consecutive_codes(shown_secret(screen)))
        assert app.screen is detail
        table = detail.query_one(DataTable)
        cells = [table.get_row_at(row)[1].plain for row in range(table.row_count)]
        assert f"arn:aws:iam::{ACCOUNT}:mfa/dave" in cells
