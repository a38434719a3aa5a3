"""One group described: its members (GetGroup, every page) and its policies, attached and
inline. ``enter`` on a member describes that user, ``u`` adds a user, ``a`` / ``i``
attach or write a policy, ``ctrl+d`` removes the line's member or policy.

Groups hold users only, and have no tags and no permissions boundary in IAM
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html).
"""

from dataclasses import dataclass

from textual.binding import Binding

from .detail import Item
from .policy_items import (Part, PolicyHolderScreen, every, pick_entity, policy_lines,
                           section, when)


@dataclass(frozen=True)
class Membership(Part):
    """A user in a group — a line of the group's members or of the user's groups;
    ``enter`` describes the other side."""

    user: str
    group: str
    opens: str    # "user" | "group"

    def open(self, screen) -> None:
        if self.opens == "group":
            screen.app.push_screen(GroupDetailScreen(self.group))
        else:
            from .user_detail import UserDetailScreen
            screen.app.push_screen(UserDetailScreen(self.user))

    def removal(self, screen) -> str | None:
        return f"Remove {self.user} from group {self.group}?"

    def remove(self, screen) -> None:
        screen.app.attempt("RemoveUserFromGroup", {"GroupName": self.group,
                                                   "UserName": self.user},
                           done=f"removed {self.user} from {self.group}")


class GroupDetailScreen(PolicyHolderScreen):
    kind = "group"
    WRITES = PolicyHolderScreen.WRITES | {"add_member"}
    BINDINGS = [Binding("u", "add_member", "Add user", id="group.add_member")]

    def __init__(self, name: str):
        super().__init__(name)
        self.members: list[dict] = []   # GetGroup's Users, read with the title line

    def get_call(self) -> tuple[str, dict]:
        return "GetGroup", {"GroupName": self.entity_name}

    def title_line(self) -> str:
        response = every(self.app.session, *self.get_call())
        self.members = response["Users"]
        group = response["Group"]
        return f"{group['Arn']}   created {when(group['CreateDate'])}"

    def lines(self) -> list[Item]:
        members = [Item("members", user["UserName"], user["Path"],
                        Membership(user["UserName"], self.entity_name, opens="user"))
                   for user in self.members]
        return [*(members or [Item("members", "—", "no members · u adds a user")]),
                *section("policies", lambda: policy_lines(self.app.session, self.holder),
                         "none · a attaches, i writes inline")]

    def action_add_member(self) -> None:
        add_membership(self, group=self.entity_name)


def add_membership(screen, user: str | None = None, group: str | None = None) -> None:
    """``g`` on a user, ``u`` on a group: pick the other side among those not joined
    yet, then AddUserToGroup."""
    joined = frozenset(part.group if user else part.user for part in screen.parts(Membership))

    def add(name: str) -> None:
        pair = {"UserName": user or name, "GroupName": group or name}
        screen.app.attempt("AddUserToGroup", pair,
                           done=f"added {pair['UserName']} to {pair['GroupName']}")
    pick_entity(screen.app, "group" if user else "user",
                f"Add {user} to a group" if user else f"Add a user to {group}", add, joined)
