"""The ContextKeyType AWS's policy simulator reads a condition key's values as
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html: string,
numeric, boolean, ip, binary, date, each with a List form for several values), worked out
from the key's type in the action catalog (store.catalog: AWS's global condition keys
page and the Service Authorization Reference), so a person who types
``aws:SourceIp = 10.1.2.3`` need not say "ip".

The simulator has no ARN type: an ARN key's values are strings, as the catalog's ARN
condition operators compare them.
"""

from . import catalog

_SIMULATOR_TYPES = {"String": "string", "ARN": "string", "Bool": "boolean",
                    "IPAddress": "ip", "Numeric": "numeric", "Date": "date",
                    "Binary": "binary"}


def context_type(name: str) -> str | None:
    """``aws:SourceIp`` -> ``ip``, ``aws:TagKeys`` -> ``stringList``; None for a key the
    catalog does not list."""
    key = catalog.condition_key(name)
    if key is None:
        return None
    kind = _SIMULATOR_TYPES.get(key.base_types[0], "string")
    return f"{kind}List" if key.multivalued else kind
