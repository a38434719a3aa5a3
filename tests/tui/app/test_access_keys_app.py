"""A user's credentials in its detail view: access keys (the secret shown once, never
stored: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html), switched
Active / Inactive, deleted; their last use; MFA devices deactivated and deleted; SSH keys."""

import pyotp

from store import keypairs
from store.mfa import STEP, step_now
from tui.screens.secret_shown import SecretShownScreen
from tui.screens.user_detail import UserDetailScreen

from detail_lines import confirm, info, lines, names, notices, open_detail, press_on


def keys(store, user: str) -> list[dict]:
    return store.call("ListAccessKeys", {"UserName": user})["AccessKeyMetadata"]


def stored_text(store) -> str:
    """Everything the store keeps on disk: the file and its audit trail."""
    with open(store.path, encoding="utf-8") as data, \
            open(store.audit_path, encoding="utf-8") as trail:
        return data.read() + trail.read()


def screen_text(app) -> str:
    """Every piece of text the screen on top shows."""
    shown = [str(widget.render()) for widget in app.screen.query("Static")]
    if isinstance(app.screen, UserDetailScreen):
        shown += [" ".join(line) for line in lines(app)]
    return "\n".join(shown)


async def test_k_shows_the_new_secret_once_and_the_store_never_holds_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, SecretShownScreen)
        [key] = keys(demo_store, "bob")
        secret = app.screen.secret
        assert len(secret) == 40
        shown = screen_text(app)
        assert shown.count(secret) == 1 and key["AccessKeyId"] in shown
        assert "only time the secret access key is shown" in shown
        await pilot.press("c")
        assert app.clipboard == secret
        await pilot.press("i")
        assert app.clipboard == key["AccessKeyId"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UserDetailScreen)
        assert secret not in screen_text(app) and secret not in notices(app)
        assert secret not in stored_text(demo_store)
        assert names(app, "access keys") == [key["AccessKeyId"]]
        assert info(app, key["AccessKeyId"]).startswith("Active · created ")
        assert info(app, key["AccessKeyId"]).endswith("· never used")


async def test_a_third_key_is_refused_in_awss_words_and_no_secret_shows(demo_store, make_app):
    for _ in range(2):
        demo_store.call("CreateAccessKey", {"UserName": "bob"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, UserDetailScreen)
        assert "An error occurred (LimitExceeded) when calling the CreateAccessKey operation: " \
               "Cannot exceed quota for AccessKeysPerUser: 2" in notices(app)
        assert len(keys(demo_store, "bob")) == 2


async def test_s_switches_a_key_inactive_and_back(demo_store, make_app):
    key_id = demo_store.call("CreateAccessKey", {"UserName": "bob"})["AccessKey"]["AccessKeyId"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        await press_on(pilot, key_id, "s")
        assert keys(demo_store, "bob")[0]["Status"] == "Inactive"
        assert info(app, key_id).startswith("Inactive")
        await pilot.press("s")
        await pilot.pause()
        assert keys(demo_store, "bob")[0]["Status"] == "Active"


async def test_s_elsewhere_changes_nothing_and_says_what_it_is_for(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("alice"))
        before = len(demo_store.audit_trail())
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, UserDetailScreen)
        assert "s switches an access key or SSH key" in notices(app)
        assert len(demo_store.audit_trail()) == before
        assert app.acting.is_root


async def test_ctrl_d_deletes_a_key_only_on_yes(demo_store, make_app):
    key_id = demo_store.call("CreateAccessKey", {"UserName": "bob"})["AccessKey"]["AccessKeyId"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        await press_on(pilot, key_id, "ctrl+d")
        await confirm(pilot, yes=False)
        assert len(keys(demo_store, "bob")) == 1
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert keys(demo_store, "bob") == []
        assert names(app, "access keys") == ["—"]


async def test_a_used_key_shows_when_and_with_which_service(demo_store, make_app):
    key = demo_store.call("CreateAccessKey", {"UserName": "bob"})["AccessKey"]
    signed = demo_store.credentials_caller(key["AccessKeyId"], key["SecretAccessKey"])
    demo_store.call("ListUsers", {}, signed)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        assert "· used " in info(app, key["AccessKeyId"])
        assert info(app, key["AccessKeyId"]).endswith("(iam, us-east-1)")


async def test_an_mfa_device_is_deactivated_and_deleted(demo_store, make_app):
    device = demo_store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "bob"})
    seed = device["VirtualMFADevice"]["Base32StringSeed"].decode()
    serial = device["VirtualMFADevice"]["SerialNumber"]
    totp, step = pyotp.TOTP(seed), step_now() - 2
    demo_store.call("EnableMFADevice", {"UserName": "bob", "SerialNumber": serial,
                                        "AuthenticationCode1": totp.at(step * STEP),
                                        "AuthenticationCode2": totp.at((step + 1) * STEP)})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        assert names(app, "MFA devices") == [serial]
        assert info(app, serial).startswith("enabled ")
        await press_on(pilot, serial, "ctrl+d")
        await confirm(pilot, yes=True)
        assert demo_store.call("ListMFADevices", {"UserName": "bob"})["MFADevices"] == []
        assert demo_store.call("ListVirtualMFADevices")["VirtualMFADevices"] == []
        assert names(app, "MFA devices") == ["—"]


async def test_an_ssh_key_is_switched_and_deleted(demo_store, make_app):
    key_id = keypairs.generate(demo_store, "bob").public["SSHPublicKeyId"]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("bob"))
        assert info(app, key_id).startswith("Active · uploaded ")
        await press_on(pilot, key_id, "s")
        assert demo_store.call("ListSSHPublicKeys", {"UserName": "bob"})[
            "SSHPublicKeys"][0]["Status"] == "Inactive"
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert demo_store.call("ListSSHPublicKeys", {"UserName": "bob"})["SSHPublicKeys"] == []


async def test_a_user_whose_parts_are_removed_here_can_then_be_deleted(demo_store, make_app):
    """The faithful way through DeleteConflict: each part removed, then DeleteUser."""
    demo_store.call("CreateAccessKey", {"UserName": "dave"})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("dave")
        await pilot.press("enter")
        await pilot.pause()
        for part in ("Developers", names(app, "access keys")[0]):
            await press_on(pilot, part, "ctrl+d")
            await confirm(pilot, yes=True)
        await pilot.press("escape")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert "deleted user dave" in notices(app)
        assert "dave" not in [u["UserName"] for u in demo_store.call("ListUsers")["Users"]]
