"""Where ``:`` (tui/screens/jump.py) and the command palette (tui/palette.py) take you:
a pane, or an entity the acting principal may list — the rows its pane shows
(store.browse), so nobody is offered what they could not list. Each destination has a
name to type: ``users``, ``user/alice``, ``role/EC2S3ReadRole``, ``policy/ReadOnlyAccess``,
or the entity's bare name or ARN. Going there switches to the entity's pane, puts the
cursor on it and describes it, exactly as ``enter`` on that row would.

Names match without regard to case, as IAM's do (a user ``Alice`` and a user ``alice``
cannot both exist). A customer managed policy and an AWS managed one may share a name:
``policy/NAME`` is then the customer's (listed first) and the ARN reaches the other.
"""

from dataclasses import dataclass

from store import IamError

from .panes.entity_pane import EntityPane
from .panes.table_pane import TablePane

SHOWN = 50     # completions offered at once; typing narrows the rest


@dataclass(frozen=True)
class Target:
    name: str            # what is typed: "users", "user/alice"
    pane: str            # the pane's id
    row: object = None   # the entity's store.browse.Row; None for the pane itself

    @property
    def label(self) -> str:
        """How a list shows it: "user alice", "pane users"."""
        kind, _, name = self.name.partition("/")
        return f"{kind} {name}" if self.row is not None else f"pane {self.name}"


def targets(app) -> list[Target]:
    """Every pane, then every entity the acting principal may list, pane by pane."""
    panes = list(app.query(TablePane))
    found = [Target(pane.id, pane.id) for pane in panes]
    for pane in panes:
        if isinstance(pane, EntityPane):
            try:
                listed = pane.load()     # the rows the pane would show, read afresh
            except IamError:       # may not list this kind: nothing of it is offered
                continue
            found.extend(Target(f"{pane.kind}/{row.name}", pane.id, row) for row in listed)
    return found


def resolve(text: str, among: list[Target]) -> list[Target]:
    """What ``text`` names: one target, several (a bare name shared by a user and a
    group), or none. ``users`` / ``user`` name the pane; ``user/alice`` (or
    ``users/alice``) the entity; a bare name or an ARN any entity."""
    wanted = _typed(text)
    for target in among:
        if target.row is None and wanted in (target.name, _singular(target.name)):
            return [target]
    kind, slash, name = wanted.partition("/")
    if slash and not wanted.startswith("arn:"):
        wanted = f"{_singular(kind)}/{name}"
        return [target for target in among
                if target.row is not None and target.name.lower() == wanted][:1]
    return [target for target in among if target.row is not None
            and wanted in (target.row.name.lower(), target.row.arn.lower())]


def complete(text: str, among: list[Target]) -> list[Target]:
    """The targets ``text`` may be the start of: those whose typed name or bare name
    begins with it first, then those holding it anywhere; at most SHOWN."""
    wanted = _typed(text)
    starts, holds = [], []
    for target in among:
        name = target.name.lower()
        bare = name.rpartition("/")[2]
        if name.startswith(wanted) or bare.startswith(wanted):
            starts.append(target)
            if len(starts) == SHOWN:
                return starts
        elif len(holds) < SHOWN and wanted in name:
            holds.append(target)
    return (starts + holds)[:SHOWN]


def go(app, target: Target) -> None:
    """Show the target's pane; for an entity, select it (clearing a filter that hides
    it) and describe it. Screens opened over the main one are closed first."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    app.action_show_pane(target.pane)
    if target.row is None:
        return
    pane = app.query_one(f"#{target.pane}", EntityPane)
    if not pane.select(target.row.arn):
        pane.clear_filter()
        if not pane.select(target.row.arn):
            app.notify(f"{target.name} is gone (changed meanwhile)", markup=False,
                       severity="warning")
            return
    pane.describe(pane.selected)


def _typed(text: str) -> str:
    return text.strip().removeprefix(":").strip().lower()


def _singular(word: str) -> str:
    """"users" -> "user", "policies" -> "policy" (a pane's name -> its kind's)."""
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")
