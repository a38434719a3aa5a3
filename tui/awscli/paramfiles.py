"""``file://`` and ``fileb://`` parameter values, read as the AWS CLI reads them: any
parameter may be given as ``file://path`` (the file's text) or ``fileb://path`` (its
bytes) instead of the value itself."""

import os

from .errors import ParamError


def load(value: str, flag: str) -> str | bytes:
    """The value ``value`` stands for: a file's content, or ``value`` itself."""
    if value.startswith("file://"):
        return _read(value, flag, "r", "file://")
    if value.startswith("fileb://"):
        return _read(value, flag, "rb", "fileb://")
    return value


def _read(value: str, flag: str, mode: str, prefix: str) -> str | bytes:
    path = os.path.expanduser(value[len(prefix):])
    try:
        with open(path, mode, encoding="utf-8" if mode == "r" else None) as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        raise ParamError(flag, f"Unable to load paramfile {value}: {err}") from None
