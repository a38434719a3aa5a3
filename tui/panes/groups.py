"""The Groups pane."""

from store.browse import Row

from .entity_pane import EntityPane


class GroupsPane(EntityPane):
    kind = "group"
    BINDING_GROUP_TITLE = "Groups"

    def get_call(self, row: Row) -> tuple[str, dict]:
        return "GetGroup", {"GroupName": row.name}
