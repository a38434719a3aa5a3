"""``FormScreen``: a few labelled fields and a submit, for every small "new" / "edit"
dialog (a user's name and path, a tag, a password …).

``submit(values)`` is the caller's: it makes the store call and raises the store's
IamError when refused — the form then shows AWS's words under the fields and stays open,
with what was typed, so nothing is lost; on success the form closes with True.
"""

from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from store import IamError

from ..output import error_text


class TickBox(Checkbox):
    """A checkbox that reads without colour too (NO_COLOR): X ticked, blank not."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name for it
        return "X" if self.value else " "


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    password: bool = False
    checkbox: bool = False           # a yes / no field: its value is a bool


class FormScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", id="form.cancel"),
                Binding("ctrl+s", "submit", "Save", id="form.save")]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical { width: 76; height: auto; max-height: 100%;
                            border: thick $accent; padding: 0 1; background: $surface; }
    FormScreen .title { text-style: bold; margin-bottom: 1; }
    FormScreen Label { margin-top: 1; }
    FormScreen #error { color: $error; margin-top: 1; }
    """

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict], object],
                 operation: str = ""):
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.operation = operation  # named in a refusal, as the AWS CLI names it

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            for field in self.fields:
                if field.checkbox:
                    yield TickBox(field.label, bool(field.value), id=f"field-{field.name}")
                else:
                    yield Label(Text(field.label))
                    yield Input(field.value, placeholder=field.placeholder,
                                password=field.password, id=f"field-{field.name}")
            yield Static("enter next · ctrl+s save · esc cancel", classes="hint")
            yield Static(id="error")

    def values(self) -> dict[str, str | bool]:
        found = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            found[field.name] = widget.value
        return found

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        try:
            self.submit(self.values())
        except IamError as err:
            self.query_one("#error", Static).update(Text(error_text(err, self.operation or None)))
            return
        self.dismiss(True)
