"""The account password policy (``P`` on the users pane): GetAccountPasswordPolicy to show
it, UpdateAccountPasswordPolicy to save it — every member each time, as AWS takes no
partial update ("if you do not specify a parameter, that parameter's value reverts to
its default value", API_UpdateAccountPasswordPolicy.html) — and
DeleteAccountPasswordPolicy (``ctrl+d``, confirmed) to go back to IAM's default rules.

Numbers are handed to the store as typed (an integer when they are one): the store
checks them against AWS's API model and words a refusal as AWS does.
"""

from textual.binding import Binding

from store import IamError
from store.passwords import POLICY_DEFAULTS

from ..output import error_text
from .confirm import ConfirmScreen
from .form import Field, FormScreen

NUMBERS = (("MinimumPasswordLength", "Minimum length"),
           ("MaxPasswordAge", "Passwords expire after (days; empty: never)"),
           ("PasswordReusePrevention", "Previous passwords that cannot be reused (empty: none)"))
SWITCHES = (("RequireUppercaseCharacters", "Require an uppercase letter"),
            ("RequireLowercaseCharacters", "Require a lowercase letter"),
            ("RequireNumbers", "Require a number"),
            ("RequireSymbols", "Require a symbol"),
            ("AllowUsersToChangePassword", "Allow users to change their own password"),
            ("HardExpiry", "An expired password needs an administrator to reset it"))
NONE_SET = "No password policy is set: IAM's default rules apply."


def read_policy(app) -> dict | None:
    """The policy as the acting principal may read it (None: none is set); AWS's
    refusal of anything else is raised."""
    try:
        return app.session.call("GetAccountPasswordPolicy")["PasswordPolicy"]
    except IamError as err:
        if err.code == "NoSuchEntity":
            return None
        raise


def rules(policy: dict | None) -> str:
    """The policy in one line, for the forms that set a password."""
    if policy is None:
        return NONE_SET
    wanted = [label.removeprefix("Require ") for member, label in SWITCHES[:4]
              if policy.get(member)]
    return (f"Password policy: at least {policy['MinimumPasswordLength']} characters"
            + (", with " + ", ".join(wanted) if wanted else "") + ".")


def open_password_policy(app) -> None:
    try:
        policy = read_policy(app)
    except IamError as err:
        app.notify(error_text(err, "GetAccountPasswordPolicy"), severity="error",
                   markup=False)
        return
    app.push_screen(PasswordPolicyScreen(policy),
                    lambda saved: app.notify("password policy saved") if saved else None)


class PasswordPolicyScreen(FormScreen):
    # ctrl+d is a text input's "delete right": priority, so it deletes the policy here.
    BINDINGS = [Binding("ctrl+d", "delete_policy", "Delete policy", priority=True,
                        id="password_policy.delete")]
    DEFAULT_CSS = """
    PasswordPolicyScreen > Vertical { overflow-y: auto; }
    PasswordPolicyScreen Label { margin-top: 0; }
    PasswordPolicyScreen Input { border: none; height: 1; padding: 0 1; margin-bottom: 1;
                                 background: $boost; }
    PasswordPolicyScreen Input:focus { border: none; background: $accent 30%; }
    PasswordPolicyScreen Checkbox { border: none; height: 1; padding: 0; }
    """

    def __init__(self, policy: dict | None):
        shown = policy or POLICY_DEFAULTS
        fields = [Field(member, label, str(shown.get(member) or "")) for member, label in NUMBERS]
        fields += [Field(member, label, shown.get(member, False), checkbox=True)
                   for member, label in SWITCHES]
        status = NONE_SET if policy is None else \
            "ctrl+d deletes it (IAM's default rules apply then)."
        super().__init__(f"Account password policy\n{status}", fields, self.save,
                         "UpdateAccountPasswordPolicy")
        self.policy = policy

    def save(self, values: dict) -> None:
        params = {member: values[member] for member, _ in SWITCHES}
        for member, _ in NUMBERS:
            typed = values[member].strip()
            if typed:
                params[member] = int(typed) if typed.isdigit() else typed
        self.app.call("UpdateAccountPasswordPolicy", params)

    def action_delete_policy(self) -> None:
        if self.policy is None:
            self.notify(NONE_SET)
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.app.attempt("DeleteAccountPasswordPolicy",
                                        done="password policy deleted") is not None:
                self.dismiss(False)
        self.app.push_screen(ConfirmScreen(
            "Delete the account password policy? IAM's default rules apply then."), confirmed)
