"""``RoleDetailScreen(name)``: one role — what it is for and how long its sessions last,
who may assume it (the trust policy), what it may do (its attached and inline policies,
bounded by its permissions boundary), its tags, its last use and its instance profiles.

``enter`` on the trust policy opens it in the editor (saved with UpdateAssumeRolePolicy),
on the description or maximum session the edit form (UpdateRole); the policy lines,
``a`` attach, ``i`` inline and ``b`` boundary are policy_items'; ``t`` tags; ``x`` asks
what the role may do. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html
"""

import json
from dataclasses import dataclass

from textual.binding import Binding

from .detail import Item
from .form import Field, FormScreen
from .policy_editor import PolicyEditorScreen
from .policy_items import (Part, PolicyHolderScreen, boundary_lines, every, policy_lines,
                           section, when)
from .tag_items import add_tag, tag_lines


def seconds(text: str) -> int | str:
    """What was typed as a number of seconds. Anything else is passed on as typed, for
    the store to refuse in AWS's words."""
    text = text.strip()
    return int(text) if text.isdigit() else text


def edit_role(app, name: str) -> None:
    """``e``: the description and maximum session duration (UpdateRole)."""
    role = app.attempt("GetRole", {"RoleName": name})
    if role is None:
        return
    role = role["Role"]

    def submit(values: dict) -> None:
        app.call("UpdateRole", {"RoleName": name, "Description": values["description"],
                                "MaxSessionDuration": seconds(values["max_session"])})
    app.push_screen(FormScreen(f"Edit role {name}", [
        Field("description", "Description", role.get("Description", "")),
        Field("max_session", "Maximum session duration (seconds)",
              str(role["MaxSessionDuration"]))], submit, operation="UpdateRole"))


def trust_statements(text: str) -> list[tuple[str, str]]:
    """Each statement of a trust policy, shortly: ("Allow sts:AssumeRole",
    "Service ec2.amazonaws.com · if StringEquals accounts.google.com:aud")."""
    statements = json.loads(text)["Statement"]
    shown = []
    for statement in statements if isinstance(statements, list) else [statements]:
        verb = "" if "Action" in statement else "not "
        actions = _listed(statement.get("Action", statement.get("NotAction")))
        principal = statement.get("Principal", statement.get("NotPrincipal"))
        who = [f"{kind} {', '.join(_listed(names))}" for kind, names in principal.items()] \
            if isinstance(principal, dict) else [str(principal)]
        conditions = [f"{test} {', '.join(keys)}"
                      for test, keys in statement.get("Condition", {}).items()]
        if conditions:
            who.append(f"if {' and '.join(conditions)}")
        shown.append((f"{statement['Effect']} {verb}{', '.join(actions)}", " · ".join(who)))
    return shown


def _listed(value) -> list[str]:
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Settings(Part):
    """The description and the maximum session: ``enter`` edits them."""
    role: str

    def open(self, screen) -> None:
        edit_role(screen.app, self.role)


@dataclass(frozen=True)
class Trust(Part):
    """The trust policy: ``enter`` opens it in the editor."""
    role: str
    text: str

    def open(self, screen) -> None:
        def save(document: str) -> None:
            screen.app.call("UpdateAssumeRolePolicy", {"RoleName": self.role,
                                                       "PolicyDocument": document})
        screen.app.push_screen(PolicyEditorScreen(
            f"Trust policy of role {self.role}", self.text, "trust", save,
            about="who may assume the role: ctrl+s saves (UpdateAssumeRolePolicy)"))


class RoleDetailScreen(PolicyHolderScreen):
    kind = "role"
    WRITES = PolicyHolderScreen.WRITES | {"edit", "tag"}
    BINDINGS = [
        Binding("e", "edit", "Edit", id="role.edit"),
        Binding("b", "boundary", "Boundary", id="role.boundary"),
        Binding("t", "tag", "Tag", id="role.tag"),
        Binding("x", "evaluate", "Evaluate", id="role.evaluate"),
    ]

    def get_call(self) -> tuple[str, dict]:
        return "GetRole", self.holder.params()

    def title_line(self) -> str:
        self.role = self.app.session.call(*self.get_call())["Role"]
        return self.role["Arn"]

    def lines(self) -> list[Item]:
        role, holder = self.role, self.holder
        settings = Settings(holder.name)
        used = role.get("RoleLastUsed") or {}
        trust = Trust(holder.name, role["AssumeRolePolicyDocument"])
        return [
            Item("role", "description", role.get("Description") or "—", settings),
            Item("role", "max session", f"{role['MaxSessionDuration'] / 3600:g} h "
                 f"({role['MaxSessionDuration']} s)", settings),
            Item("role", "path", role["Path"]),
            Item("role", "created", when(role["CreateDate"])),
            Item("role", "last used", " · ".join(filter(None, (
                when(used.get("LastUsedDate")), used.get("Region"))))),
            *section("role", self.profile_lines),
            *[Item("trust policy", label, info, trust)
              for label, info in trust_statements(trust.text)],
            *section("policies", lambda: policy_lines(self.app.session, holder),
                     "none · a attaches, i writes inline"),
            *section("boundary", lambda: boundary_lines(holder, role), "none · b sets one"),
            *section("tags", lambda: tag_lines(holder, role), "none · t adds one"),
        ]

    def profile_lines(self) -> list[Item]:
        """The instance profiles EC2 instances take the role through (an imported
        account's: the store keeps them, it does not make them)."""
        listed = every(self.app.session, "ListInstanceProfilesForRole", self.holder.params())
        return [Item("role", "instance profile", profile["Arn"])
                for profile in listed["InstanceProfiles"]] \
            or [Item("role", "instance profile", "none")]

    def action_edit(self) -> None:
        edit_role(self.app, self.entity_name)

    def action_tag(self) -> None:
        add_tag(self.app, self.holder)

    def action_evaluate(self) -> None:
        self.app.action_evaluate(principal=self.entity_name)
