"""Marker / MaxItems paging, as every IAM List operation has it."""

from ..errors import InvalidInput


def page(items: list, params: dict, key: str, leave_out: tuple = ()) -> dict:
    """``{key: items[...], "IsTruncated": ..., "Marker": ...}`` for the requested page
    (MaxItems defaults to 100, as AWS's does). ``leave_out`` names members a listing
    does not show although a Get does (ListUsers shows no Tags)."""
    size = params.get("MaxItems") or 100
    start = 0
    marker = params.get("Marker")
    if marker is not None:
        if not marker.isdigit() or int(marker) > len(items):
            raise InvalidInput(f"Invalid Marker: {marker}")
        start = int(marker)
    chunk = items[start:start + size]
    if leave_out:
        chunk = [{k: v for k, v in item.items() if k not in leave_out} for item in chunk]
    truncated = start + size < len(items)
    out = {key: chunk, "IsTruncated": truncated}
    if truncated:
        out["Marker"] = str(start + size)
    return out


def under_path(items: list, params: dict) -> list:
    """Entities whose Path starts with the request's PathPrefix."""
    prefix = params.get("PathPrefix") or "/"
    if prefix == "/":
        return items  # every path starts with "/"
    return [item for item in items if item["Path"].startswith(prefix)]
