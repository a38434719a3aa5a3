"""``PolicyDetailScreen(arn)``: one managed policy — its versions, who has it (attached,
or as a permissions boundary), its tags and the default version's document.

``enter`` on a version shows its document, ``D`` makes it the default, ``ctrl+d``
deletes it (AWS refuses the default one); ``enter`` on an attachment describes that user,
group or role, ``ctrl+d`` detaches it; ``e`` edits: the default version opens in the
editor and saving makes a new default version. A customer managed policy keeps at most
five versions: past that AWS refuses (LimitExceeded) until one is deleted here
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
AWS managed policies can be read and attached, and the store refuses any change to them.
"""

from dataclasses import dataclass

from textual.binding import Binding

from store import IamError

from .detail import DetailScreen, Item
from .tag_items import TaggedPolicy, add_tag, tag_lines
from .policy_editor import PolicyEditorScreen
from .policy_items import AttachedPolicy, Boundary, Holder, Part, every, section, when

# The document's first lines are shown here; enter opens the whole of it. (AWS managed
# policies run to thousands of lines: ReadOnlyAccess has over 1,300.)
DOCUMENT_LINES = 60


def holders(app, arn: str) -> list[tuple[Holder, bool]]:
    """Who has the policy, and whether as a permissions boundary: ListEntitiesForPolicy
    (every page), once for permissions and once for boundaries."""
    found = []
    for usage, boundary in (("PermissionsPolicy", False), ("PermissionsBoundary", True)):
        response = every(app.session, "ListEntitiesForPolicy",
                         {"PolicyArn": arn, "PolicyUsageFilter": usage})
        for kind in ("group", "user", "role"):
            title = kind.capitalize()
            found += [(Holder(kind, entity[f"{title}Name"]), boundary)
                      for entity in response[f"Policy{title}s"]]
    return found


def edit_policy(app, arn: str) -> None:
    """The default version in the editor; saving makes a new version, the default
    (CreatePolicyVersion with SetAsDefault)."""
    policy = app.attempt("GetPolicy", {"PolicyArn": arn})
    if policy is None:
        return
    name, default = policy["Policy"]["PolicyName"], policy["Policy"]["DefaultVersionId"]
    version = app.attempt("GetPolicyVersion", {"PolicyArn": arn, "VersionId": default})
    if version is None:
        return

    def save(text: str) -> None:
        app.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": text,
                                         "SetAsDefault": True})
    app.push_screen(PolicyEditorScreen(
        f"{name}  {default} (default) · ctrl+s saves a new default version",
        version["PolicyVersion"]["Document"], "identity", save, about=attached_to(app, arn)))


def attached_to(app, arn: str) -> str:
    """"attached to: Developers (group), bob (user)", what the change will reach."""
    try:
        found = [f"{holder.name} ({holder.kind})"
                 for holder, boundary in holders(app, arn) if not boundary]
    except IamError as err:   # the acting principal may not list them: say so
        return f"attached to: not shown ({err.code} on ListEntitiesForPolicy)"
    return f"attached to: {', '.join(found) or 'nothing'}"


@dataclass(frozen=True)
class Version(Part):
    """A version: ``enter`` shows its document, ``D`` makes it the default, ``ctrl+d``
    deletes it (AWS refuses for the default version)."""
    arn: str
    version_id: str

    def open(self, screen) -> None:
        """The version's document as stored, read-only (checked, as the editor does)."""
        response = screen.app.attempt("GetPolicyVersion", self.params())
        if response is not None:
            version = response["PolicyVersion"]
            screen.app.push_screen(PolicyEditorScreen(
                f"{screen.what} {self.version_id}", version["Document"], "identity",
                lambda text: None, read_only=True,
                about="the default version" if version["IsDefaultVersion"] else
                "not the default: D on its line makes it the default"))

    def removal(self, screen) -> str | None:
        return f"Delete version {self.version_id} of {screen.what}?"

    def remove(self, screen) -> None:
        screen.app.attempt("DeletePolicyVersion", self.params(),
                           done=f"deleted version {self.version_id}")

    def make_default(self, screen) -> None:
        screen.app.attempt("SetDefaultPolicyVersion", self.params(),
                           done=f"{self.version_id} is the default version")

    def params(self) -> dict:
        return {"PolicyArn": self.arn, "VersionId": self.version_id}


@dataclass(frozen=True)
class Holding(Part):
    """A user, group or role that has the policy: ``enter`` describes it, ``ctrl+d``
    detaches the policy from it (or removes it as its boundary)."""
    holder: Holder
    arn: str
    boundary: bool

    def open(self, screen) -> None:
        screen.app.push_screen(_detail_screen(self.holder))

    def removal(self, screen) -> str | None:
        if self.boundary:
            return f"Remove {screen.what} as the permissions boundary of {self.holder}?"
        return f"Detach {screen.what} from {self.holder}?"

    def remove(self, screen) -> None:
        (Boundary(self.holder, self.arn) if self.boundary else
         AttachedPolicy(self.holder, self.arn, screen.what)).remove(screen)


class PolicyDetailScreen(DetailScreen):
    WRITES = DetailScreen.WRITES | {"edit", "set_default", "tag"}
    BINDINGS = [
        Binding("e", "edit", "Edit", id="policy.edit"),
        Binding("D", "set_default", "Set default", id="policy.set_default"),
        Binding("t", "tag", "Tag", id="policy.tag"),
    ]

    def __init__(self, arn: str):
        super().__init__(arn)
        self.policy: dict = {}

    @property
    def arn(self) -> str:
        return self.entity_name

    @property
    def what(self) -> str:
        return str(self.tagged)

    @property
    def tagged(self) -> TaggedPolicy:
        return TaggedPolicy(self.arn, self.policy.get("PolicyName", self.arn))

    def get_call(self) -> tuple[str, dict]:
        return "GetPolicy", {"PolicyArn": self.arn}

    def title_line(self) -> str:
        self.policy = self.app.session.call(*self.get_call())["Policy"]
        return self.arn

    def lines(self) -> list[Item]:
        policy, arn, session = self.policy, self.arn, self.app.session
        default = Version(arn, policy["DefaultVersionId"])

        def versions() -> list[Item]:
            listed = every(session, "ListPolicyVersions", {"PolicyArn": arn})["Versions"]
            return [Item("versions", version["VersionId"], " · ".join(filter(None, (
                "default" if version["IsDefaultVersion"] else "", when(version["CreateDate"])))),
                Version(arn, version["VersionId"])) for version in listed]

        def attachments() -> list[Item]:
            return [Item("attachments", str(holder),
                         "permissions boundary" if boundary else "attached",
                         Holding(holder, arn, boundary))
                    for holder, boundary in holders(self.app, arn)]

        def document() -> list[Item]:
            response = session.call("GetPolicyVersion", default.params())
            text = response["PolicyVersion"]["Document"]
            shown = text.splitlines()
            items = [Item("document", default.version_id if number == 0 else "", line,
                          default) for number, line in enumerate(shown[:DOCUMENT_LINES])]
            if len(shown) > DOCUMENT_LINES:
                items.append(Item("document", "", f"… {len(shown) - DOCUMENT_LINES} more "
                                  "lines: enter shows them all", default))
            return items

        return [Item("policy", "description", policy.get("Description") or "—"),
                Item("policy", "path", policy["Path"]),
                Item("policy", "created", when(policy.get("CreateDate"))),
                Item("policy", "updated", when(policy.get("UpdateDate"))),
                *section("versions", versions),
                *section("attachments", attachments, "none · attach it from a user, group "
                                                     "or role (a)"),
                *section("tags", lambda: tag_lines(self.tagged, policy), "none · t adds one"),
                *section("document", document)]

    # --- keys ------------------------------------------------------------------------

    def action_edit(self) -> None:
        edit_policy(self.app, self.arn)

    def action_set_default(self) -> None:
        item = self.selected
        if item is not None and isinstance(item.key, Version):
            item.key.make_default(self)

    def action_tag(self) -> None:
        add_tag(self.app, self.tagged)


def _detail_screen(holder: Holder):
    """The describing screen of a user, group or role."""
    if holder.kind == "user":
        from .user_detail import UserDetailScreen
        return UserDetailScreen(holder.name)
    if holder.kind == "group":
        from .group_detail import GroupDetailScreen
        return GroupDetailScreen(holder.name)
    from .role_detail import RoleDetailScreen
    return RoleDetailScreen(holder.name)
