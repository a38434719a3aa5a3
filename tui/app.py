"""The Textual app: a header saying whose account this is and who is acting, five panes
(users, groups, roles, policies, the audit trail) one key each, and the keys that work
in the footer. It is handed its store (``IamApp(store=...)``), so every test has its own.

Every change goes through ``IamApp.call`` (``Store.call`` as the acting principal); the
app then tells every open view through the ``store_changed`` signal, which also fires
when another process changed the file (polled twice a second). Its value says what
changed: ``"state"``, ``"trail"`` (only the audit trail grew) or ``"acting"``.
"""

import os

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.signal import Signal
from textual.widgets import ContentSwitcher, Footer, Static

from store import IamError, Identity, Store, StoreUnusable
from store.principals import root

from .output import error_text
from .palette import IamCommands
from .panes.audit import AuditPane
from .panes.groups import GroupsPane
from .panes.policies import PoliciesPane
from .panes.roles import RolesPane
from .panes.users import UsersPane
from .session import Session
from .widgets.walkthrough import Walkthrough

PANES = (("users", "Users", UsersPane), ("groups", "Groups", GroupsPane),
         ("roles", "Roles", RolesPane), ("policies", "Policies", PoliciesPane),
         ("audit", "Audit", AuditPane))

POLL_SECONDS = 0.5


class Header(Static):
    """Account, who is acting, the store file."""


class PaneTabs(Static):
    """``1 Users  2 Groups …`` with the current pane marked."""


class IamApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "iamtui"
    COMMANDS = App.COMMANDS | {IamCommands}
    BINDINGS = [
        *(Binding(str(number), f"show_pane('{pane_id}')", label, id=f"pane.{pane_id}",
                  show=False)
          for number, (pane_id, label, _) in enumerate(PANES, 1)),
        Binding("colon", "jump", "Jump", id="app.jump"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("x", "evaluate", "Evaluate", id="app.evaluate"),
        Binding("M", "root_mfa", "Root MFA", id="app.root_mfa", show=False),
        Binding("s", "sign_in", "Sign in/assume", id="app.sign_in"),
        Binding("o", "sign_out", "Sign out", id="app.sign_out"),
        Binding("ctrl+n", "walkthrough(1)", "Next step", id="app.walkthrough_next"),
        Binding("ctrl+b", "walkthrough(-1)", "Step back", id="app.walkthrough_back"),
        Binding("ctrl+r", "reload", "Reload", id="app.reload", show=False),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    pane = reactive("users")

    def __init__(self, store: Store, *, acting: Identity | None = None,
                 read_only: bool = False, walkthrough: bool = False):
        super().__init__()
        self.session = Session(store, acting)
        self.read_only = read_only
        self.walkthrough = walkthrough
        self.store_changed: Signal[str] = Signal(self, "store-changed")

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def acting(self) -> Identity:
        return self.session.acting

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(id="header")
        yield PaneTabs(id="tabs")
        with Horizontal(id="body"):
            with ContentSwitcher(initial="users", id="panes"):
                for pane_id, _, pane in PANES:
                    yield pane(id=pane_id)
            if self.walkthrough:
                yield Walkthrough()
        yield Footer()

    def on_mount(self) -> None:
        self.session.changed_since_seen()
        self.show_header()
        self.watch_pane(self.pane)
        self.set_interval(POLL_SECONDS, self.notice_outside_change)

    def show_header(self) -> None:
        account = self.session.account()
        aliases = ", ".join(account.info["AccountAliases"])
        acting = "root" if self.acting.is_root else self.acting.arn
        text = Text.assemble(("iamtui", "bold"), "  account ", account.id,
                             f" ({aliases})" if aliases else "", "   acting as: ",
                             (acting, "bold"), "   store: ", os.path.basename(self.store.path))
        if self.read_only:
            text.append("   read-only", "bold")
        self.query_one(Header).update(text)

    def watch_pane(self, pane: str) -> None:
        if not self.is_mounted:
            return
        self.query_one("#panes", ContentSwitcher).current = pane
        tabs = Text()
        for number, (pane_id, label, _) in enumerate(PANES, 1):
            tabs.append(f" {number} {label} ", "reverse bold" if pane_id == pane else "")
            tabs.append(" ")
        self.query_one(PaneTabs).update(tabs)
        self.query_one(f"#{pane}").focus_table()

    # --- the store ------------------------------------------------------------------

    def call(self, operation: str, params: dict | None = None) -> dict:
        """Make the call as the acting principal; on success every view re-reads the
        store. Raises the store's IamError (a form shows it in place)."""
        try:
            return self.session.call(operation, params)
        finally:
            self.notice_outside_change()

    def attempt(self, operation: str, params: dict | None = None, done: str = "") -> dict | None:
        """``call``, with a refusal shown as a notification in the AWS CLI's words
        (None then); ``done`` is said on success."""
        try:
            response = self.call(operation, params)
        except IamError as err:
            self.notify(error_text(err, operation), severity="error", markup=False,
                        timeout=8)
            return None
        if done:
            self.notify(done, markup=False)
        return response

    def act_as(self, identity: Identity) -> None:
        """From now on calls are made as ``identity`` (sign in, assume role, sign out)."""
        self.session.acting = identity
        self.show_header()
        self.refresh_bindings()
        self.store_changed.publish("acting")

    def notice_outside_change(self) -> None:
        """Tell every view when the store changed: a write of ours, or another
        process's, found on the poll."""
        try:
            changed = self.session.changed_since_seen()
        except (StoreUnusable, OSError) as err:  # a corrupt or vanished file: say so, go on
            self.notify(f"cannot read the store: {err}", severity="error", markup=False)
            return
        if changed == "state":
            self.show_header()
        if changed:
            self.store_changed.publish(changed)

    # --- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "walkthrough":
            return self.walkthrough
        if action == "sign_out":
            return not self.acting.is_root
        return True

    def action_show_pane(self, pane: str) -> None:
        self.pane = pane

    def action_reload(self) -> None:
        self.session.seen = None
        self.notice_outside_change()

    def action_evaluate(self, principal: str = "") -> None:
        from .screens.evaluate import EvaluateScreen
        self.push_screen(EvaluateScreen(principal=principal))

    def action_sign_in(self) -> None:
        """Sign in as the selected user, or (on the roles pane) assume the selected role."""
        from .screens.sign_in import assume_role_form, sign_in_form
        selected = self.query_one(f"#{self.pane}").selected if self.pane != "audit" else None
        name = selected.name if selected is not None else ""
        if self.pane == "roles":
            self.push_screen(assume_role_form(self, name))
        else:
            self.push_screen(sign_in_form(self, name if self.pane == "users" else ""))

    def action_sign_out(self) -> None:
        self.act_as(root(self.session.account().id))
        self.notify("signed out: acting as root")

    def action_walkthrough(self, by: int) -> None:
        self.query_one(Walkthrough).move(by)

    def action_root_mfa(self) -> None:
        """The root user's own virtual MFA device (only the root user may)."""
        from .screens.mfa_enroll import MfaEnrollScreen
        self.push_screen(MfaEnrollScreen(None))

    def action_jump(self) -> None:
        from .screens.jump import JumpScreen
        self.push_screen(JumpScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen
        self.push_screen(HelpScreen())
