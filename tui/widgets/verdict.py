"""``VerdictView``: one decision told as shared/SCREENS.md's evaluation sketch tells it —
three verdicts, each with its own colour AND its own symbol and words (✔ ALLOWED,
✘ EXPLICITLY DENIED, – IMPLICITLY DENIED), so it reads the same with NO_COLOR — then the
statements it rests on, what an explicit deny overrode, for an implicit deny the closest
statements and what each lacked, and the context keys the conditions asked for but the
request lacked.

The words and reasons are store.explain's; this only lays them out. Focused, ``up`` /
``down`` choose a statement (▶) and ``enter`` posts ``VerdictView.Open`` with its
StatementRef. It is one widget of a fixed size drawn from its own lines, so a new
decision repaints it without laying out the screen again (the panel redraws it on every
keystroke).
"""

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from evaluator import ALLOWED, EXPLICIT_DENY
from store.explain import IMPLICITLY_DENIED, VERDICTS, Explanation, StatementRef

_LOOKS = {VERDICTS[ALLOWED]: ("✔", "allowed"), VERDICTS[EXPLICIT_DENY]: ("✘", "explicit"),
          IMPLICITLY_DENIED: ("–", "implicit")}


class VerdictView(Widget, can_focus=True):
    COMPONENT_CLASSES = {"verdict--allowed", "verdict--explicit", "verdict--implicit",
                         "verdict--problem", "verdict--muted"}
    DEFAULT_CSS = """
    VerdictView { height: 1fr; padding: 0 1; }
    VerdictView > .verdict--allowed { color: $success; text-style: bold; }
    VerdictView > .verdict--explicit { color: $error; text-style: bold; }
    VerdictView > .verdict--implicit { color: $warning; text-style: bold; }
    VerdictView > .verdict--problem { color: $error; }
    VerdictView > .verdict--muted { color: $text-muted; }
    """
    BINDINGS = [
        Binding("down", "choose(1)", "Next statement", show=False, id="verdict.next"),
        Binding("up", "choose(-1)", "Previous statement", show=False, id="verdict.previous"),
        Binding("enter", "open", "Open policy", show=False, id="verdict.open"),
    ]

    @dataclass
    class Open(Message):
        """``enter`` on a statement: open the policy it is in."""

        ref: StatementRef

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.verdict = ""       # the words shown: ALLOWED ... or "" (no decision)
        self.look = "muted"
        self.blocks: list[tuple[Text, StatementRef | None]] = []   # what is shown
        self.cursor = 0         # which statement (of those in blocks) is chosen
        self.shown = 0          # how many times it was redrawn (tests, the bench)

    # --- what is shown ------------------------------------------------------------------

    def show(self, told: Explanation, notes: list[str]) -> None:
        """The decision, its reasons, and ``notes`` (about the request) under them."""
        symbol, look = _LOOKS[told.verdict]
        blocks = [(Text(f"{symbol} {told.verdict}"), None),
                  (Text(f"because {told.reason}"), None)]
        blocks += [(_statement(ref), ref) for ref in told.deciding]
        if told.overridden:
            blocks.append((Text("would otherwise be allowed by:"), None))
            blocks += [(_statement(ref), ref) for ref in told.overridden]
        if told.closest:
            blocks.append((Text("closest statements, and what each lacked:"), None))
            blocks += [(_statement(miss.statement, miss.lacks), miss.statement)
                       for miss in told.closest]
        blocks.append((Text(f"missing context: {', '.join(told.missing) or 'none'}"), None))
        blocks += [(Text(note), None) for note in notes]
        self._draw(told.verdict, look, blocks)

    def show_message(self, message: str, problem: bool = True) -> None:
        """No decision: bad input (``problem``), or what to type next."""
        text = Text(("✘ cannot decide: " if problem else "") + message)
        self._draw("", "problem" if problem else "muted", [(text, None)])

    def _draw(self, verdict: str, look: str, blocks: list) -> None:
        self.verdict, self.look, self.blocks = verdict, look, blocks
        self.cursor = min(self.cursor, max(len(self.refs) - 1, 0))
        self.shown += 1
        self.refresh()

    @property
    def refs(self) -> list[StatementRef]:
        return [ref for _, ref in self.blocks if ref is not None]

    def render(self) -> Text:
        """The blocks, the first in its verdict's look; the chosen statement marked ▶
        (what ctrl+o opens), and when focused shown reversed and scrolled into view."""
        lines: list[Text] = []
        top, statement = 0, -1
        for index, (block, ref) in enumerate(self.blocks):
            if index == 0:
                block = block.copy()
                block.stylize(self.get_component_rich_style(f"verdict--{self.look}"))
            block_lines = block.split("\n")
            statement += ref is not None
            if ref is not None and statement == self.cursor:
                block_lines[0] = Text("▶") + block_lines[0][1:]
                if self.has_focus:
                    block_lines[0].stylize("reverse")
                    top = max(0, len(lines) + len(block_lines) - self.size.height)
            lines += block_lines
        return Text("\n").join(lines[top:])

    # --- which statement ----------------------------------------------------------------

    @property
    def chosen(self) -> StatementRef | None:
        """The statement the ▶ is on (the first the decision rests on, or the closest
        one for an implicit deny, until up / down choose another); None when none."""
        refs = self.refs
        return refs[self.cursor] if refs else None

    def action_choose(self, step: int) -> None:
        if self.refs:
            self.cursor = (self.cursor + step) % len(self.refs)
            self.refresh()

    def action_open(self) -> None:
        if self.chosen is not None:
            self.post_message(self.Open(self.chosen))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _statement(ref: StatementRef, lacks: tuple[str, ...] = ()) -> Text:
    """``DenySecret · DenySecret (Deny, line 3)`` (a statement without a Sid by its
    number: ``statement 1``), how it reaches the principal under it (``inline on
    alice``), and for a near miss what it lacked, a line each."""
    label = f"statement {ref.label[1:]}" if ref.label.startswith("#") else ref.label
    text = Text.assemble("  ", (ref.policy, "bold"),
                         f" · {label} ({ref.effect}, line {ref.line})\n    {ref.how}")
    for lack in lacks:
        text.append(f"\n    lacks: {lack}")
    return text
