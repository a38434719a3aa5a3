"""The policies of a user, group or role as lines of its detail view — attached managed
policies, inline policies, those a user's groups bring, the permissions boundary — and
the keys that act on them, written once for the three kinds.

The interface (the user, group and role detail screens use it):

- ``PolicyHolderScreen(DetailScreen)``: set ``kind`` ("user" | "group" | "role"). Its
  ``lines()`` calls ``policy_lines(session, holder)`` (and ``boundary_lines`` for users
  and roles) with the ``section`` helper. It binds ``a`` attach a managed policy and
  ``i`` new inline policy; ``action_boundary`` is there for a subclass to bind (``b``).
- Every ``Item.key`` on such a screen is a ``Part``: it knows how to ``open`` itself
  (``enter``), the question before removing it (``removal``), and how to ``remove``
  itself (``ctrl+d``). A kind's own parts (access keys, members, tags) subclass ``Part``
  and need nothing else from the screen.
- ``Holder(kind, name)`` names the entity and builds its AWS operation names.

Every line is read with a Get / List call as the acting principal, section by section,
so a principal who may not read one part sees AWS's refusal in that section's place.
"""

from dataclasses import dataclass
from typing import Callable, ClassVar

from textual.binding import Binding

from store import IamError
from store.browse import LIST_CALLS, rows
from store.model import service

from ..awscli.pagination import paginate
from ..output import error_text
from ..templates import IDENTITY_TEMPLATE
from .detail import DetailScreen, Item, Part
from .form import Field, FormScreen
from .picker import PickerScreen

@dataclass(frozen=True)
class Holder:
    """A user, group or role, by name: whose policies these are."""

    kind: str   # "user" | "group" | "role"
    name: str

    @property
    def title(self) -> str:
        """As AWS's operation names spell the kind: AttachUserPolicy, PutRolePolicy."""
        return self.kind.capitalize()

    def params(self, **more) -> dict:
        return {f"{self.title}Name": self.name, **more}

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


# --- reading -------------------------------------------------------------------------

def section(name: str, read: Callable[[], list[Item]], empty: str = "") -> list[Item]:
    """The section's lines; AWS's refusal in their place when the acting principal may
    not read them; one "—" line (saying ``empty``) when there is nothing."""
    try:
        found = read()
    except IamError as err:
        return [Item(name, err.code, err.message)]
    return found or [Item(name, "—", empty)]


def every(session, operation: str, params: dict) -> dict:
    """Every page of a List / Get call merged into one response, as the acting
    principal (a group may have more members than one page holds)."""
    return paginate(lambda request: session.call(operation, request), service("iam"),
                    operation, params)


def policy_lines(session, holder: Holder, inherited: bool = False) -> list[Item]:
    """The holder's attached managed and inline policies ("policies" section). With
    ``inherited`` the holder is a group seen from one of its members: its lines say
    "via GROUP" and are removed on the group, not here."""
    via = f"via {holder.name} · " if inherited else ""
    attached = every(session, f"ListAttached{holder.title}Policies",
                     holder.params())["AttachedPolicies"]
    inline = every(session, f"List{holder.title}Policies", holder.params())["PolicyNames"]
    return [Item("policies", policy["PolicyName"], via + _managed(policy["PolicyArn"]),
                 AttachedPolicy(holder, policy["PolicyArn"], policy["PolicyName"], inherited))
            for policy in attached] + \
           [Item("policies", name, via + "inline", InlinePolicy(holder, name, inherited))
            for name in inline]


def boundary_lines(holder: Holder, entity: dict) -> list[Item]:
    """The permissions boundary of a user or role (from its GetUser / GetRole)."""
    arn = entity.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
    if arn is None:
        return []
    return [Item("boundary", arn.rsplit("/", 1)[-1], _managed(arn), Boundary(holder, arn))]


def when(timestamp: str | None, minutes: bool = False) -> str:
    """A stored time as detail lines show it: ``2026-11-29``, with ``minutes``
    ``2026-11-29 09:00`` (UTC); "never" for none."""
    if not timestamp:
        return "never"
    return timestamp[:16].replace("T", " ") if minutes else timestamp[:10]


def _managed(arn: str) -> str:
    return "AWS managed" if arn.startswith("arn:aws:iam::aws:") else "customer managed"


# --- the parts -----------------------------------------------------------------------

def open_managed_policy(screen, arn: str) -> None:
    """The policy's own detail view."""
    from .policy_detail import PolicyDetailScreen
    screen.app.push_screen(PolicyDetailScreen(arn))


class HeldPolicy(Part):
    """A policy a user, group or role holds. Seen from a member of the group that holds
    it (``inherited``), it is removed on the group, not here: removing it would change
    every member."""

    holder: Holder
    name: str
    inherited: bool

    def removal(self, screen) -> str | None:
        if self.inherited:
            screen.notify(f"{self.name} comes through group {self.holder.name}: remove it "
                          "there (enter on the group)", markup=False)
            return None
        return self.question()

    def question(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class AttachedPolicy(HeldPolicy):
    holder: Holder
    arn: str
    name: str
    inherited: bool = False   # through a group, seen from a member

    def open(self, screen) -> None:
        open_managed_policy(screen, self.arn)

    def question(self) -> str:
        return f"Detach {self.name} from {self.holder}?"

    def remove(self, screen) -> None:
        screen.app.attempt(f"Detach{self.holder.title}Policy",
                           self.holder.params(PolicyArn=self.arn),
                           done=f"detached {self.name} from {self.holder}")


@dataclass(frozen=True)
class InlinePolicy(HeldPolicy):
    holder: Holder
    name: str
    inherited: bool = False

    def open(self, screen) -> None:
        response = screen.app.attempt(f"Get{self.holder.title}Policy",
                                      self.holder.params(PolicyName=self.name))
        if response is not None:
            edit_inline(screen.app, self.holder, self.name, response["PolicyDocument"])

    def question(self) -> str:
        return f"Delete the inline policy {self.name} of {self.holder}?"

    def remove(self, screen) -> None:
        screen.app.attempt(f"Delete{self.holder.title}Policy",
                           self.holder.params(PolicyName=self.name),
                           done=f"deleted {self.name} from {self.holder}")


@dataclass(frozen=True)
class Boundary(Part):
    holder: Holder
    arn: str

    def open(self, screen) -> None:
        open_managed_policy(screen, self.arn)

    def removal(self, screen) -> str | None:
        return f"Remove the permissions boundary {self.arn.rsplit('/', 1)[-1]} " \
               f"from {self.holder}?"

    def remove(self, screen) -> None:
        screen.app.attempt(f"Delete{self.holder.title}PermissionsBoundary",
                           self.holder.params(), done=f"removed the boundary of {self.holder}")


def edit_inline(app, holder: Holder, name: str, text: str) -> None:
    """The inline policy in the editor; saving it is Put{Kind}Policy (the editor shows
    a refusal and stays open). In a read-only app it can be read, not changed."""
    from .policy_editor import PolicyEditorScreen

    def save(document: str) -> None:
        app.call(f"Put{holder.title}Policy",
                 holder.params(PolicyName=name, PolicyDocument=document))
    app.push_screen(PolicyEditorScreen(name, text, "identity", save,
                                       about=f"inline on {holder}", read_only=app.read_only))


def pick_entity(app, kind: str, title: str, chosen: Callable[[str], object],
                leave_out: frozenset = frozenset()) -> None:
    """A picker of the account's users, groups or managed policies (customer and AWS),
    as the List call lists them to the acting principal (its refusal, else);
    ``chosen(value)`` with the picked one's name — a policy's ARN."""
    try:
        listed = rows(app.session.account(), kind, app.acting)
    except IamError as err:
        app.notify(error_text(err, LIST_CALLS[kind]), severity="error", markup=False)
        return
    if kind == "policy":
        choices = [(f"{row.name}  ({row.cells[1]})", row.arn) for row in listed]
    else:
        choices = [(row.name, row.name) for row in listed]
    app.push_screen(PickerScreen(title, [c for c in choices if c[1] not in leave_out]),
                    lambda value: chosen(value) if value is not None else None)


# --- the screen ----------------------------------------------------------------------

class PolicyHolderScreen(DetailScreen):
    """A detail screen whose lines are ``Part``s: a user's, group's or role's."""

    kind: ClassVar[str]
    WRITES = DetailScreen.WRITES | {"attach", "inline", "boundary"}
    BINDINGS = [Binding("a", "attach", "Attach", id="detail.attach"),
                Binding("i", "inline", "Inline", id="detail.inline")]

    @property
    def holder(self) -> Holder:
        return Holder(self.kind, self.entity_name)

    def parts(self, kind: type) -> list:
        """The parts of this kind shown now."""
        return [item.key for item in self.items if isinstance(item.key, kind)]

    # --- keys -----------------------------------------------------------------------

    def action_attach(self) -> None:
        holder = self.holder
        attached = frozenset(part.arn for part in self.parts(AttachedPolicy)
                             if not part.inherited)
        pick_entity(self.app, "policy", f"Attach a managed policy to {holder}", lambda arn:
                            self.app.attempt(f"Attach{holder.title}Policy",
                                             holder.params(PolicyArn=arn),
                                             done=f"attached {arn} to {holder}"), attached)

    def action_boundary(self) -> None:
        holder = self.holder
        pick_entity(self.app, "policy", f"Permissions boundary for {holder}", lambda arn:
                            self.app.attempt(f"Put{holder.title}PermissionsBoundary",
                                             holder.params(PermissionsBoundary=arn),
                                             done=f"{arn} bounds {holder}"))

    def action_inline(self) -> None:
        """A name (checked against AWS's API model at once), then the editor, starting
        from the module's example policy (``ctrl+t`` there offers others); a name the
        holder already uses opens that policy, as Put{Kind}Policy would replace it."""
        holder, named = self.holder, []
        operation = f"Put{holder.title}Policy"

        def check(values: dict) -> None:
            service("iam").validate(operation, holder.params(
                PolicyName=values["name"], PolicyDocument=IDENTITY_TEMPLATE))
            named.append(values["name"])

        def write(done: bool | None) -> None:
            if not done:
                return
            existing = [part for part in self.parts(InlinePolicy)
                        if part.name == named[-1] and not part.inherited]
            if existing:
                existing[0].open(self)
            else:
                edit_inline(self.app, holder, named[-1], IDENTITY_TEMPLATE)
        self.app.push_screen(FormScreen(f"New inline policy for {holder}",
                                        [Field("name", "Policy name")], check, operation),
                             write)
