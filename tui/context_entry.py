"""A request context key as a person types it — ``KEY=VALUE``, ``KEY=V1,V2`` (a list),
and AWS's ContextKeyType as the last item when it is not the default — read into the
ContextEntry shape AWS's simulator takes
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html), which
evaluator.simulate.context_entries then checks. ``iamtui can --context`` and the app's
evaluation panel both read keys this way.
"""

from typing import Callable

from evaluator.request import CONTEXT_TYPES


def context_entry(text: str, typed: Callable[[str], str | None] = lambda name: None) -> dict:
    """``KEY=VALUE[,VALUE...][,TYPE]`` as a ContextEntries item; spaces around the key
    and the values are dropped. Without a TYPE the key is ``typed(KEY)`` (e.g.
    store.context_types.context_type), else string — in its List form for several values.
    ValueError when there is no ``KEY=``."""
    name, equals, values = text.partition("=")
    name = name.strip()
    if not equals or not name:
        raise ValueError(f"expected KEY=VALUE, got {text!r}")
    items = [item.strip() for item in values.split(",")]
    kind = items.pop() if len(items) > 1 and items[-1] in CONTEXT_TYPES else None
    if kind is None:
        kind = typed(name) or "string"
        if len(items) > 1 and not kind.endswith("List"):
            kind += "List"      # several values of a single-valued type: its List form
    return {"ContextKeyName": name, "ContextKeyValues": items, "ContextKeyType": kind}
