"""What the users and groups panes share: ``e`` renames or moves the selected one
(Update{Kind}: NewUserName / NewGroupName, NewPath — it keeps its unique id, so its
groups, members, policies and credentials stay), ``ctrl+d`` deletes it after a confirm
(Delete{Kind}), and ``enter`` describes it.

Deleting is as AWS does it, nothing more: DeleteUser and DeleteGroup are refused
(DeleteConflict) while anything is still attached, and that refusal is what is shown;
the parts are removed one by one in the detail view (the console's "delete user"
removes them for you; the API does not — API_DeleteUser.html, API_DeleteGroup.html).
"""

from typing import ClassVar

from store.browse import Row

from ..screens.form import Field, FormScreen
from .entity_pane import EntityPane


class RenamablePane(EntityPane):
    DELETE_NOTE: ClassVar[str]   # what AWS requires first, said in the confirm

    @property
    def title(self) -> str:
        """As AWS's operation names spell the kind: UpdateUser, DeleteGroup."""
        return self.kind.capitalize()

    def get_call(self, row: Row) -> tuple[str, dict]:
        return f"Get{self.title}", {f"{self.title}Name": row.name}

    def detail_screen(self, name: str):
        """The kind's detail screen for ``name``."""
        raise NotImplementedError

    def describe(self, row: Row) -> None:
        self.app.push_screen(self.detail_screen(row.name))

    def then_select(self, names: list[str]):
        """A form's dismissal: the cursor on the name the form's submit put last in
        ``names`` (the new or renamed one) — queued behind the reload the store change
        already queued on this pane, so the row is there."""
        return lambda done: self.call_next(self.select, names[-1]) if done and names else None

    def edit(self, row: Row) -> None:
        """Only what changed is sent; nothing changed sends nothing."""
        title, path, renamed = self.title, row.cells[1], []

        def update(values: dict) -> None:
            params = {f"{title}Name": row.name}
            if values["name"] != row.name:
                params[f"New{title}Name"] = values["name"]
            if values["path"] != path:
                params["NewPath"] = values["path"]
            if len(params) > 1:
                self.app.call(f"Update{title}", params)
            renamed.append(values["name"])
        self.app.push_screen(FormScreen(
            f"Rename or move {self.kind} {row.name}",
            [Field("name", "Name", row.name), Field("path", "Path", path)],
            update, f"Update{title}"), self.then_select(renamed))

    def deletion(self, row: Row) -> tuple[str, str, dict]:
        return (f"Delete {self.kind} {row.name}?\n{self.DELETE_NOTE}", f"Delete{self.title}",
                {f"{self.title}Name": row.name})
