"""``PolicyEditorScreen(title, text, kind, save, about="", read_only=False)``: a policy
document in a JSON editor, checked as you type, saved with ``ctrl+s``.

Shortly after the last keystroke the store's policy checks read the text
(``store.lint.lint``: the evaluator's parser first, which alone judges the grammar of a
``kind`` "identity" | "resource" | "trust" document, then IAM Access Analyzer's policy
checks). Each finding is marked in the gutter at its line — ✘ error, ! security warning,
▲ warning, ● suggestion, so NO_COLOR still tells them apart — the text it is about is
underlined, and it is listed under the editor with its line and column; the findings of
the cursor's line come first, in full, with AWS's advice. ``ctrl+g`` goes to the next.
The checks run in a thread (they are pure: text in, findings out, no TinyDB) so typing
in a 128 KB document stays quick; only the latest text's findings are shown. JSON is
coloured up to 32 KB (see HIGHLIGHT_LIMIT).

``ctrl+s`` calls ``save(text)``, the caller's store call (PutUserPolicy,
CreatePolicyVersion …): when the store refuses (MalformedPolicyDocument, LimitExceeded …)
the refusal is shown in AWS's words and the editor stays open with the text; otherwise
it closes (dismissed with True). ``esc`` goes back, asking first when there are unsaved
changes. ``ctrl+t`` replaces the text with one of AWS's example policies of this kind
(tui/templates.py), asking first if the text was edited; ``ctrl+f`` pretty-prints it.
Both are edits, so ``ctrl+z`` takes them back. ``read_only`` shows a document that
cannot be changed here (an old version, an AWS managed policy): checked, but no keys
that change it.
"""

import json
import math
from typing import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer, Static, TextArea
from textual.worker import Worker, WorkerState

from store import IamError
from store.lint import FINDING_TYPES, Finding, lint

from .. import templates
from ..output import aws_json, error_text
from .confirm import ConfirmScreen
from .picker import PickerScreen

DEBOUNCE = 0.15   # seconds of quiet typing before the text is checked again
# Textual re-highlights the whole document on every keystroke: about 35 ms at 32 KB,
# 150 ms at 128 KB. AWS's policies stop near 20 KB (a bucket policy; a managed policy is
# 6,144 characters); longer documents (simulator input, up to 128 KB) go uncoloured.
HIGHLIGHT_LIMIT = 32 * 1024
SHOWN = 4         # findings listed under the editor; ctrl+g visits every one
CHECKS = "policy-checks"   # the worker group

SEVERITY = FINDING_TYPES   # ERROR, SECURITY_WARNING, WARNING, SUGGESTION: most severe first
MARKS = {"ERROR": "✘", "SECURITY_WARNING": "!", "WARNING": "▲", "SUGGESTION": "●"}
LEVEL = {"ERROR": "error", "SECURITY_WARNING": "warning", "WARNING": "warning",
         "SUGGESTION": "suggestion"}    # the component class (colour) of each
COLOUR = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
KIND_WORDS = {"identity": "identity-based policy", "resource": "resource-based policy",
              "trust": "role trust policy"}


class PolicyText(TextArea):
    """The JSON editor, marking findings: a line's gutter shows the mark of the most
    severe finding that starts there, and the text that finding is about is underlined
    (on its first line)."""

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        "policy-text--error", "policy-text--warning", "policy-text--suggestion"}
    DEFAULT_CSS = """
    PolicyText > .policy-text--error { color: $text-error; text-style: bold underline; }
    PolicyText > .policy-text--warning { color: $text-warning; text-style: bold underline; }
    PolicyText > .policy-text--suggestion { color: $text-accent; text-style: underline; }
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.flagged: dict[int, Finding] = {}   # 0-based line -> its most severe finding

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """A read-only TextArea lets typed letters through to the app's letter keys
        (``q`` would quit, ``x`` evaluate): here they do nothing, as in an editable one."""
        return (super().check_consume_key(key, character)
                or (character is not None and character.isprintable()))

    def show_findings(self, findings: list[Finding]) -> None:
        self.flagged = {}
        for finding in sorted(findings, key=lambda found: SEVERITY.index(found.finding_type)):
            self.flagged.setdefault(finding.line - 1, finding)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y   # code editors do not wrap: one row, one line
        finding = self.flagged.get(index)
        if finding is None or index >= self.document.line_count:
            return strip
        style = self.get_component_rich_style(f"policy-text--{LEVEL[finding.finding_type]}")
        gutter_width = self.gutter_width
        gutter, text = strip.crop(0, gutter_width), strip.crop(gutter_width)
        if gutter_width:
            first = next(iter(gutter), None)
            base = first.style if first is not None else None
            mark = style + Style(underline=False)
            gutter = Strip([Segment(f"{gutter.text[:gutter_width - 2]}"
                                    f"{MARKS[finding.finding_type]} ",
                                    base + mark if base else mark)], gutter_width)
        end = (finding.end_column if finding.end_line == finding.line
               else len(self.document.get_line(index)) + 1)
        # columns count characters; the strip counts cells (tabs, wide characters)
        start, stop = (self.get_column_width(index, column - 1) - self.scroll_offset.x
                       for column in (finding.column, max(end, finding.column + 1)))
        if stop <= 0:   # scrolled out of view to the left
            return Strip.join([gutter, text])
        before, marked, after = text.divide([max(start, 0), stop, text.cell_length])
        marked = Strip(Segment.apply_style(marked, post_style=style), marked.cell_length)
        return Strip.join([gutter, before, marked, after])


class PolicyEditorScreen(Screen[bool]):
    WRITES = frozenset({"save", "templates", "format"})
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("ctrl+t", "templates", "Templates", id="editor.templates"),
        Binding("ctrl+f", "format", "Format", id="editor.format"),
        Binding("ctrl+g", "next_finding", "Next finding", id="editor.next_finding"),
        # a priority binding: the editor itself would take esc to move the focus
        Binding("escape", "back", "Back", id="editor.back", priority=True),
    ]
    DEFAULT_CSS = """
    PolicyEditorScreen #editor-about { color: $text-muted; padding: 0 1; }
    PolicyEditorScreen #editor { height: 1fr; }
    PolicyEditorScreen #editor-findings { height: auto; max-height: 8; padding: 0 1; }
    PolicyEditorScreen #editor-refusal { height: auto; color: $text-error; padding: 0 1;
                                         display: none; }
    """

    def __init__(self, title: str, text: str, kind: str, save: Callable[[str], object],
                 about: str = "", read_only: bool = False):
        super().__init__()
        self.title_text = title
        self.initial = text
        self.kind = kind
        self.save = save
        self.about = about
        self.read_only = read_only
        self.saved_text = text        # unsaved changes are what differs from it
        self.findings: list[Finding] = []
        self.pending = None           # the timer of the next check
        self.checking = False         # a check is running (one at a time)

    def compose(self) -> ComposeResult:
        title = Text(self.title_text, "bold")
        if self.read_only:
            title.append("   read-only", "italic")
        coloured = len(self.initial) <= HIGHLIGHT_LIMIT
        if not coloured:
            title.append("   (over 32 KB: no syntax colours)", "dim")
        yield Static(title, id="editor-title", classes="title")
        if self.about:
            yield Static(Text(self.about), id="editor-about")
        yield PolicyText.code_editor(self.initial, language="json" if coloured else None,
                                     theme="css", read_only=self.read_only, id="editor",
                                     compact=True)
        yield Static(Text("checking …", "dim"), id="editor-findings")
        yield Static(id="editor-refusal")
        yield Footer()

    @property
    def editor(self) -> PolicyText:
        return self.query_one(PolicyText)

    @property
    def text(self) -> str:
        return self.editor.text

    def on_mount(self) -> None:
        self.editor.focus()
        self.start_check()

    def check_action(self, action: str, parameters) -> bool | None:
        return not (self.read_only and action in self.WRITES)

    # --- checking as you type ---------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#editor-refusal").display = False
        if self.pending is not None:
            self.pending.stop()
        self.pending = self.set_timer(DEBOUNCE, self.start_check)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        self.show_findings()

    def start_check(self) -> None:
        """Check the text as it is now, in a thread; if a check is running, its end
        starts the next one."""
        self.pending = None
        if self.checking:
            return
        self.checking = True
        text, kind = self.text, self.kind
        self.run_worker(lambda: (text, lint(text, kind)), thread=True, group=CHECKS,
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != CHECKS or not event.worker.is_finished:
            return
        self.checking = False
        if event.state != WorkerState.SUCCESS:   # a bug in a check: say so, keep editing
            self.query_one("#editor-findings", Static).update(
                Text(f"the policy checks failed: {event.worker.error}", "red"))
            return
        text, findings = event.worker.result
        if text != self.text:        # typed on meanwhile: only the latest text counts
            if self.pending is None:
                self.start_check()
            return
        self.findings = findings
        self.editor.show_findings(findings)
        self.show_findings()

    def show_findings(self) -> None:
        """The findings of the cursor's line first, in full with the advice; then the
        others, one line each, as many as fit."""
        panel = self.query_one("#editor-findings", Static)
        if not self.findings:
            if not self.checking:
                panel.update(Text(f"✓ a valid {KIND_WORDS.get(self.kind, self.kind)}: "
                                  "no findings", "green"))
            return
        here = self.editor.cursor_location[0] + 1
        current = [found for found in self.findings if found.line == here]
        others = [found for found in self.findings if found.line != here]
        lines = [describe(found) for found in current]
        lines += [describe(found, self.app.size.width - 2)
                  for found in others[:max(SHOWN - len(current), 0)]]
        hidden = len(self.findings) - len(lines)
        if hidden > 0:
            lines.append(Text(f"… {hidden} more (ctrl+g goes to each)", "dim"))
        panel.update(Text("\n").join(lines))

    def action_next_finding(self) -> None:
        """Move to the first finding after the cursor (round to the first again)."""
        if not self.findings:
            return
        here = self.editor.cursor_location
        after = [found for found in self.findings
                 if (found.line - 1, found.column - 1) > here] or self.findings
        self.editor.move_cursor((after[0].line - 1, after[0].column - 1), center=True)

    # --- keys that change the text ----------------------------------------------------

    def action_save(self) -> None:
        text = self.text
        try:
            self.save(text)
        except IamError as err:
            refusal = self.query_one("#editor-refusal", Static)
            refusal.update(Text(error_text(err)))
            refusal.display = True
            return
        self.saved_text = text
        self.dismiss(True)

    def action_back(self) -> None:
        if self.read_only or self.text == self.saved_text:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)
        self.app.push_screen(ConfirmScreen("Discard the changes to this policy?"), answered)

    def action_templates(self) -> None:
        choices = [(f"{template.title}  ({template.name})", template)
                   for template in templates.for_kind(self.kind)]
        if not choices:
            self.notify(f"no templates for {self.kind} policies", markup=False)
            return
        account_id = self.app.session.account().id

        def picked(template: templates.Template | None) -> None:
            if template is None:
                return
            if self.text == self.initial:
                self.replace_text(template.text(account_id))
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    self.replace_text(template.text(account_id))
            self.app.push_screen(ConfirmScreen(
                f"Replace your edits with the template {template.name}?"), answered)
        self.app.push_screen(PickerScreen(
            f"Templates: AWS's examples · {KIND_WORDS.get(self.kind, self.kind)}", choices),
            picked)

    def action_format(self) -> None:
        try:
            document = json.loads(self.text, object_pairs_hook=_unrepeated,
                                  parse_float=_finite)
            formatted = aws_json(document)
        except (ValueError, TypeError) as err:
            self.notify(f"cannot format: {err}", severity="warning", markup=False)
            return
        if formatted != self.text:
            self.replace_text(formatted)

    def replace_text(self, text: str) -> None:
        """Replace the whole text as one edit (ctrl+z brings the old text back)."""
        editor = self.editor
        editor.replace(text, (0, 0), editor.document.end)
        editor.move_cursor((0, 0))


def describe(finding: Finding, width: int | None = None) -> Text:
    """``✘  5:23 ERROR Statement[0].Effect: …``: cut to ``width``, or all of it with the
    issue code and AWS's fix when no width is given."""
    colour = COLOUR[LEVEL[finding.finding_type]]
    where = f"{finding.line}:{finding.column}"
    text = Text.assemble((f"{MARKS[finding.finding_type]} {where:>7} ", colour),
                         (finding.finding_type.replace("_", " "), f"bold {colour}"), " ",
                         finding.details)
    if width is None:
        text.append(f"  {finding.issue_code}: {finding.fix}", "italic")
    else:
        text.truncate(width, overflow="ellipsis")
    return text


def _unrepeated(pairs: list[tuple[str, object]]) -> dict:
    """An object whose keys are all different: formatting would silently keep only the
    last of a repeated key."""
    found = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key!r} appears twice in one object")
        found[key] = value
    return found


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is too large")
    return value
