"""Policy documents in responses, decoded as botocore's IAM handler decodes them
(``json_decode_policies`` in botocore/handlers.py): a string of the model's
``policyDocumentType`` — or any member named like a policy document — is URL-decoded and
parsed, so the JSON prints as JSON; one that does not parse stays text. The store keeps
documents as plain JSON text, so only text AWS would have encoded (``%7B...``) is
decoded: a literal ``%25`` in a plain document stays as it is."""

import json

from store.documents import decoded

DOCUMENT_SHAPE = "policyDocumentType"
DOCUMENT_MEMBERS = ("AssumeRolePolicyDocument", "PolicyDocument", "Document")


def decode(model, operation: str, response: dict) -> dict:
    shape = model.output_shape(operation)
    return _decode(model, shape, response) if shape else response


def _decode(model, shape: dict, value):
    if not _may_hold_documents(model, shape):
        return value  # nothing to decode below here (a user, a tag ...): leave it as is
    if shape["type"] == "structure" and isinstance(value, dict):
        members = shape.get("members", {})
        return {key: _member(model, members[key], key, item) if key in members else item
                for key, item in value.items()}
    if shape["type"] == "list" and isinstance(value, list):
        member = model.shapes[shape["member"]["shape"]]
        return [_decode(model, member, item) for item in value]
    return value


def _may_hold_documents(model, shape: dict, seen=None) -> bool:
    """Whether a value of ``shape`` can contain a policy document anywhere inside."""
    key = id(shape)
    if key not in _HOLDS:
        seen = seen or set()
        if key in seen:  # a shape that contains itself
            return False
        seen.add(key)
        if shape["type"] == "structure":
            refs = list(shape.get("members", {}).items())
        elif shape["type"] == "list":
            refs = [("", shape["member"])]
        else:
            refs = []
        _HOLDS[key] = any(
            ref["shape"] == DOCUMENT_SHAPE or name in DOCUMENT_MEMBERS
            or _may_hold_documents(model, model.shapes[ref["shape"]], seen)
            for name, ref in refs)
    return _HOLDS[key]


_HOLDS: dict[int, bool] = {}  # id(shape) -> whether it may hold a policy document


def _member(model, ref: dict, name: str, value):
    if isinstance(value, str) and (ref["shape"] == DOCUMENT_SHAPE or name in DOCUMENT_MEMBERS):
        try:
            return json.loads(decoded(value))
        except ValueError:
            return value
    return _decode(model, model.shapes[ref["shape"]], value)
