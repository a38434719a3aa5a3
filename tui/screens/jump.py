"""``:``: jump to a pane or an entity by typing its name (k9s's command prompt).

``:users`` shows a pane; ``:user/alice``, ``:role/EC2S3ReadRole``, ``:policy/NAME``,
``:group/Developers`` — or a bare name or ARN, matched across kinds — selects that entity
in its pane and describes it (tui/navigation.py). The list under the input completes
what is typed from what the acting principal may list: ``up`` / ``down`` walk it (the
input follows), ``tab`` takes the highlighted one, ``enter`` goes to what the input
names — or to the only completion there is. A name that matches nothing, or more than
one kind, is said so in place.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..navigation import Target, complete, go, resolve, targets


class JumpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="jump.cancel"),
        Binding("tab", "complete", "Complete", id="jump.complete", priority=True),
        Binding("down", "walk(1)", "Next", id="jump.next", show=False),
        Binding("up", "walk(-1)", "Previous", id="jump.previous", show=False),
    ]
    DEFAULT_CSS = """
    JumpScreen { align: center top; }
    JumpScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 80%;
                            margin-top: 2; border: thick $accent; background: $surface;
                            padding: 0 1; }
    JumpScreen OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    JumpScreen #jump-message { color: $warning; }
    JumpScreen .hint { color: $text-muted; }
    """

    def __init__(self):
        super().__init__()
        self.targets: list[Target] = []
        self.offered: list[Target] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(": jump to a pane or an entity", markup=False, classes="title")
            yield Input(placeholder="users · user/alice · role/NAME · policy/NAME · a name",
                        id="jump-input")
            yield OptionList(id="jump-choices")
            yield Static(id="jump-message")
            yield Static("tab completes · ↑↓ walk the list · enter goes · esc cancels",
                         markup=False, classes="hint")

    def on_mount(self) -> None:
        self.say("")
        self.targets = targets(self.app)
        self.offer(complete("", self.targets))

    def offer(self, found: list[Target]) -> None:
        """List ``found`` under the input, the first highlighted."""
        self.offered = found
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options([Option(Text(target.label)) for target in self.offered])
        if self.offered:
            choices.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        highlighted = self.highlighted
        if highlighted is not None and event.value == self.typed_name(highlighted):
            return      # walking the list wrote this: keep the list as it is
        self.say("")
        self.offer(complete(event.value, self.targets))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().removeprefix(":").strip()
        if not text:
            self.say("type a pane (users, groups, roles, policies, audit) or a name")
            return
        found = resolve(text, self.targets) or (
            self.offered if len(self.offered) == 1 else [])   # the only completion
        if len(found) == 1:
            go(self.app, found[0])
        elif found:
            self.say(f"{text} is more than one thing: "
                     + ", ".join(target.name for target in found))
            self.offer(found)
        else:
            self.say(f"no pane, user, group, role or policy named {text!r} that you may "
                     "list" + ("; tab takes the highlighted completion" if self.offered
                               else ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        go(self.app, self.offered[event.option_index])

    @property
    def highlighted(self) -> Target | None:
        index = self.query_one(OptionList).highlighted
        return self.offered[index] if index is not None and index < len(self.offered) else None

    def action_walk(self, by: int) -> None:
        choices = self.query_one(OptionList)
        if by > 0:
            choices.action_cursor_down()
        else:
            choices.action_cursor_up()
        self.take_highlighted()

    def action_complete(self) -> None:
        self.take_highlighted()

    def take_highlighted(self) -> None:
        """Write the highlighted completion into the input (enter then goes there)."""
        target = self.highlighted
        if target is not None:
            box = self.query_one(Input)
            box.value = self.typed_name(target)
            box.cursor_position = len(box.value)

    def typed_name(self, target: Target) -> str:
        """Its name, or its ARN when the name is another's too (an AWS managed policy
        named as a customer one)."""
        if target.row is None or resolve(target.name, self.targets) == [target]:
            return target.name
        return target.row.arn

    def say(self, message: str) -> None:
        """A line under the list (none when there is nothing to say)."""
        line = self.query_one("#jump-message", Static)
        line.update(Text(message))
        line.display = bool(message)
