"""``PickerScreen(title, choices)``: choose one of many (a policy to attach, a group to
join, a role to assume) by typing to narrow the list; ``enter`` picks, ``esc`` cancels.
Dismisses with the chosen value, or None."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

SHOWN = 200   # a list this long is enough to pick from; typing narrows the rest


class PickerScreen(ModalScreen):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
                Binding("down", "next", "Next", show=False, id="picker.next"),
                Binding("up", "previous", "Previous", show=False, id="picker.previous")]
    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical { width: 76; height: 80%; border: thick $accent;
                              background: $surface; padding: 0 1; }
    PickerScreen OptionList { height: 1fr; }
    """

    def __init__(self, title: str, choices: list[tuple[str, object]]):
        """``choices``: (what is shown, what is returned) pairs."""
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield Input(placeholder="type to narrow", id="narrow")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self.show("")

    def show(self, wanted: str) -> None:
        wanted = wanted.lower()
        self.matching = [(label, value) for label, value in self.choices
                         if wanted in label.lower()][:SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(label)) for label, _ in self.matching])
        if self.matching:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.pick(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option_index)

    def pick(self, index: int | None) -> None:
        if index is not None and index < len(self.matching):
            self.dismiss(self.matching[index][1])

    def action_next(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_previous(self) -> None:
        self.query_one(OptionList).action_cursor_up()
