"""SSH key pairs made for a user: an Ed25519 key pair whose public half is uploaded as
UploadSSHPublicKey uploads one (authorized, audited, within the quota), and whose private
half is handed back once — never stored, never logged.

AWS has no such operation: its users make their key pair themselves and upload the
public half (https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-ssh-unixes.html).
This does both steps for them, with a key type AWS's page does not list (ssh-ed25519;
see store/ops/ssh_keys.py).
"""

from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from .principals import Identity


@dataclass(frozen=True)
class KeyPair:
    """The uploaded key (UploadSSHPublicKey's SSHPublicKey) and the private key in
    OpenSSH format (left out of the repr, so it does not end up in a log by accident)."""

    public: dict
    private_key: str = field(repr=False)


def generate(store, user_name: str, caller: Identity | None = None) -> KeyPair:
    """Make an Ed25519 key pair for ``user_name`` and upload its public half as
    ``caller`` (the root user by default)."""
    private = ed25519.Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                               serialization.PublicFormat.OpenSSH).decode()
    uploaded = store.call("UploadSSHPublicKey",
                          {"UserName": user_name, "SSHPublicKeyBody": public}, caller)
    text = private.private_bytes(serialization.Encoding.PEM,
                                 serialization.PrivateFormat.OpenSSH,
                                 serialization.NoEncryption()).decode()
    return KeyPair(uploaded["SSHPublicKey"], text)
