"""``y``: the raw AWS-shaped JSON of what is selected, as ``iamtui iam`` would print it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from ..output import aws_json


class JsonScreen(Screen):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="json.back"),
                Binding("c", "copy", "Copy", id="json.copy")]

    def __init__(self, title: str, value: dict):
        super().__init__()
        self.title_text = title
        self.text = aws_json(value)

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, markup=False, classes="title")
        yield TextArea(self.text, language="json", read_only=True, id="json")
        yield Footer()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("copied the JSON")
