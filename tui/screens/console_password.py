"""A user's console password (``p`` in the user's detail view): CreateLoginProfile when
the user has none, UpdateLoginProfile when it has one — the password typed twice, and
PasswordResetRequired, "whether the user is required to set a new password on next
sign-in" (on by default here: a password someone else typed is one to replace). What a
password must be is the store's rule (store/passwords.py): a refusal shows AWS's
wording of what it lacks, and the form stays open with what was typed.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
"""

from rich.text import Text
from textual.widgets import Static

from store import IamError

from ..output import error_text
from .form import Field, FormScreen
from .password_policy import read_policy, rules


class PasswordForm(FormScreen):
    """A form whose two password fields must match before anything is sent."""

    def action_submit(self) -> None:
        values = self.values()
        if values["password"] != values["again"]:
            self.query_one("#error", Static).update(
                Text("The two passwords differ: type the same one twice."))
            return
        super().action_submit()


def set_console_password(app, user_name: str) -> None:
    try:
        app.session.call("GetLoginProfile", {"UserName": user_name})
        operation, verb = "UpdateLoginProfile", "Reset"
    except IamError as err:
        if err.code != "NoSuchEntity":
            app.notify(error_text(err, "GetLoginProfile"), severity="error", markup=False)
            return
        operation, verb = "CreateLoginProfile", "Set"
    try:
        policy_line = rules(read_policy(app))
    except IamError:
        policy_line = "The account's password policy applies."

    def submit(values: dict) -> None:
        app.call(operation, {"UserName": user_name, "Password": values["password"],
                             "PasswordResetRequired": values["reset"]})
    app.push_screen(PasswordForm(
        f"{verb} the console password of {user_name}\n{policy_line}",
        [Field("password", "Password", password=True),
         Field("again", "Password again", password=True),
         Field("reset", "User must create a new password at next sign-in", True,
               checkbox=True)], submit, operation),
        lambda done: app.notify(f"console password {verb.lower()} for {user_name}",
                                markup=False) if done else None)
