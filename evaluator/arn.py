"""ARNs: split into their six parts, the account they name, and segment-wise matching.

``arn:partition:service:region:account-id:resource`` — the resource part may itself
contain colons, so an ARN is split on the first five only.
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
"""

import functools
import re

from .variables import compiled
from .wildcard import STAR, Wildcard

_ACCOUNT_ID = re.compile(r"\d{12}\Z")


def split(arn: str) -> list[str] | None:
    """The six parts of an ARN, or None when the text is not shaped like one."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return parts


def account_of(arn: str) -> str | None:
    """The account id an ARN names (``arn:aws:iam::123456789012:user/x``), if any."""
    parts = split(arn)
    if parts is None or not _ACCOUNT_ID.match(parts[4]):
        return None
    return parts[4]


def is_account_id(text: str) -> bool:
    return _ACCOUNT_ID.match(text) is not None


def account_principal(account: str) -> str:
    """The ARN that stands for a whole account in a Principal element."""
    return f"arn:aws:iam::{account}:root"


def fixed_pattern(template) -> tuple:
    """``segment_pattern`` of a Template without policy variables."""
    if template.plain is not None:
        return _text_pattern(template.plain)
    return segment_pattern(template.pieces({}))


@functools.lru_cache(maxsize=8192)
def _text_pattern(text: str) -> tuple:
    """``segment_pattern`` of text whose every ``*`` and ``?`` is a wildcard, split by
    ``str`` methods rather than character by character."""
    parts = text.split(":", 5)
    return _padded([Wildcard.compile(part) for part in parts], text.endswith("*"))


@functools.lru_cache(maxsize=8192)
def segment_pattern(pieces: tuple) -> tuple:
    """Wildcard pieces (see ``wildcard``) as one matcher per ARN part.

    Each of the six colon-separated parts matches on its own, so ``*`` stays inside
    its part — except a pattern with fewer parts whose last part ends in ``*``, which
    stretches over the rest ("If the * wildcard is the last character of a resource ARN
    segment, it can expand to match beyond the colon boundaries":
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
    """
    segments, current = [], []
    for piece in pieces:
        if piece == ":" and len(segments) < 5:
            segments.append(compiled(tuple(current)))
            current = []
        else:
            current.append(piece)
    segments.append(compiled(tuple(current)))
    return _padded(segments, bool(current) and current[-1] is STAR)


def _padded(segments: list, stretches: bool) -> tuple:
    """Six matchers: a pattern with fewer parts matches nothing in the missing ones,
    unless its last part ends in a wildcard ``*`` (``stretches``)."""
    if len(segments) < 6 and not stretches:
        segments.extend([_NOTHING] * (6 - len(segments)))
    return tuple(segments)


def matches_segments(value: str, segments: tuple) -> bool:
    parts = value.split(":", len(segments) - 1)
    if len(parts) != len(segments):
        return False
    for part, segment in zip(parts, segments):
        if not segment.matches(part):
            return False
    return True


class _Nothing:
    """The matcher for the missing parts of a pattern too short to be an ARN."""

    def matches(self, text):
        return False


_NOTHING = _Nothing()
