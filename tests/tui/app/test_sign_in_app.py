"""Acting as someone else inside the app: sign in as a user, assume a role, sign out —
and what that principal may not do is refused in AWS's words
(https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html)."""

from textual.widgets import Input

from store.demo import DEMO_PASSWORD

ACCOUNT = "123456789012"


async def fill(pilot, values: dict) -> None:
    for name, value in values.items():
        pilot.app.screen.query_one(f"#field-{name}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


def header(app) -> str:
    return str(app.query_one("#header").render())


async def test_sign_in_as_alice_then_her_calls_are_refused(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("alice")
        await pilot.press("s")
        assert app.screen.query_one("#field-user", Input).value == "alice"
        await fill(pilot, {"password": DEMO_PASSWORD})
        assert app.acting.arn == f"arn:aws:iam::{ACCOUNT}:user/alice"
        assert f"acting as: arn:aws:iam::{ACCOUNT}:user/alice" in header(app)
        assert app.attempt("CreateUser", {"UserName": "eve"}) is None
        assert demo_store.view().find("user", "eve") is None
        await pilot.press("o")
        assert app.acting.is_root and "acting as: root" in header(app)


async def test_wrong_password_keeps_the_form_open_and_acting_unchanged(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("alice")
        await pilot.press("s")
        await fill(pilot, {"password": "not-it"})
        error = str(app.screen.query_one("#error").render())
        assert "Your authentication information is incorrect" in error
        assert app.acting.is_root


async def test_admin_assumes_the_ec2_role(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#users").select("admin")
        await pilot.press("s")
        await fill(pilot, {"password": DEMO_PASSWORD})
        await pilot.press("3")
        app.query_one("#roles").select("EC2S3ReadRole")
        await pilot.press("s")
        await fill(pilot, {"session": "demo"})
        assert app.acting.kind == "assumed-role"
        assert app.acting.arn == f"arn:aws:sts::{ACCOUNT}:assumed-role/EC2S3ReadRole/demo"
        # The role may read the bucket but not manage IAM.
        assert app.attempt("ListUsers") is None


async def test_root_may_not_assume_a_role(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        app.query_one("#roles").select("EC2S3ReadRole")
        await pilot.press("s")
        await fill(pilot, {"session": "demo"})
        assert "Roles may not be assumed by root accounts." in str(
            app.screen.query_one("#error").render())
        assert app.acting.is_root


async def test_walkthrough_steps(demo_store, make_app):
    app = make_app(demo_store, walkthrough=True)
    async with app.run_test(size=(120, 40)) as pilot:
        walkthrough = app.query_one("Walkthrough")
        assert "1/10 The root user" in str(walkthrough.render())
        await pilot.press("ctrl+n", "ctrl+n")
        assert "3/10 Groups" in str(walkthrough.render())
        await pilot.press("ctrl+b")
        assert "2/10 Users" in str(walkthrough.render())


async def test_no_walkthrough_keys_without_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        assert not app.query("Walkthrough")
