"""The API model's HTML documentation as plain text for ``--help``."""

import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.])\s")


def plain(text: str) -> str:
    """Tags dropped, entities decoded, whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def first_paragraph(text: str | None) -> str:
    return plain((text or "").split("</p>", 1)[0])


def first_sentence(text: str | None) -> str:
    words = first_paragraph(text)
    end = _SENTENCE_END.search(words)
    return words[:end.start()] if end else words
