"""The policy editor: checked as you type (the parser and the store's policy checks),
findings at their line, ctrl+s through a real store call, esc asking before losing
edits, AWS's example policies as templates, formatting, a read-only mode."""

import json
import subprocess
import sys
import textwrap

import pytest

from store.lint import lint
from tui import templates
from tui.output import aws_json
from tui.screens.confirm import ConfirmScreen
from tui.screens.picker import PickerScreen
from tui.screens.policy_editor import PolicyEditorScreen, PolicyText

ACCOUNT = "123456789012"


def document(*statements, version="2012-10-17") -> str:
    return aws_json({"Version": version, "Statement": list(statements)})


BAD_EFFECT = document({"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"})
GOOD = document({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})


async def settled(pilot) -> None:
    """Until the checks of the text as it is now have been shown."""
    screen = pilot.app.screen
    for _ in range(200):
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not screen.checking and screen.pending is None:
            return
    raise AssertionError("the checks never settled")


def gutter(screen, line: int) -> str:
    """The gutter of 1-based ``line`` as drawn (line number, then the mark)."""
    editor = screen.query_one(PolicyText)
    return editor.render_line(line - 1 - editor.scroll_offset.y).text[:editor.gutter_width].strip()


def underlined(screen, line: int) -> str:
    """The text drawn underlined on 1-based ``line``."""
    editor = screen.query_one(PolicyText)
    strip = editor.render_line(line - 1 - editor.scroll_offset.y)
    return "".join(segment.text for segment in strip
                   if segment.style is not None and segment.style.underline)


def findings_text(screen) -> str:
    return str(screen.query_one("#editor-findings").render())


async def open_editor(app, pilot, text, kind="identity", save=None, **options):
    saved = []
    app.push_screen(PolicyEditorScreen("Test policy", text, kind, save or saved.append,
                                       about="inline on alice (user)", **options))
    await settled(pilot)
    return app.screen, saved


def test_a_json_editor_builds_in_a_subprocess():
    """tree-sitter 0.26 crashes the interpreter on JSON (STYLE.md): build the editor in a
    child process, so a crash fails this test instead of killing the run."""
    script = textwrap.dedent("""
        import asyncio
        from textual.app import App
        from tui.screens.policy_editor import PolicyText

        class Editor(App):
            def compose(self):
                yield PolicyText.code_editor('{"Version": "2012-10-17"}', language="json")

        async def main():
            app = Editor()
            async with app.run_test() as pilot:
                editor = app.query_one(PolicyText)
                await pilot.pause()
                assert editor.is_syntax_aware, "no JSON grammar"
                assert editor._highlights, "nothing highlighted"
            print("highlighted")
        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "highlighted" in done.stdout


async def test_an_error_is_marked_at_its_line_and_goes_when_fixed(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, BAD_EFFECT)
        assert screen.editor.language == "json"
        assert gutter(screen, 5) == "5✘"
        assert gutter(screen, 6) == "6"
        assert underlined(screen, 5) == '"Alow"'
        listed = findings_text(screen)
        assert "5:23 ERROR" in listed and "Effect must be" in listed
        # the cursor's line: the finding in full, with the issue code and AWS's fix
        screen.editor.move_cursor((4, 25))
        await pilot.pause()
        assert "INVALID_EFFECT" in findings_text(screen)
        await pilot.press("l")   # "Alow" -> "Allow"
        await settled(pilot)
        assert '"Allow"' in screen.editor.document.get_line(4)
        assert gutter(screen, 5) == "5"
        assert "no findings" in findings_text(screen)


async def test_the_underline_finds_its_text_after_tabs(demo_store, make_app):
    text = BAD_EFFECT.replace("    ", "\t")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, text)
        assert underlined(screen, 5) == '"Alow"'


async def test_warnings_and_suggestions_are_told_apart_from_errors(demo_store, make_app):
    text = document({"Effect": "Allow", "Action": ["s3:*", "s3:GetObject"], "Resource": "*"},
                    {"Effect": "Allow", "Action": "s3:GetObject",
                     "Resource": "arn:aws:s3:::bucket"})
    expected = {(f.line, f.finding_type) for f in lint(text, "identity")}
    assert {"SECURITY_WARNING", "SUGGESTION", "WARNING"} <= {kind for _, kind in expected}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _ = await open_editor(app, pilot, text)
        marks = {"SECURITY_WARNING": "!", "WARNING": "▲", "SUGGESTION": "●"}
        for line, kind in expected:
            assert gutter(screen, line).endswith(marks[kind]), (line, kind)
        assert "✘" not in findings_text(screen)
        assert "SECURITY WARNING" in findings_text(screen)


async def test_ctrl_g_visits_each_finding(demo_store, make_app):
    text = document({"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                    {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"})
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, text)
        await pilot.press("ctrl+g")
        first = screen.editor.cursor_location
        assert first[0] + 1 == screen.findings[0].line
        assert len(screen.findings) == 1  # the parser refuses: its one ERROR is all
        screen.editor.load_text(text.replace("Alow", "Allow"))
        await settled(pilot)
        lines = [finding.line for finding in screen.findings]
        seen = []
        for _ in lines:
            await pilot.press("ctrl+g")
            seen.append(screen.editor.cursor_location[0] + 1)
        assert sorted(seen) == sorted(lines)


async def test_a_large_document_is_checked_and_marked_far_down(demo_store, make_app):
    """Up to 128 KB (SimulateCustomPolicy's limit): the checks run off the event loop,
    and the mark is at the right line after scrolling there."""
    statements = [{"Sid": f"S{i}", "Effect": "Allow", "Action": ["s3:GetObject"],
                   "Resource": f"arn:aws:s3:::bucket-{i}/*"} for i in range(620)]
    statements[-3]["Effect"] = "Alow"
    text = document(*statements)
    assert 100_000 < len(text) <= 131_072
    bad_line = next(number for number, line in enumerate(text.splitlines(), 1)
                    if '"Alow"' in line)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, text)
        assert screen.editor.language is None   # too big to colour on every keystroke
        assert [(f.line, f.finding_type) for f in screen.findings] == [(bad_line, "ERROR")]
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.editor.cursor_location[0] + 1 == bad_line
        assert gutter(screen, bad_line) == f"{bad_line}✘"
        screen.editor.move_cursor((bad_line - 1, 25))
        await pilot.press("l")
        await settled(pilot)
        # valid now; too long for an identity policy, which the checks say
        assert [f.issue_code for f in screen.findings] == [
            "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"]


async def test_ctrl_s_saves_through_the_store_and_a_refusal_keeps_the_text(
        demo_store, make_app):
    app = make_app(demo_store)

    def save(text: str) -> None:
        app.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "Edited",
                                   "PolicyDocument": text})
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, BAD_EFFECT, save=save)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        refusal = str(screen.query_one("#editor-refusal").render())
        assert "An error occurred (MalformedPolicyDocument)" in refusal
        assert screen.editor.text == BAD_EFFECT
        assert "Edited" not in demo_store.call("ListUserPolicies",
                                               {"UserName": "alice"})["PolicyNames"]
        screen.editor.move_cursor((4, 25))
        await pilot.press("l", "ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
    stored = demo_store.call("GetUserPolicy", {"UserName": "alice", "PolicyName": "Edited"})
    assert json.loads(stored["PolicyDocument"])["Statement"][0]["Effect"] == "Allow"


async def test_esc_asks_before_losing_edits(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, saved = await open_editor(app, pilot, GOOD)
        await pilot.press("x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")          # "No" is focused first
        await pilot.pause()
        assert app.screen is screen and screen.editor.text.startswith("x")
        await pilot.press("escape", "tab", "enter")   # Yes
        await pilot.pause()
        assert app.screen is not screen and not isinstance(app.screen, ConfirmScreen)
        assert saved == []


async def test_esc_without_edits_goes_straight_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, GOOD)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen and not isinstance(app.screen, ConfirmScreen)


async def test_a_template_replaces_the_text_and_ctrl_z_brings_it_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _ = await open_editor(app, pilot, "{}", kind="trust")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        offered = [value.name for _, value in app.screen.choices]
        assert offered == [template.name for template in templates.for_kind("trust")]
        await pilot.press(*"google", "enter")
        await pilot.pause()
        assert app.screen is screen       # not edited: no question
        assert screen.editor.text == templates.get("web-identity-trust").text(ACCOUNT)
        await settled(pilot)
        assert screen.findings == []
        # now edited: replacing asks first
        await pilot.press("x", "ctrl+t", *"ec2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert screen.editor.text == templates.TRUST_TEMPLATE
        await pilot.press("ctrl+z")
        assert screen.editor.text.startswith("x")


async def test_format_pretty_prints_and_refuses_what_it_would_change(demo_store, make_app):
    compact = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_editor(app, pilot, compact)
        await pilot.press("ctrl+f")
        assert screen.editor.text == GOOD
        await pilot.press("ctrl+z")
        assert screen.editor.text == compact
        repeated = '{"Version": "2012-10-17", "Version": "2008-10-17"}'
        screen.editor.load_text(repeated)
        await pilot.press("ctrl+f")
        assert screen.editor.text == repeated
        screen.editor.load_text('{"Statement": [')
        await pilot.press("ctrl+f")
        assert screen.editor.text == '{"Statement": ['


async def test_read_only_shows_and_checks_but_changes_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, saved = await open_editor(app, pilot, BAD_EFFECT, read_only=True)
        assert "read-only" in str(screen.query_one("#editor-title").render())
        assert gutter(screen, 5) == "5✘"
        await pilot.press("x", "ctrl+s", "ctrl+t", "ctrl+f")
        await pilot.pause()
        assert app.screen is screen and screen.editor.text == BAD_EFFECT and saved == []
        footer_keys = {binding.action for _, binding, enabled, _ in
                       screen.active_bindings.values() if enabled}
        assert "save" not in footer_keys and "back" in footer_keys
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


@pytest.mark.parametrize("template", templates.TEMPLATES, ids=lambda t: t.name)
def test_every_template_is_a_valid_policy_of_its_kind(template):
    """No ERROR from the parser or the checks, in this account and another."""
    for account in (ACCOUNT, "999988887777"):
        errors = [f for f in lint(template.text(account), template.kind)
                  if f.finding_type == "ERROR"]
        assert errors == []
    assert template.kind in ("identity", "resource", "trust")
    assert template.source.startswith(("https://docs.aws.amazon.com/", "shared/seed/"))
