"""The audit trail: one CloudTrail-shaped record per change, sign-in and credential event
(https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).

Records are appended, one JSON object a line, to ``FILE.audit.jsonl`` beside the store,
under the store's lock: a trail only ever grows, and keeping it out of the account file
keeps every change's write the size of the account, not of its history. Secrets never
reach it: they are replaced by CloudTrail's own placeholder.
"""

import os
import uuid

import orjson

HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"
SECRET_FIELDS = {"Password", "NewPassword", "OldPassword", "SecretAccessKey",
                 "PrivateKey", "PrivateKeyMaterial", "AuthenticationCode1",
                 "AuthenticationCode2", "TokenCode", "SessionToken", "SAMLAssertion",
                 "WebIdentityToken", "Base32StringSeed", "QRCodePNG", "SSHPublicKeyBody",
                 "AddPrivateKey"}


def record(identity, account_id: str, source: str, event: str, params: dict,
           response: dict | None, error=None, when: str = "") -> dict:
    """A CloudTrail record of one call by ``identity``."""
    entry = {
        "eventVersion": "1.08",
        "userIdentity": user_identity(identity),
        "eventTime": when.replace("+00:00", "Z"),
        "eventSource": f"{source}.amazonaws.com",
        "eventName": event,
        "awsRegion": "us-east-1",
        "sourceIPAddress": "127.0.0.1",
        "userAgent": "iamtui",
        "requestParameters": _camel(_hide(params)) if params else None,
        "responseElements": _camel(_hide(response)) if response else None,
        "eventID": str(uuid.uuid4()),
        "readOnly": False,
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": account_id,
    }
    if error is not None:
        entry["errorCode"] = error.code
        entry["errorMessage"] = error.message
    return entry


def user_identity(identity) -> dict:
    kinds = {"root": "Root", "user": "IAMUser", "assumed-role": "AssumedRole",
             "anonymous": "WebIdentityUser"}
    if identity.kind == "anonymous":  # an unsigned call: the token says who (the response)
        return {"type": kinds["anonymous"]}
    out = {"type": kinds[identity.kind], "arn": identity.arn, "accountId": identity.account}
    if identity.kind == "user":
        out["userName"] = identity.name
    return out


def append(path: str, entry: dict) -> None:
    """Add ``entry`` as one line (call under the store's lock). After a torn last line
    (a crash mid-append) the record starts a line of its own, so it is not lost."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+b") as handle:
        size = os.fstat(handle.fileno()).st_size
        torn = size > 0 and os.pread(handle.fileno(), 1, size - 1) != b"\n"
        handle.write((b"\n" if torn else b"") + orjson.dumps(entry) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())


def read(path: str) -> list[dict]:
    """Every record, oldest first (a torn last line from a crash is skipped)."""
    try:
        with open(path, "rb") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return []
    records = []
    for line in lines:
        try:
            records.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            continue
    return records


def _hide(value):
    if isinstance(value, dict):
        return {k: HIDDEN if k in SECRET_FIELDS else _hide(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide(v) for v in value]
    return value


def _camel(value):
    """CloudTrail writes request and response members in lowerCamelCase."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value
