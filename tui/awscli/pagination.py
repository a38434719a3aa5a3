"""Auto-pagination as the AWS CLI does it: a List operation is called again with each
Marker while IsTruncated, and the pages' lists are merged into one response.

``--max-items N`` stops after N items of the first list and ends the output with a
``NextToken``; ``--starting-token`` resumes there. The token is botocore's: base64 of
``{"Marker": ..., "boto_truncate_amount": ...}`` (the items of that page already shown).
"""

import base64
import binascii
import json

from .errors import ParamError

PAGING_MEMBERS = ("Marker", "MaxItems")
LARGEST_PAGE = 1000  # MaxItems' maximum in the IAM API model
_OUTPUT_TOKENS = ("IsTruncated", "Marker")


def is_paginated(model, operation: str) -> bool:
    """Operations that take a Marker and answer with IsTruncated and Marker."""
    request = (model.input_shape(operation) or {}).get("members", {})
    response = (model.output_shape(operation) or {}).get("members", {})
    return "Marker" in request and all(token in response for token in _OUTPUT_TOKENS)


def paginate(call, model, operation: str, params: dict, *, max_items: int | None = None,
             starting_token: str | None = None, page_size: int | None = None) -> dict:
    """Every page ``call(request)`` gives for ``params``, merged (up to ``max_items``)."""
    members = model.output_shape(operation)["members"]
    lists = [name for name, ref in members.items()
             if model.shapes[ref["shape"]]["type"] == "list"]
    request = dict(params)
    # Pages as large as IAM allows unless asked otherwise: the merged answer is the same,
    # in a tenth of the calls of the service's default 100.
    request["MaxItems"] = page_size or LARGEST_PAGE
    marker, skip = _decode(starting_token) if starting_token else (params.get("Marker"), 0)
    merged = {name: [] for name in lists}
    first_page, next_token = None, None
    while True:
        if marker is not None:
            request["Marker"] = marker
        page = call(request)
        first_page = first_page or page
        primary = page.get(lists[0], [])[skip:]
        room = None if max_items is None else max_items - len(merged[lists[0]])
        _extend(merged, page, lists, primary[:room], include_others=not skip)
        if room is not None and len(primary) > room:
            next_token = _encode(marker, skip + room)
            break
        skip = 0
        if not page.get("IsTruncated"):
            break
        marker = page["Marker"]
        if room is not None and len(primary) == room:
            next_token = _encode(marker, 0)
            break
    response = {}
    for name in members:
        if name in merged:
            response[name] = merged[name]
        elif name not in _OUTPUT_TOKENS and name in first_page:
            response[name] = first_page[name]
    if next_token:
        response["NextToken"] = next_token
    return response


def _extend(merged: dict, page: dict, lists: list, primary: list, include_others: bool):
    """The page's items: the first list's (already cut), and the others' unless this is
    a resumed page whose other lists were shown before."""
    merged[lists[0]].extend(primary)
    if include_others:
        for name in lists[1:]:
            merged[name].extend(page.get(name, []))


def _encode(marker: str | None, skip: int) -> str:
    token = {} if marker is None else {"Marker": marker}
    if skip:
        token["boto_truncate_amount"] = skip
    return base64.b64encode(json.dumps(token).encode()).decode()


def _decode(token: str) -> tuple[str | None, int]:
    try:
        value = json.loads(base64.b64decode(token, validate=True))
        skip = value.get("boto_truncate_amount", 0)
        if not isinstance(skip, int) or skip < 0:
            raise ValueError
        return value.get("Marker"), skip
    except (binascii.Error, ValueError, AttributeError):
        raise ParamError("--starting-token", f"Bad starting token: {token}") from None
