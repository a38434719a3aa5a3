"""The managed policies pane: customer managed first, then AWS managed."""

from store.browse import Row

from .entity_pane import EntityPane


class PoliciesPane(EntityPane):
    kind = "policy"
    BINDING_GROUP_TITLE = "Policies"

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetPolicy", {"PolicyArn": row.arn}
