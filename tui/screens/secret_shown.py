"""A new access key, shown the one time it can be: the key id and the secret access key,
``c`` copies the secret, ``i`` the key id. Once this screen closes the secret is gone —
the store keeps only its digest — as in AWS, where the secret "is returned only in
response to CreateAccessKey" and cannot be recovered later: a lost one means a new key
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html).
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

WARNING = ("This is the only time the secret access key is shown: it cannot be recovered "
           "later. If it is lost, create a new access key.")


class SecretShownScreen(ModalScreen[None]):
    BINDINGS = [Binding("c", "copy_secret", "Copy secret", id="secret.copy"),
                Binding("i", "copy_id", "Copy key id", id="secret.copy_id"),
                Binding("escape,enter", "dismiss(None)", "Done", id="secret.done")]
    DEFAULT_CSS = """
    SecretShownScreen { align: center middle; }
    SecretShownScreen > Vertical { width: 76; height: auto; border: thick $warning;
                                   padding: 0 1; background: $surface; }
    SecretShownScreen .warning { color: $warning; margin: 1 0; }
    SecretShownScreen .value { text-style: bold; }
    """

    def __init__(self, user_name: str, key_id: str, secret: str):
        super().__init__()
        self.user_name = user_name
        self.key_id = key_id
        self.secret = secret

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"New access key for {self.user_name}"), classes="title")
            yield Static("Access key ID")
            yield Static(Text(self.key_id), id="key-id", classes="value")
            yield Static("Secret access key")
            yield Static(Text(self.secret), id="secret", classes="value")
            yield Static(WARNING, classes="warning")
        yield Footer()

    def action_copy_secret(self) -> None:
        self.app.copy_to_clipboard(self.secret)
        self.notify("copied the secret access key")

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.key_id)
        self.notify("copied the access key id")
