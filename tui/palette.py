"""The command palette's (``ctrl+p``) own commands: every entity the acting principal may
list ("user alice", "role EC2S3ReadRole" — opening one jumps to it and describes it, as
``:`` does, tui/navigation.py) and every action of the app's own keys (evaluate, the
panes, reload, help, quit …), read from the app's bindings so the palette offers what
the keys do, under the same names, and nothing the app would refuse just now.

An account can hold tens of thousands of entities, so they are matched by plain
substring (fast), best first, and only the best ENTITY_HITS are offered; the app's
actions, a handful, are matched fuzzily as Textual's own commands are.
"""

from functools import partial

from rich.text import Text
from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from .navigation import Target, go, targets

ENTITY_HITS = 40


class IamCommands(Provider):
    async def startup(self) -> None:
        self.entities: list[tuple[str, Target]] = [
            (target.label.lower(), target) for target in targets(self.app)
            if target.row is not None]

    def actions(self) -> list[tuple[str, str, str]]:
        """(name, key, action) for each of the app's bindings it would run now."""
        found = []
        for binding in self.app.BINDINGS:
            _, name, parameters = parse(binding.action)
            if binding.description and self.app.check_action(name, parameters) is not False:
                found.append((binding.description, self.app.get_key_display(binding),
                              binding.action))
        return found

    def run(self, action: str):
        return self.app.run_action(action)

    async def discover(self) -> Hits:
        for name, key, action in self.actions():
            yield DiscoveryHit(Text(name), partial(self.run, action), help=f"key {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, action in self.actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.run, action),
                          help=f"key {key}")
        wanted = query.lower()
        found = [(label.find(wanted), len(label), target)
                 for label, target in self.entities if wanted in label]
        found.sort(key=lambda hit: hit[:2])
        for position, length, target in found[:ENTITY_HITS]:
            label = Text(target.label)
            label.stylize("bold", position, position + len(wanted))
            yield Hit(0.9 - position / (length + 1) * 0.5, label,
                      partial(go, self.app, target), text=target.label,
                      help=escape(target.row.arn))
