"""The AWS CLI's shorthand syntax for structured parameters
(https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html):

    Key=team,Value=blue            {"Key": "team", "Value": "blue"}
    Values=a,b,c  /  Values=[a,b]  {"Values": ["a", "b", "c"]} / {"Values": ["a", "b"]}
    Outer={Inner=x}                {"Outer": {"Inner": "x"}}
    Key="a,b",Value='x y'          quoted values keep commas and spaces; \\ escapes a character

Every value is text; the caller gives them their types from the API model.
"""

import re

_KEY = re.compile(r"\s*([^\s=,\[\]{}'\"]+)\s*")
_NEXT_KEY = re.compile(r",\s*[^\s=,\[\]{}'\"]+\s*=")
_STOPS = ",]}"


class ShorthandError(ValueError):
    """Where the text stops making sense, shown as the AWS CLI shows it."""

    def __init__(self, text: str, index: int, expected: str):
        received = repr(text[index]) if index < len(text) else "'EOF'"
        super().__init__(f"Expected: {expected}, received: {received} for input:\n"
                         f"{text}\n{' ' * index}^")


def parse(text: str) -> dict:
    """``text`` (``key=value,...``) as a dict of text, lists and dicts."""
    return _Parser(text).document()


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.at = 0

    def document(self) -> dict:
        pairs = self._pairs()
        self._space()
        if self.at != len(self.text):
            raise ShorthandError(self.text, self.at, "',' or end of input")
        return pairs

    def _pairs(self) -> dict:
        pairs = {}
        while True:
            match = _KEY.match(self.text, self.at)
            if not match:
                raise ShorthandError(self.text, self.at, "a key")
            self.at = match.end()
            self._expect("=")
            pairs[match.group(1)] = self._values()
            if not _NEXT_KEY.match(self.text, self.at):
                return pairs
            self.at += 1

    def _values(self):
        """One value, or a list of them: ``a,b,c`` runs until the next ``key=``."""
        first = self._value()
        if isinstance(first, str) and self._peek() == "," and \
                not _NEXT_KEY.match(self.text, self.at):
            values = [first]
            while self._peek() == "," and not _NEXT_KEY.match(self.text, self.at):
                self.at += 1
                values.append(self._value())
            return values
        return first

    def _value(self):
        opening = self._peek()
        if opening == "[":
            return self._list()
        if opening == "{":
            self.at += 1
            pairs = self._pairs()
            self._expect("}")
            return pairs
        if opening in ("'", '"'):
            return self._quoted(opening)
        return self._bare()

    def _list(self) -> list:
        self.at += 1
        items = []
        if self._peek() == "]":
            self.at += 1
            return items
        while True:
            items.append(self._value())
            if self._peek() != ",":
                self._expect("]")
                return items
            self.at += 1

    def _quoted(self, quote: str) -> str:
        self.at += 1
        chars = []
        while self.at < len(self.text) and self.text[self.at] != quote:
            self.at += self.text[self.at] == "\\"
            chars.append(self.text[self.at:self.at + 1])
            self.at += 1
        self._expect(quote)
        return "".join(chars)

    def _bare(self) -> str:
        chars = []
        while self.at < len(self.text) and self.text[self.at] not in _STOPS:
            self.at += self.text[self.at] == "\\"
            chars.append(self.text[self.at:self.at + 1])
            self.at += 1
        return "".join(chars).strip()

    def _peek(self) -> str:
        self._space()
        return self.text[self.at:self.at + 1]

    def _space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise ShorthandError(self.text, self.at, repr(char))
        self.at += 1
