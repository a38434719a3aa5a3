"""A valid policy document as the checks read it: each statement's elements as written,
with the JSON path of every value (the evaluator has judged it valid first)."""

from dataclasses import dataclass, field

from evaluator.conditions import as_text


@dataclass(frozen=True)
class Element:
    """One string of an element (an action, a resource ARN) and where it is."""

    value: str
    path: tuple


@dataclass(frozen=True)
class Stmt:
    index: int
    path: tuple          # ("Statement", 0), or ("Statement",) for a lone statement
    raw: dict
    _elements: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def allow(self) -> bool:
        return self.raw["Effect"] == "Allow"

    @property
    def not_action(self) -> bool:
        return "NotAction" in self.raw

    @property
    def not_resource(self) -> bool:
        return "NotResource" in self.raw

    @property
    def actions(self) -> list[Element]:
        """The Action or NotAction entries."""
        return self.elements("NotAction" if self.not_action else "Action")

    @property
    def resources(self) -> list[Element]:
        """The Resource or NotResource entries (none in a trust policy)."""
        return self.elements("NotResource" if self.not_resource else "Resource")

    @property
    def condition(self) -> dict:
        return self.raw.get("Condition") or {}

    def elements(self, key: str) -> list[Element]:
        found = self._elements.get(key)
        if found is None:
            value = self.raw.get(key)
            if value is None:
                found = []
            elif isinstance(value, str):
                found = [Element(value, self.path + (key,))]
            else:
                found = [Element(item, self.path + (key, i)) for i, item in enumerate(value)]
            self._elements[key] = found
        return found

    def conditions(self):
        """(operator, key, values, path) for each key of each operator; values as text."""
        for operator, keys in self.condition.items():
            for key, values in keys.items():
                values = values if isinstance(values, list) else [values]
                yield operator, key, [as_text(v) for v in values], \
                    self.path + ("Condition", operator, key)


@dataclass(frozen=True)
class Document:
    text: str
    kind: str
    tree: dict
    statements: tuple[Stmt, ...]

    @classmethod
    def of(cls, text: str, kind: str, tree: dict) -> "Document":
        raw = tree["Statement"]
        nodes = [(i, ("Statement", i), node) for i, node in enumerate(raw)] \
            if isinstance(raw, list) else [(0, ("Statement",), raw)]
        return cls(text, kind, tree, tuple(Stmt(i, path, node) for i, path, node in nodes))

