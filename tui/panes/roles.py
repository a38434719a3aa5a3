"""The Roles pane: ``n`` makes a role (its name, path, description and maximum session,
then its trust policy in the editor), ``e`` changes its description and maximum session,
``ctrl+d`` deletes it — which AWS refuses while policies are attached or embedded
(DeleteConflict, https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html);
``x`` asks what the selected role may do."""

from textual.binding import Binding

from store.browse import Row

from ..screens.form import Field
from ..screens.new_with_document import new_with_document
from ..screens.role_detail import RoleDetailScreen, edit_role, seconds
from ..templates import TRUST_TEMPLATE
from .entity_pane import EntityPane


class RolesPane(EntityPane):
    kind = "role"
    BINDING_GROUP_TITLE = "Roles"
    BINDINGS = [Binding("x", "evaluate", "Evaluate", id="roles.evaluate")]

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetRole", {"RoleName": row.name}

    def describe(self, row: Row) -> None:
        self.app.push_screen(RoleDetailScreen(row.name))

    def create(self) -> None:
        fields = [Field("name", "Role name"), Field("path", "Path", placeholder="/"),
                  Field("description", "Description"),
                  Field("max_session", "Maximum session duration (seconds)",
                        placeholder="3600")]

        def make(values: dict, trust: str) -> None:
            params = {"RoleName": values["name"], "Path": values["path"],
                      "Description": values["description"],
                      "MaxSessionDuration": seconds(values["max_session"]),
                      "AssumeRolePolicyDocument": trust}
            self.app.call("CreateRole", {key: value for key, value in params.items()
                                         if value != ""})

        def made(values: dict) -> None:
            # after the re-read the store change queued on this pane
            self.call_next(self.select, values["name"])
        new_with_document(self.app, "New role: who may assume it (trust policy)", fields,
                          "trust", TRUST_TEMPLATE, make, made)

    def edit(self, row: Row) -> None:
        edit_role(self.app, row.name)

    def deletion(self, row: Row) -> tuple[str, str, dict]:
        return (f"Delete role {row.name}?\nAWS refuses while the role has policies, attached "
                "or inline: remove them in its detail view (enter) first.", "DeleteRole",
                {"RoleName": row.name})

    def action_evaluate(self) -> None:
        self.app.action_evaluate(principal=self.selected.name if self.selected else "")
