"""Where a place in a policy document lies in its text.

A finding names a place by its JSON path, ``("Statement", 0, "Action", 1)``, as Access
Analyzer's ``locations[].path`` does, and points at the span of the value there.
``evaluator.jsonsource.load`` gives every object and array its offsets; the strings and
numbers inside one are found by reading that container's members again, with the
standard library's string scanner, once per container.
"""

import bisect
import json.decoder
import re

from evaluator.jsonsource import JsonArray, JsonObject

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_STEP = re.compile(r"\[(\d+)\]")


class Locator:
    """Spans of the values in one parsed document (``tree``: jsonsource's ``load``)."""

    def __init__(self, text: str, tree):
        self.text = text
        self.tree = tree
        self.lines = line_starts(text)
        self._containers = {}
        self._members = {}
        _index(tree, self._containers)

    def span(self, path: tuple) -> tuple[int, int]:
        """[start, end) offsets of the value at ``path``; a path that goes further than
        the document does stops at the deepest value it reaches."""
        node = self.tree
        start, end = node.start, node.end
        for step in path:
            members = self._spans(node) if isinstance(node, (JsonObject, JsonArray)) else {}
            if step not in members:
                break
            start, end = members[step]
            node = node[step]
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        line = bisect.bisect_right(self.lines, offset)
        return line, offset - self.lines[line - 1] + 1

    def path_of(self, dotted: str) -> tuple:
        """The evaluator's dotted path (``Statement[1].Condition.IpAddress.aws:SourceIp``)
        as a tuple, read against the document: keys may hold dots themselves."""
        steps, node, rest = [], self.tree, dotted
        while rest:
            index = _STEP.match(rest)
            if index and isinstance(node, list) and int(index.group(1)) < len(node):
                step, rest = int(index.group(1)), rest[index.end():]
            elif isinstance(node, dict):
                step = max((key for key in node if rest == key or rest.startswith(key)
                            and rest[len(key)] in ".["), key=len, default=None)
                if step is None:
                    break
                rest = rest[len(step):]
            else:
                break
            steps.append(step)
            node = node[step]
            rest = rest.removeprefix(".")
        return tuple(steps)

    def _spans(self, node) -> dict:
        found = self._members.get(id(node))
        if found is None:
            found = self._members[id(node)] = self._read(node)
        return found

    def _read(self, node) -> dict:
        """Each member's value span, read from the text between the container's
        brackets (a repeated key keeps its last place, as the parsed value does)."""
        text, spans, pos, index = self.text, {}, node.start + 1, 0
        while True:
            pos = _WHITESPACE.match(text, pos).end()
            if pos >= node.end - 1:
                return spans
            if text[pos] == ",":
                pos += 1
                continue
            if isinstance(node, JsonObject):
                key, pos = json.decoder.scanstring(text, pos + 1)
                pos = _WHITESPACE.match(text, pos).end() + 1  # past the ':'
                pos = _WHITESPACE.match(text, pos).end()
            else:
                key, index = index, index + 1
            end = self._value_end(pos)
            spans[key] = (pos, end)
            pos = end

    def _value_end(self, pos: int) -> int:
        char = self.text[pos]
        if char in "{[":
            return self._containers[pos].end
        if char == '"':
            return json.decoder.scanstring(self.text, pos + 1)[1]
        return _SCALAR.match(self.text, pos).end()


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (a document asks for many positions: evaluator's
    ``Source`` counts from the start for each, this looks each up)."""
    return [0] + [found.end() for found in re.finditer("\n", text)]


def _index(node, containers: dict) -> None:
    """Every object and array under ``node``, by start offset."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (JsonObject, JsonArray)):
            containers[current.start] = current
            stack.extend(current.values() if isinstance(current, dict) else current)
