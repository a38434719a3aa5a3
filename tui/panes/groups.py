"""The Groups pane: ``enter`` describes a group (tui/screens/group_detail.py), ``n``
creates one (name, path), ``e`` renames or moves it, ``ctrl+d`` deletes it (AWS refuses
while it has members or policies)."""

from ..screens.form import Field, FormScreen
from ..screens.group_detail import GroupDetailScreen
from .renamable import RenamablePane


class GroupsPane(RenamablePane):
    kind = "group"
    BINDING_GROUP_TITLE = "Groups"
    DELETE_NOTE = ("AWS refuses while the group has members or policies: remove those in "
                   "its detail view (enter) first.")

    def detail_screen(self, name: str) -> GroupDetailScreen:
        return GroupDetailScreen(name)

    def create(self) -> None:
        made = []

        def create_group(values: dict) -> None:
            self.app.call("CreateGroup", {"GroupName": values["name"],
                                          "Path": values["path"] or "/"})
            made.append(values["name"])
        self.app.push_screen(FormScreen("New group", [
            Field("name", "Group name"), Field("path", "Path", "/")],
            create_group, "CreateGroup"), self.then_select(made))
