"""The Users pane: ``enter`` describes a user (tui/screens/user_detail.py), ``n`` creates
one (name, path, tags), ``e`` renames or moves it, ``ctrl+d`` deletes it (AWS refuses
while it has groups, policies or credentials), ``m`` enrolls an MFA device, ``x``
evaluates as it, ``P`` edits the account password policy."""

from textual.binding import Binding

from ..screens.form import Field, FormScreen
from ..screens.password_policy import open_password_policy
from ..screens.tag_items import parse_tags
from ..screens.user_detail import UserDetailScreen
from .renamable import RenamablePane


class UsersPane(RenamablePane):
    kind = "user"
    BINDING_GROUP_TITLE = "Users"
    WRITES = RenamablePane.WRITES | {"mfa", "password_policy"}
    DELETE_NOTE = ("AWS refuses while the user is in a group or has policies, a password, "
                   "access keys, SSH keys or an MFA device: remove those in its detail "
                   "view (enter) first.")
    BINDINGS = [Binding("m", "mfa", "MFA", id="users.mfa"),
                Binding("x", "evaluate", "Evaluate", id="users.evaluate"),
                Binding("P", "password_policy", "Password policy", id="users.password_policy")]

    def detail_screen(self, name: str) -> UserDetailScreen:
        return UserDetailScreen(name)

    def create(self) -> None:
        made = []

        def create_user(values: dict) -> None:
            params = {"UserName": values["name"], "Path": values["path"] or "/"}
            tags = parse_tags(values["tags"])
            if tags:
                params["Tags"] = tags
            self.app.call("CreateUser", params)
            made.append(values["name"])
        self.app.push_screen(FormScreen("New user", [
            Field("name", "User name"), Field("path", "Path", "/"),
            Field("tags", "Tags", placeholder="team=blue, cost-center=12")],
            create_user, "CreateUser"), self.then_select(made))

    def action_mfa(self) -> None:
        if self.selected is not None:
            from ..screens.mfa_enroll import MfaEnrollScreen
            self.app.push_screen(MfaEnrollScreen(self.selected.name))

    def action_evaluate(self) -> None:
        self.app.action_evaluate(principal=self.selected.name if self.selected else "")

    def action_password_policy(self) -> None:
        open_password_policy(self.app)
