"""Tags on a user, role or managed policy (groups have none in IAM) as detail lines:
``t`` adds one (Tag{Kind}: a key already there gets the new value), ``enter`` changes a
value, ``ctrl+d`` removes it (Untag{Kind}). Also how a "new user" form's tags field is
read. What is tagged is a ``Holder`` (a user or role, by name) or a ``TaggedPolicy``.
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
"""

from dataclasses import dataclass

from .detail import Item
from .form import Field, FormScreen
from .policy_items import Holder, Part


def parse_tags(text: str) -> list[dict]:
    """``team=blue, cost=1`` as IAM's Tags list. A tag value may hold ``=`` (IAM allows
    it), so only the first one splits; a key without ``=`` has the empty value. Keys and
    values are then checked by the store, in AWS's words."""
    tags = []
    for pair in text.split(","):
        if pair.strip():
            key, _, value = pair.partition("=")
            tags.append({"Key": key.strip(), "Value": value.strip()})
    return tags


@dataclass(frozen=True)
class TaggedPolicy:
    """A managed policy as the tag calls name it: TagPolicy takes its ARN."""

    arn: str
    name: str
    title = "Policy"

    def params(self, **more) -> dict:
        return {"PolicyArn": self.arn, **more}

    def __str__(self) -> str:
        return f"policy {self.name}"


def tag_lines(holder: Holder | TaggedPolicy, entity: dict) -> list[Item]:
    """The tags of a user, role or policy (from its GetUser / GetRole / GetPolicy)."""
    return [Item("tags", tag["Key"], tag["Value"], Tag(holder, tag["Key"], tag["Value"]))
            for tag in entity.get("Tags", [])]


def add_tag(app, holder: Holder | TaggedPolicy, key: str = "", value: str = "") -> None:
    def tag(values: dict) -> None:
        app.call(f"Tag{holder.title}", holder.params(
            Tags=[{"Key": values["key"], "Value": values["value"]}]))
    app.push_screen(FormScreen(f"Tag {holder}", [Field("key", "Key", key),
                                                 Field("value", "Value", value)],
                               tag, f"Tag{holder.title}"))


@dataclass(frozen=True)
class Tag(Part):
    holder: Holder | TaggedPolicy
    key: str
    value: str

    def open(self, screen) -> None:
        if not screen.app.read_only:
            add_tag(screen.app, self.holder, self.key, self.value)

    def removal(self, screen) -> str | None:
        return f"Remove the tag {self.key} from {self.holder}?"

    def remove(self, screen) -> None:
        screen.app.attempt(f"Untag{self.holder.title}", self.holder.params(TagKeys=[self.key]),
                           done=f"untagged {self.key}")
