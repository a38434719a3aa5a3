"""The Roles pane."""

from store.browse import Row

from .entity_pane import EntityPane


class RolesPane(EntityPane):
    kind = "role"
    BINDING_GROUP_TITLE = "Roles"

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetRole", {"RoleName": row.name}
