"""API names as the AWS CLI spells them: ``CreateUser`` -> ``create-user``,
``ListMFADevices`` -> ``list-mfa-devices``, member ``UserName`` -> ``--user-name``.

The rule is botocore's ``xform_name`` (botocore/__init__.py): split before a capital that
starts a lower-case run, then between a lower-case letter or digit and a capital; a
trailing pluralized acronym (``ARNs``) stays one word.
"""

import re

_FIRST_CAP = re.compile(r"(.)([A-Z][a-z]+)")
_END_CAP = re.compile(r"([a-z0-9])([A-Z])")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s$")


def cli_name(name: str) -> str:
    """``name`` in the AWS CLI's lower-case, hyphen-separated form."""
    plural = _PLURAL_ACRONYM.search(name)
    if plural:
        name = f"{name[:plural.start()]}-{plural.group().lower()}"
    return _END_CAP.sub(r"\1-\2", _FIRST_CAP.sub(r"\1-\2", name)).lower()


def flag(member: str) -> str:
    """The option for an input member: ``UserName`` -> ``--user-name``."""
    return "--" + cli_name(member)
