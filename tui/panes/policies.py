"""The managed policies pane, customer managed first, then AWS managed: ``n`` makes a
policy (name, path, description, then its document in the editor), ``e`` edits the
default version (saved as a new default version), ``ctrl+d`` deletes — which AWS refuses
while the policy is attached, a boundary, or has versions besides the default
(DeleteConflict, https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html).
AWS managed policies are listed too; the store refuses any change to them."""

from store.browse import Row

from ..screens.form import Field
from ..screens.new_with_document import new_with_document
from ..screens.policy_detail import PolicyDetailScreen, edit_policy
from ..templates import IDENTITY_TEMPLATE
from .entity_pane import EntityPane


class PoliciesPane(EntityPane):
    kind = "policy"
    BINDING_GROUP_TITLE = "Policies"

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetPolicy", {"PolicyArn": row.arn}

    def describe(self, row: Row) -> None:
        self.app.push_screen(PolicyDetailScreen(row.arn))

    def create(self) -> None:
        fields = [Field("name", "Policy name"), Field("path", "Path", placeholder="/"),
                  Field("description", "Description")]

        def make(values: dict, document: str) -> None:
            params = {"PolicyName": values["name"], "Path": values["path"],
                      "Description": values["description"], "PolicyDocument": document}
            self.app.call("CreatePolicy", {key: value for key, value in params.items()
                                           if value})

        def made(values: dict) -> None:
            # after the re-read the store change queued on this pane
            self.call_next(self.select, values["name"])
        new_with_document(self.app, "New managed policy", fields, "identity",
                          IDENTITY_TEMPLATE, make, made)

    def edit(self, row: Row) -> None:
        edit_policy(self.app, row.arn)

    def deletion(self, row: Row) -> tuple[str, str, dict]:
        return (f"Delete policy {row.name}?\nAWS refuses while it is attached or a "
                "permissions boundary, or has versions besides the default: detach it and "
                "delete them in its detail view (enter) first.", "DeletePolicy",
                {"PolicyArn": row.arn})
