"""JSON text to Python values, keeping what the policy language needs from the source.

Python's ``json`` silently keeps the last of duplicate keys and forgets where each
value came from. Policies need both: a duplicate key is an error, and a matched
statement reports its start and end in the text. ``load`` returns objects and arrays as
``dict`` / ``list`` subclasses that carry their source offsets and any duplicate keys;
its string scanner stays the C one, but objects and arrays go through Python, which
makes it some ten times slower than ``json.loads``.

So a document is first read by ``load_plain``: the C scanner alone, plain values, no
offsets, and no answer at all for anything that would need reporting (invalid JSON, a
repeated key, NaN or Infinity); its caller then asks ``load``, which says what is wrong
and where. Where both accept a text they give equal values: both are the standard
library's strict scanner (the same number grammar and string decoding, control
characters refused). The one text ``load_plain`` accepts and ``load`` refuses is
nesting too deep for ``load``'s Python recursion, and no valid policy nests that deep.
"""

import json
import json.decoder
import json.scanner

from .errors import PolicyValidationError

_WHITESPACE = json.decoder.WHITESPACE


class JsonObject(dict):
    """A JSON object with its source span [start, end) and the keys it repeated."""

    __slots__ = ("start", "end", "duplicates")


class JsonArray(list):
    """A JSON array with its source span [start, end)."""

    __slots__ = ("start", "end")


def _pairs_to_object(pairs):
    obj = JsonObject()
    duplicates = []
    for key, value in pairs:
        if key in obj:
            duplicates.append(key)
        obj[key] = value
    obj.duplicates = tuple(duplicates)
    return obj


def _parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo):
    start = s_and_end[1] - 1
    obj, end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook,
                                       object_pairs_hook, memo)
    obj.start, obj.end = start, end
    return obj, end


def _parse_array(s_and_end, scan_once):
    start = s_and_end[1] - 1
    values, end = json.decoder.JSONArray(s_and_end, scan_once)
    array = JsonArray(values)
    array.start, array.end = start, end
    return array, end


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


class _Repeated(ValueError):
    """An object that repeats a key: ``load`` reports it (the policy parser says where)."""


def _unique_pairs(pairs):
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Repeated
    return obj


_PLAIN = json.JSONDecoder(object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)


class _Context:
    """The attributes ``json.scanner.py_make_scanner`` reads from a decoder."""

    parse_object = staticmethod(_parse_object)
    parse_array = staticmethod(_parse_array)
    parse_string = staticmethod(json.decoder.scanstring)
    strict = True
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_reject_constant)
    object_hook = None
    object_pairs_hook = staticmethod(_pairs_to_object)

    def __init__(self):
        self.memo = {}


class Source:
    """Maps offsets in a text to 1-based line and column numbers (counted when asked, at
    C speed: a document asks for a few positions, and most for none)."""

    def __init__(self, text: str):
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - self.text.rfind("\n", 0, offset)


def load(text: str):
    """Parse ``text`` as strict JSON; raise PolicyValidationError with line/column."""
    if not isinstance(text, str):
        raise PolicyValidationError("the document must be text")
    scan_once = json.scanner.py_make_scanner(_Context())
    start = _WHITESPACE.match(text, 0).end()
    try:
        value, end = scan_once(text, start)
    except StopIteration as stop:
        raise _error("Expecting value", text, stop.value) from None
    except json.JSONDecodeError as err:
        raise _error(err.msg, text, err.pos) from None
    except RecursionError:
        raise PolicyValidationError("invalid JSON: nested too deeply") from None
    except ValueError as err:
        raise PolicyValidationError(f"invalid JSON: {err}") from None
    end = _WHITESPACE.match(text, end).end()
    if end != len(text):
        raise _error("Extra data", text, end)
    return value


def load_plain(text: str):
    """``text`` parsed by the C scanner into plain dicts and lists; None for anything
    ``load`` would report (invalid JSON, a repeated key, NaN or Infinity, too deep)."""
    try:
        return _PLAIN.decode(text)
    except (ValueError, RecursionError):
        return None


def _error(message: str, text: str, offset: int) -> PolicyValidationError:
    line, column = Source(text).position(offset)
    return PolicyValidationError(f"invalid JSON: {message}", line=line, column=column)
