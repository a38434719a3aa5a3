"""SSH public keys: UploadSSHPublicKey, GetSSHPublicKey, ListSSHPublicKeys,
UpdateSSHPublicKey, DeleteSSHPublicKey.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html (and
siblings); the quota: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
("SSH public keys assigned to an IAM user | 5").

AWS takes "ssh-rsa format or PEM format" of at least 2048 bits. This product also takes
ssh-ed25519 (and Ed25519 in PEM): the key pairs it generates (store/keypairs.py) are
Ed25519. The fingerprint is as AWS's SSHPublicKey.Fingerprint describes it, "the MD5
message digest of the SSH public key": MD5 of the key blob, colon-separated hex.
"""

import base64
import hashlib

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from .. import ids
from ..errors import (DuplicateSSHPublicKey, InvalidPublicKey, UnrecognizedPublicKeyEncoding)
from ..operations import operation
from .holders import Holder, Kind, check_quota, holder, owned
from .paging import page

MINIMUM_RSA_BITS = 2048
SSH_KEYS = Kind("ssh_keys", "SSHPublicKeyId", "Public Key")
# "SSH public keys that are inactive cannot be used for authentication".
SSH_KEYS.register_update("UpdateSSHPublicKey")
SSH_KEYS.register_delete("DeleteSSHPublicKey")


@operation("UploadSSHPublicKey", self_authorized=True)
def upload_ssh_public_key(account, params, caller):
    owner = holder(account, params, caller, "UploadSSHPublicKey")
    body = params["SSHPublicKeyBody"].strip()
    fingerprint = _fingerprint(public_key(body))
    keys = owned(account, "ssh_keys", owner.owner)
    if any(key["Fingerprint"] == fingerprint for key in keys):
        raise DuplicateSSHPublicKey("The specified SSH public key is already associated "
                                    f"with the user {owner.name}.")
    check_quota(account, "ssh_keys", owner, "SSHPublicKeysPerUser")
    key = {"SSHPublicKeyId": ids.unique_id("ssh-key"), "Owner": owner.owner, "Body": body,
           "Fingerprint": fingerprint, "Status": "Active", "UploadDate": account.now}
    account.table("ssh_keys").insert(key)
    return {"SSHPublicKey": _shown(key, owner, body)}


@operation("GetSSHPublicKey", writes=False, self_authorized=True)
def get_ssh_public_key(account, params, caller):
    """The key in the encoding asked for: SSH ("ssh-rsa format") or PEM."""
    owner = holder(account, params, caller, "GetSSHPublicKey")
    key = SSH_KEYS.find(account, params, owner)
    return {"SSHPublicKey": _shown(key, owner, encoded(key["Body"], params["Encoding"]))}


@operation("ListSSHPublicKeys", writes=False, self_authorized=True)
def list_ssh_public_keys(account, params, caller):
    """Metadata only (SSHPublicKeyMetadata: no body, no fingerprint)."""
    owner = holder(account, params, caller, "ListSSHPublicKeys")
    keys = [{"UserName": owner.name, "SSHPublicKeyId": key["SSHPublicKeyId"],
             "Status": key["Status"], "UploadDate": key["UploadDate"]}
            for key in owned(account, "ssh_keys", owner.owner)]
    return page(keys, params, "SSHPublicKeys")


def public_key(body: str):
    """The key a body holds — OpenSSH one-line (``ssh-rsa AAAA... comment``) or PEM —
    if it is one this product accepts."""
    try:
        if body.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(body.encode())
        else:
            key = serialization.load_ssh_public_key(body.encode())
    except UnsupportedAlgorithm:
        raise UnrecognizedPublicKeyEncoding(_UNSUPPORTED) from None
    except (ValueError, UnicodeEncodeError):
        raise InvalidPublicKey("The SSH public key is malformed: it is neither an OpenSSH "
                               "public key line nor a PEM public key.") from None
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MINIMUM_RSA_BITS:
            raise InvalidPublicKey(f"The RSA public key is {key.key_size} bits long; the "
                                   f"minimum bit-length is {MINIMUM_RSA_BITS} bits.")
        return key
    if isinstance(key, ed25519.Ed25519PublicKey):
        return key
    raise UnrecognizedPublicKeyEncoding(_UNSUPPORTED)


def encoded(body: str, encoding: str) -> str:
    """The stored body in the encoding GetSSHPublicKey asks for (an OpenSSH body is
    given back as uploaded, comment and all)."""
    is_pem = body.startswith("-----BEGIN")
    if (encoding == "PEM") == is_pem:
        return body
    key = public_key(body)
    if encoding == "PEM":
        return key.public_bytes(serialization.Encoding.PEM,
                                serialization.PublicFormat.SubjectPublicKeyInfo).decode().strip()
    return key.public_bytes(serialization.Encoding.OpenSSH,
                            serialization.PublicFormat.OpenSSH).decode()


def _fingerprint(key) -> str:
    blob = key.public_bytes(serialization.Encoding.OpenSSH,
                            serialization.PublicFormat.OpenSSH).split()[1]
    digest = hashlib.md5(base64.b64decode(blob), usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _shown(key: dict, owner: Holder, body: str) -> dict:
    return {"UserName": owner.name, "SSHPublicKeyId": key["SSHPublicKeyId"],
            "Fingerprint": key["Fingerprint"], "SSHPublicKeyBody": body,
            "Status": key["Status"], "UploadDate": key["UploadDate"]}


_UNSUPPORTED = ("The public key encoding is not supported: use ssh-rsa (at least 2048 bits) "
                "or ssh-ed25519, as an OpenSSH public key line or in PEM.")
