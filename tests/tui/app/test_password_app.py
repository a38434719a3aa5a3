"""Console passwords from a user's detail view (CreateLoginProfile / UpdateLoginProfile /
DeleteLoginProfile) and the account password policy (``P`` on the users pane), with the
store's rules and AWS's wording of a refusal
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html)."""

import pytest

from store import IamError, secrets
from tui.screens.form import FormScreen
from tui.screens.password_policy import PasswordPolicyScreen
from tui.screens.user_detail import UserDetailScreen

from detail_lines import confirm, fill, form_error, info, names, notices, open_detail, press_on

GOOD = "Corr3ct-Horse-Battery!"


def profile(store, user: str) -> dict:
    return store.call("GetLoginProfile", {"UserName": user})["LoginProfile"]


def has_password(store, user: str, password: str) -> bool:
    owner = store.call("GetUser", {"UserName": user})["User"]["UserId"]
    stored = store.view().lookup("login_profiles", "Owner", owner)
    return secrets.password_matches(stored["PasswordHash"], password)


def policy(store) -> dict:
    return store.call("GetAccountPasswordPolicy")["PasswordPolicy"]


# --- a user's password -----------------------------------------------------------------

async def test_p_sets_a_password_that_must_be_reset_at_next_sign_in(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("dave"))
        assert names(app, "password") == ["not set"]
        await pilot.press("p")
        await pilot.pause()
        assert "Set the console password of dave" in str(
            app.screen.query_one(".title").render())
        await fill(pilot, {"password": GOOD, "again": GOOD})
        assert isinstance(app.screen, UserDetailScreen)
        assert profile(demo_store, "dave")["PasswordResetRequired"] is True
        assert has_password(demo_store, "dave", GOOD)
        assert names(app, "password") == ["set"]
        assert info(app, "set").startswith("reset required · created ")
        assert GOOD not in open(demo_store.path, encoding="utf-8").read()


async def test_p_on_a_user_with_a_password_resets_it(demo_store, make_app):
    demo_store.call("CreateLoginProfile", {"UserName": "dave", "Password": GOOD})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("dave"))
        await pilot.press("p")
        await pilot.pause()
        assert "Reset the console password of dave" in str(
            app.screen.query_one(".title").render())
        await fill(pilot, {"password": "An0ther-Horse-Battery!", "again": "An0ther-Horse-Battery!",
                           "reset": False})
        assert has_password(demo_store, "dave", "An0ther-Horse-Battery!")
        assert profile(demo_store, "dave")["PasswordResetRequired"] is False


async def test_two_different_passwords_send_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("dave"))
        before = len(demo_store.audit_trail())
        await pilot.press("p")
        await fill(pilot, {"password": GOOD, "again": GOOD + "x"})
        assert isinstance(app.screen, FormScreen)
        assert "The two passwords differ" in form_error(app)
        assert len(demo_store.audit_trail()) == before
        with pytest.raises(IamError, match="cannot be found"):
            profile(demo_store, "dave")


async def test_a_password_the_policy_refuses_shows_awss_words_and_changes_nothing(
        demo_store, make_app):
    demo_store.call("UpdateAccountPasswordPolicy", {"MinimumPasswordLength": 24,
                                                    "RequireSymbols": True})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("dave"))
        await pilot.press("p")
        await pilot.pause()
        assert "Password policy: at least 24 characters, with a symbol." in str(
            app.screen.query_one(".title").render())
        await fill(pilot, {"password": "short1A", "again": "short1A"})
        assert isinstance(app.screen, FormScreen)
        assert form_error(app) == (
            "An error occurred (PasswordPolicyViolation) when calling the CreateLoginProfile "
            "operation: Password should have a minimum length of 24; Password should have at "
            "least one symbol")
        with pytest.raises(IamError, match="cannot be found"):
            profile(demo_store, "dave")


async def test_ctrl_d_deletes_the_console_password(demo_store, make_app):
    demo_store.call("CreateLoginProfile", {"UserName": "dave", "Password": GOOD})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, UserDetailScreen("dave"))
        await press_on(pilot, "set", "ctrl+d")
        await confirm(pilot, yes=False)
        assert profile(demo_store, "dave")
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        with pytest.raises(IamError, match="cannot be found"):
            profile(demo_store, "dave")
        assert names(app, "password") == ["not set"]


# --- the account password policy -------------------------------------------------------

async def test_P_sets_the_account_password_policy(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PasswordPolicyScreen)
        assert app.screen.query_one("#field-MinimumPasswordLength").value == "6"
        await fill(pilot, {"MinimumPasswordLength": "14", "RequireSymbols": True,
                           "MaxPasswordAge": "90", "PasswordReusePrevention": "5"})
        assert not isinstance(app.screen, PasswordPolicyScreen)
        set_policy = policy(demo_store)
        assert set_policy["MinimumPasswordLength"] == 14 and set_policy["RequireSymbols"]
        assert set_policy["MaxPasswordAge"] == 90 and set_policy["ExpirePasswords"]
        assert set_policy["PasswordReusePrevention"] == 5
        assert not set_policy["RequireNumbers"]
        await pilot.press("P")
        await pilot.pause()
        assert app.screen.query_one("#field-MinimumPasswordLength").value == "14"
        assert app.screen.query_one("#field-RequireSymbols").value is True


async def test_a_number_out_of_range_is_refused_in_awss_words(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P")
        await fill(pilot, {"MinimumPasswordLength": "200"})
        assert isinstance(app.screen, PasswordPolicyScreen)
        assert "(ValidationError) when calling the UpdateAccountPasswordPolicy operation" \
            in form_error(app)
        await fill(pilot, {"MinimumPasswordLength": "twelve"})
        assert "twelve" in form_error(app)
        with pytest.raises(IamError, match="cannot be found"):
            policy(demo_store)


async def test_ctrl_d_deletes_the_policy_only_on_yes(demo_store, make_app):
    demo_store.call("UpdateAccountPasswordPolicy", {"MinimumPasswordLength": 12})
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=False)
        assert policy(demo_store)["MinimumPasswordLength"] == 12
        assert isinstance(app.screen, PasswordPolicyScreen)
        await pilot.press("ctrl+d")
        await confirm(pilot, yes=True)
        assert not isinstance(app.screen, PasswordPolicyScreen)
        with pytest.raises(IamError, match="cannot be found"):
            policy(demo_store)
        assert "password policy deleted" in notices(app)


async def test_who_may_not_read_the_policy_is_told_so(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("dave"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert not isinstance(app.screen, PasswordPolicyScreen)
        assert "(AccessDenied) when calling the GetAccountPasswordPolicy operation" \
            in notices(app)
