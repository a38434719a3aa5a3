"""The Users pane."""

from store.browse import Row

from .entity_pane import EntityPane


class UsersPane(EntityPane):
    kind = "user"
    BINDING_GROUP_TITLE = "Users"

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetUser", {"UserName": row.name}
