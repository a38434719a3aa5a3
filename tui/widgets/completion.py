"""``CompletionField``: a one-line Input whose matches drop down under it as you type,
keyboard only: ``up`` / ``down`` move through them, ``tab`` takes the highlighted one
(``enter`` too, once the arrows chose it), ``esc`` closes the list. While the list is
closed those bindings are off (``check_action``), so the keys do what they do elsewhere:
tab moves on, esc goes back. ``enter`` otherwise goes on to the next field, as in a
form; it is a priority binding, so keys typed ahead land in that field (a handler of
Input.Submitted would move the focus only after they were given to this one).

What matches is the caller's: ``complete(text) -> [str]``, best first. So is what a
change means: ``changed()`` is called as soon as the text changes, before the matches are
worked out and before the screen next lays out and paints, so whatever it redraws is in
the very next frame (the evaluation panel decides again on every keystroke this way:
left to the Input.Changed message, which climbs the widget tree a queue at a time, the
decision came a frame later).
"""

from typing import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

SHOWN = 8   # lines of matches at most; the window follows the highlight


class Matches(Static):
    """The list under the field (drawn over what is below it)."""


class CompletionField(Vertical):
    DEFAULT_CSS = """
    CompletionField { height: auto; width: 1fr; }
    CompletionField > Matches {
        overlay: screen; constrain: none inside; display: none;
        width: 1fr; height: auto; max-height: 8;
        background: $panel; color: $foreground;
    }
    CompletionField.-open > Matches { display: block; }
    """
    BINDINGS = [
        Binding("tab", "accept", "Complete", id="completion.accept"),
        Binding("down", "move(1)", "Next match", show=False, id="completion.next"),
        Binding("up", "move(-1)", "Previous match", show=False, id="completion.previous"),
        Binding("escape", "close", "Close matches", show=False, id="completion.close"),
        # ahead of the Input's own enter (submit)
        Binding("enter", "enter", "Next field", show=False, id="completion.enter",
                priority=True),
    ]

    def __init__(self, value: str = "", *, complete: Callable[[str], list[str]],
                 changed: Callable[[], object], placeholder: str = "",
                 id: str | None = None):
        super().__init__(id=id)
        self.initial = value
        self.complete = complete
        self.changed = changed
        self.placeholder = placeholder
        self.matches: list[str] = []
        self.highlight = 0
        self.taken: str | None = None   # the value a completion set: no list for it
        self.moved = False              # the arrows chose a match: enter takes it

    def compose(self) -> ComposeResult:
        yield Input(self.initial, placeholder=self.placeholder, compact=True)
        yield Matches()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Tell the owner, then offer the matches for what was typed."""
        event.stop()
        self.changed()
        if self.input.has_focus and event.value != self.taken:
            self.call_later(self.offer, event.value)

    def offer(self, value: str) -> None:
        if value != self.input.value:   # typed on since: the next call offers
            return
        self.taken = None
        self.matches = [m for m in self.complete(value) if m != value]
        self.highlight = 0
        self.moved = False
        self.show()

    def on_descendant_blur(self, _: events.DescendantBlur) -> None:
        self.close()

    def show(self) -> None:
        self.set_open(bool(self.matches))
        if not self.matches:
            return
        start = max(0, min(self.highlight - SHOWN // 2, len(self.matches) - SHOWN))
        lines = Text()
        for index in range(start, min(start + SHOWN, len(self.matches))):
            if index > start:
                lines.append("\n")
            chosen = index == self.highlight
            lines.append(("▶ " if chosen else "  ") + self.matches[index],
                         "reverse" if chosen else "")
        matches = self.query_one(Matches)   # laid out again only when its height changes
        matches.update(lines, layout=len(lines.plain.split("\n")) != matches.size.height)

    def close(self) -> None:
        self.matches = []
        self.set_open(False)

    def set_open(self, is_open: bool) -> None:
        if is_open != self.is_open:
            self.set_class(is_open, "-open")
            self.refresh_bindings()   # the footer shows "tab Complete" while open

    def check_action(self, action: str, parameters) -> bool | None:
        return self.is_open if action in ("accept", "move", "close") else True

    def action_accept(self) -> None:
        chosen = self.matches[self.highlight]
        self.close()
        self.taken = chosen
        self.input.value = chosen
        self.input.cursor_position = len(chosen)

    def action_move(self, step: int) -> None:
        self.highlight = (self.highlight + step) % len(self.matches)
        self.moved = True
        self.show()

    def action_close(self) -> None:
        self.close()

    def action_enter(self) -> None:
        if self.is_open and self.moved:
            self.action_accept()
        else:
            self.close()
            self.screen.focus_next()
