"""The command palette (``ctrl+p``) lists every entity the acting principal may list and
the app's own actions (tui/palette.py)."""

from navigated import assert_described
from textual.command import CommandList

from tui.screens.help import HelpScreen


async def search(pilot, text: str) -> list[str]:
    """Open the palette, type ``text``, and return what it offers (prompt lines)."""
    await pilot.press("ctrl+p")
    await pilot.press(*text)
    await pilot.pause(0.5)        # the palette gathers hits in a worker
    offered = pilot.app.screen.query_one(CommandList)
    return [str(offered.get_option_at_index(i).prompt)
            for i in range(offered.option_count)]


async def test_an_entity_opens_as_the_jump_does(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        offered = await search(pilot, "EC2S3")
        assert offered[0].splitlines() == [
            "role EC2S3ReadRole", "arn:aws:iam::123456789012:role/EC2S3ReadRole"]
        await pilot.press("enter")
        await pilot.pause()
        assert_described(app, "roles", "EC2S3ReadRole")


async def test_every_kind_is_listed(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        offered = [line.splitlines()[0] for line in await search(pilot, "e")]
        for wanted in ("user alice", "group Developers", "role WebIdentityReadOnly",
                       "policy DeveloperTableAndBucket"):
            assert wanted in offered


async def test_the_apps_actions_are_listed_with_their_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        offered = await search(pilot, "help")
        assert "Help\nkey ?" in offered
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        offered = await search(pilot, "audit")
        assert "Audit\nkey 5" in offered
        await pilot.press("enter")
        await pilot.pause()
        assert app.pane == "audit"


async def test_what_the_acting_principal_may_not_list_is_not_offered(demo_store, make_app):
    app = make_app(demo_store, acting=demo_store.identity("alice"))
    async with app.run_test(size=(100, 30)) as pilot:
        offered = [line.splitlines()[0] for line in await search(pilot, "EC2S3")]
        assert not [line for line in offered if line.startswith("role ")]


async def test_user_data_is_shown_as_typed(demo_store, make_app):
    demo_store.call("CreateUser", {"UserName": "eve", "Path": "/[bold]x/"})
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        offered = await search(pilot, "user eve")
        assert offered[0].splitlines() == [
            "user eve", "arn:aws:iam::123456789012:user/[bold]x/eve"]
