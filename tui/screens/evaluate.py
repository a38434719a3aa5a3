"""``EvaluateScreen``: "can this principal do this action on this resource?", decided
again on every keystroke (shared/SCREENS.md, "Evaluation").

Principal, action and resource are fields whose matches drop down as you type: the
account's principals (store.who_can.principals), the action catalog (store.catalog), and
the ARNs the store holds (its users, groups, roles and policies as the panes list them,
and the resources with a policy of their own). Context keys are rows of
``KEY = VALUE[,VALUE...][,TYPE]`` read as ``iamtui can --context`` reads them
(tui.context_entry); without a TYPE a key the catalog knows gets its ContextKeyType
(store.context_types), so ``aws:SourceIp = 10.1.2.300`` is refused as no IP address.

Every decision is the store's: store.analysis gathers the request and its policies,
evaluator decides, store.explain tells why, tui.widgets.verdict shows it. An empty
resource is ``*``, as AWS's simulator takes a request without ResourceArns. ``ctrl+o``
(or ``enter`` on a statement) opens the policy the statement is in: a managed policy's
detail, or the editor for an inline or resource policy. Any change to the store — from
an editor opened here, another pane, or another process — decides again.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from evaluator import PolicyValidationError, evaluate
from evaluator.simulate import context_entries
from store import IamError, catalog
from store.analysis import principal, request_for
from store.browse import KINDS, rows
from store.context_types import context_type
from store.explain import StatementRef, explanation
from store.policy_sources import INLINE, MANAGED, source_of
from store.who_can import principals

from ..context_entry import context_entry
from ..output import error_text
from ..widgets.completion import CompletionField
from ..widgets.verdict import VerdictView

OFFERED = 50   # matches offered at most; typing narrows the rest


class EvaluateScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="evaluate.back"),
        Binding("ctrl+o", "open_policy", "Open policy", id="evaluate.open"),
        Binding("ctrl+n", "add_context", "Add context key", id="evaluate.add_context"),
        # ahead of the Input's own ctrl+d (delete right), on a context row only
        Binding("ctrl+d", "remove_context", "Remove key", id="evaluate.remove_context",
                priority=True),
        Binding("down", "app.focus_next", "Next field", show=False, id="evaluate.next"),
        Binding("up", "app.focus_previous", "Previous field", show=False,
                id="evaluate.previous"),
    ]
    DEFAULT_CSS = """
    EvaluateScreen > #request { height: auto; padding: 0 1; margin-bottom: 1; }
    EvaluateScreen #context { height: auto; }
    EvaluateScreen .field { height: 1; }
    EvaluateScreen .field > Label { width: 11; color: $text-muted; }
    EvaluateScreen .field > .aside { width: auto; max-width: 40%; color: $text-muted;
                                     padding-left: 1; }
    """

    def __init__(self, principal: str = ""):
        super().__init__()
        self.initial = principal
        self.identity = None          # whom the shown decision was for
        self.offers: dict[str, list[str]] = {}   # completions, kept until the store changes
        self.wanted_keys: dict[str, None] = {}   # context keys decisions found missing

    def compose(self) -> ComposeResult:
        yield Static("May this principal do this action on this resource?",
                     classes="title")
        with Vertical(id="request"):
            yield self._field("principal", CompletionField(
                self.initial, complete=self.principal_matches, changed=self.decide,
                id="principal",
                placeholder="a user or role name, an ARN, root, or an access key id"))
            yield self._field("action", CompletionField(
                complete=self.action_matches, changed=self.decide, id="action",
                placeholder="e.g. s3:GetObject"))
            yield self._field("resource", CompletionField(
                complete=self.resource_matches, changed=self.decide, id="resource",
                placeholder="an ARN (empty: *)"))
            with Vertical(id="context"):
                yield self._context_row("context")
        yield VerdictView()
        yield Footer()

    def _field(self, label: str, field: CompletionField) -> Horizontal:
        return Horizontal(Label(label), field, Static(classes="aside"), classes="field")

    def _context_row(self, label: str = "") -> Horizontal:
        return self._field(label, CompletionField(
            complete=self.context_matches, changed=self.decide,
            placeholder="KEY = VALUE  (e.g. aws:MultiFactorAuthPresent = true)"))

    def on_mount(self) -> None:
        self.app.store_changed.subscribe(self, self.store_changed)
        field = "#action" if self.initial else "#principal"
        self.query_one(f"{field} Input", Input).focus()
        self.decide()
        self.call_after_refresh(catalog.services)   # the catalog loads once, ahead of typing

    # --- deciding -----------------------------------------------------------------------

    def store_changed(self, _=None) -> None:
        self.offers.clear()
        self.decide()

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", CompletionField).value.strip()

    def decide(self) -> None:
        """Decide the request as the fields stand, and show it (or what is wrong)."""
        view = self.query_one(VerdictView)
        self.identity = None
        name, action = self.value("principal"), self.value("action")
        resource = self.value("resource") or "*"
        try:
            context = self.context()
        except (ValueError, PolicyValidationError) as err:
            view.show_message(f"context: {err}")
            return
        if not name:
            view.show_message("type a principal: a user or role name, an ARN, root, or an "
                              "access key id", problem=False)
            return
        account = self.app.session.account()
        try:
            identity = principal(account, name)
        except IamError as err:
            aside(field_row(self, "principal"), "")
            view.show_message(err.message)
            return
        aside(field_row(self, "principal"), _ASKED_AS[identity.kind])
        if not action:
            view.show_message("type an action, e.g. s3:GetObject", problem=False)
            return
        request, policies = request_for(account, identity, action, resource, context)
        told = explanation(account, identity, request, policies,
                           evaluate(request, policies, explain=True))
        self.identity = identity
        self.wanted_keys.update(dict.fromkeys(told.missing))
        notes = [] if catalog.action(action) else [f"{action}: no AWS service lists this action"]
        view.show(told, notes)

    def context(self) -> dict:
        """The context rows as a request context; each row's aside says the type it is
        read as. ValueError or the evaluator's InvalidInput for a row AWS would refuse."""
        entries = []
        for row in self.query_one("#context").query(".field"):
            text = row.query_one(CompletionField).value.strip()
            entry = context_entry(text, context_type) if text else None
            aside(row, entry["ContextKeyType"] if entry else "")
            if entry:
                entries.append(entry)
        return context_entries(entries)

    # --- completions --------------------------------------------------------------------

    def principal_matches(self, text: str) -> list[str]:
        """Names (``root`` for the root user), or ARNs once ``arn:`` is typed."""
        if "principals" not in self.offers:
            listed = principals(self.app.session.account())
            self.offers["principals"] = [identity.name or "root" for _, _, identity in listed]
            self.offers["principal arns"] = [arn for _, arn, _ in listed]
        return _matching(text, self.offers["principal arns" if text.startswith("arn:")
                                           else "principals"])

    def action_matches(self, text: str) -> list[str]:
        """Services while no ``:`` is typed (``s3:``), then the service's actions."""
        if not text:
            return []
        if ":" not in text:
            return _matching(text, [f"{prefix}:" for prefix in sorted(catalog.services())])
        return [found.full_name for found in catalog.expand(text + "*")[:OFFERED]]

    def resource_matches(self, text: str) -> list[str]:
        if "resources" not in self.offers:
            self.offers["resources"] = ["*", *self.resource_arns()]
        return _matching(text, self.offers["resources"]) if text else []

    def resource_arns(self) -> list[str]:
        """The ARNs of what the store holds, as far as the acting principal may list it."""
        account, acting = self.app.session.account(), self.app.acting
        arns = [record["Arn"] for record in self.app.store.list_resources(acting)]
        for kind in KINDS:
            try:
                arns += [row.arn for row in rows(account, kind, acting)]
            except IamError:   # may not list this kind: offer none of it
                continue
        return arns

    def context_matches(self, text: str) -> list[str]:
        """The keys decisions here found missing, ready for a value."""
        if "=" in text:
            return []
        return [f"{key} = " for key in _matching(text, list(self.wanted_keys))]

    # --- context rows -------------------------------------------------------------------

    async def action_add_context(self) -> None:
        row = self._context_row()
        await self.query_one("#context").mount(row)
        row.query_one(Input).focus()

    @property
    def context_rows(self) -> list[Horizontal]:
        return list(self.query_one("#context").query(".field"))

    @property
    def focused_context_row(self) -> Horizontal | None:
        return next((row for row in self.context_rows if self.focused in row.query(Input)),
                    None)

    async def action_remove_context(self) -> None:
        """The focused row goes (the last one is emptied instead)."""
        row, context_rows = self.focused_context_row, self.context_rows
        if row is None:
            return
        if len(context_rows) == 1:
            row.query_one(Input).value = ""
            return
        index = context_rows.index(row)
        context_rows[index - 1 if index else 1].query_one(Input).focus()
        if index == 0:   # the first row carries the "context" label: pass it on
            context_rows[1].query_one(Label).update("context")
        await row.remove()
        self.decide()

    # --- opening the policy -------------------------------------------------------------

    def action_open_policy(self) -> None:
        ref = self.query_one(VerdictView).chosen
        if ref is None:
            self.notify("No statement to open: no policy has a say in this request.",
                        markup=False)
            return
        self.open(ref)

    def on_verdict_view_open(self, event: VerdictView.Open) -> None:
        self.open(event.ref)

    def open(self, ref: StatementRef) -> None:
        """The policy ``ref`` is in: a managed policy's detail, an inline one in the
        editor (as the user, group and role details open them), or the resource's."""
        from .policy_items import Holder, InlinePolicy, open_managed_policy
        if self.identity is None:
            return
        source = source_of(self.app.session.account(), self.identity, ref)
        if source is None:
            self.notify(f"{ref.policy} is a session policy: it lives in the session, "
                        "not in the store.", markup=False)
        elif source.kind == MANAGED:
            open_managed_policy(self, source.arn)
        elif source.kind == INLINE:
            InlinePolicy(Holder(source.holder_kind, source.holder), source.name).open(self)
        else:
            self.edit_resource_policy(source.arn)

    def edit_resource_policy(self, arn: str) -> None:
        """The resource's own policy in the editor; saving it is the service's Put call
        (store.resources), as the acting principal."""
        from .policy_editor import PolicyEditorScreen
        store, acting = self.app.store, self.app.acting
        try:
            text = store.get_resource_policy(arn, acting)["Policy"]
        except IamError as err:
            self.notify(error_text(err), severity="error", markup=False)
            return

        def save(document: str) -> None:
            try:
                store.put_resource_policy(arn, document, acting)
            finally:
                self.app.notice_outside_change()
        self.app.push_screen(PolicyEditorScreen(arn, text, "resource", save,
                                                about="the resource's own policy",
                                                read_only=self.app.read_only))

    def check_action(self, action: str, parameters) -> bool | None:
        """ctrl+d removes a context row only from one: elsewhere it is the field's own
        key (delete right)."""
        if action == "remove_context":
            return self.is_mounted and self.focused_context_row is not None
        return True


# What the principal field's name stands for (store.analysis.principal: a role is asked
# about as a session of the role, since roles act only through sessions).
_ASKED_AS = {"user": "user", "assumed-role": "role session", "root": "root user"}


def field_row(screen: EvaluateScreen, name: str):
    return screen.query_one(f"#{name}", CompletionField).parent


def aside(row, text: str) -> None:
    """What a field's row says beside it, changed only when it changes (a change of
    width lays the screen out again)."""
    shown = row.query_one(".aside", Static)
    if str(shown.render()) != text:
        shown.update(Text(text))


def _matching(text: str, candidates: list[str]) -> list[str]:
    """Those that start with ``text`` (any case), then those holding it, OFFERED at most."""
    wanted = text.lower()
    starting, holding = [], []
    for candidate in candidates:
        lower = candidate.lower()
        if lower.startswith(wanted):
            starting.append(candidate)
        elif wanted in lower:
            holding.append(candidate)
        if len(starting) >= OFFERED:
            break
    return (starting + holding)[:OFFERED]

