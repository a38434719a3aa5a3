"""SSH public keys through the store's API, and key pairs made for a user.

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html
("The public key must be encoded in ssh-rsa format or PEM format. The minimum bit-length
of the public key is 2048 bits."), API_GetSSHPublicKey.html, API_ListSSHPublicKeys.html,
API_UpdateSSHPublicKey.html, API_DeleteSSHPublicKey.html, API_SSHPublicKey.html
("Fingerprint: The MD5 message digest of the SSH public key"), API_DeleteUser.html;
quota: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
("SSH public keys assigned to an IAM user | 5").
"""

import base64
import hashlib
import re
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from calls import error
from store import keypairs

FINGERPRINT = re.compile(r"([0-9a-f]{2}:){15}[0-9a-f]{2}")


def openssh(key, comment="") -> str:
    line = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                         serialization.PublicFormat.OpenSSH).decode()
    return f"{line} {comment}".strip()


def pem(key) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.fixture(scope="module")
def rsa_2048():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def alice(store):
    return store.call("CreateUser", {"UserName": "alice"})["User"]


def upload(store, body, user="alice"):
    return store.call("UploadSSHPublicKey",
                      {"UserName": user, "SSHPublicKeyBody": body})["SSHPublicKey"]


# --- what is accepted -------------------------------------------------------------------

def test_upload_rsa_2048_answers_as_aws(store, alice, rsa_2048):
    body = openssh(rsa_2048, "alice@laptop")
    key = upload(store, body)
    assert list(key) == ["UserName", "SSHPublicKeyId", "Fingerprint", "SSHPublicKeyBody",
                         "Status", "UploadDate"]
    assert key["UserName"] == "alice" and key["Status"] == "Active"
    assert key["SSHPublicKeyBody"] == body
    assert re.fullmatch(r"APKA[A-Z2-7]{17}", key["SSHPublicKeyId"])


def test_upload_ed25519(store, alice):
    key = upload(store, openssh(ed25519.Ed25519PrivateKey.generate()))
    assert key["SSHPublicKeyBody"].startswith("ssh-ed25519 ")


def test_upload_pem_rsa(store, alice, rsa_2048):
    key = upload(store, pem(rsa_2048))
    ssh = store.call("GetSSHPublicKey", {"UserName": "alice", "SSHPublicKeyId":
                                         key["SSHPublicKeyId"], "Encoding": "SSH"})
    assert ssh["SSHPublicKey"]["SSHPublicKeyBody"] == openssh(rsa_2048)
    assert ssh["SSHPublicKey"]["Fingerprint"] == key["Fingerprint"]


@pytest.mark.parametrize("body,code", [
    ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== broken", "InvalidPublicKey"),
    ("notakey", "InvalidPublicKey"),
    ("hello world", "UnrecognizedPublicKeyEncoding"),  # an unknown key type "hello"
    ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "InvalidPublicKey"),
    ("ssh-rsa é", "InvalidPublicKey"),
])
def test_garbage_is_refused(store, alice, body, code):
    assert error(lambda: upload(store, body)).code == code
    assert store.call("ListSSHPublicKeys", {"UserName": "alice"})["SSHPublicKeys"] == []


def test_rsa_1024_is_too_short(store, alice):
    err = error(lambda: upload(store, openssh(rsa.generate_private_key(65537, 1024))))
    assert err.code == "InvalidPublicKey"
    assert "1024 bits" in err.message and "2048" in err.message


@pytest.mark.parametrize("encode", [openssh, pem])
def test_other_key_types_are_unrecognized(store, alice, encode):
    err = error(lambda: upload(store, encode(ec.generate_private_key(ec.SECP256R1()))))
    assert err.code == "UnrecognizedPublicKeyEncoding"


# --- the fingerprint --------------------------------------------------------------------

def test_fingerprint_is_the_md5_of_the_key_blob(store, alice, rsa_2048):
    body = openssh(rsa_2048, "with a comment")
    fingerprint = upload(store, body)["Fingerprint"]
    assert FINGERPRINT.fullmatch(fingerprint)
    digest = hashlib.md5(base64.b64decode(body.split()[1])).hexdigest()
    assert fingerprint.replace(":", "") == digest


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_fingerprint_is_what_ssh_keygen_shows(store, alice, tmp_path):
    body = openssh(ed25519.Ed25519PrivateKey.generate(), "me")
    (tmp_path / "key.pub").write_text(body + "\n")
    shown = subprocess.run(["ssh-keygen", "-l", "-E", "md5", "-f", str(tmp_path / "key.pub")],
                           capture_output=True, text=True, check=True).stdout
    assert f"MD5:{upload(store, body)['Fingerprint']} " in shown


# --- duplicates and the quota -----------------------------------------------------------

def test_the_same_key_twice_is_a_duplicate_whatever_its_comment(store, alice, rsa_2048):
    upload(store, openssh(rsa_2048, "one"))
    for body in (openssh(rsa_2048, "two"), pem(rsa_2048)):
        assert error(lambda: upload(store, body)).code == "DuplicateSSHPublicKey"
    store.call("CreateUser", {"UserName": "bob"})
    upload(store, openssh(rsa_2048), "bob")  # another user may hold the same key


def test_five_keys_at_most(store, alice):
    for _ in range(5):
        upload(store, openssh(ed25519.Ed25519PrivateKey.generate()))
    err = error(lambda: upload(store, openssh(ed25519.Ed25519PrivateKey.generate())))
    assert (err.code, err.message) == ("LimitExceeded",
                                       "Cannot exceed quota for SSHPublicKeysPerUser: 5")


# --- get, list, update, delete ----------------------------------------------------------

def test_get_in_either_encoding(store, alice, rsa_2048):
    key = upload(store, openssh(rsa_2048, "c"))
    ask = {"UserName": "alice", "SSHPublicKeyId": key["SSHPublicKeyId"]}
    assert store.call("GetSSHPublicKey", {**ask, "Encoding": "SSH"})["SSHPublicKey"] == key
    as_pem = store.call("GetSSHPublicKey", {**ask, "Encoding": "PEM"})["SSHPublicKey"]
    assert as_pem["SSHPublicKeyBody"].startswith("-----BEGIN PUBLIC KEY-----")
    loaded = serialization.load_pem_public_key(as_pem["SSHPublicKeyBody"].encode())
    assert loaded.public_numbers() == rsa_2048.public_key().public_numbers()


def test_list_update_delete(store, alice):
    key = upload(store, openssh(ed25519.Ed25519PrivateKey.generate()))
    ask = {"UserName": "alice", "SSHPublicKeyId": key["SSHPublicKeyId"]}
    store.call("UpdateSSHPublicKey", {**ask, "Status": "Inactive"})
    assert store.call("ListSSHPublicKeys", {"UserName": "alice"}) == {
        "SSHPublicKeys": [{"UserName": "alice", "SSHPublicKeyId": key["SSHPublicKeyId"],
                           "Status": "Inactive", "UploadDate": key["UploadDate"]}],
        "IsTruncated": False}
    store.call("DeleteSSHPublicKey", ask)
    err = error(lambda: store.call("GetSSHPublicKey", {**ask, "Encoding": "SSH"}))
    assert (err.code, err.message) == (
        "NoSuchEntity", f"The Public Key with id {key['SSHPublicKeyId']} cannot be found.")


def test_another_users_key_is_not_found(store, alice):
    store.call("CreateUser", {"UserName": "bob"})
    key = upload(store, openssh(ed25519.Ed25519PrivateKey.generate()), "bob")
    err = error(lambda: store.call("DeleteSSHPublicKey", {
        "UserName": "alice", "SSHPublicKeyId": key["SSHPublicKeyId"]}))
    assert err.code == "NoSuchEntity"


def test_delete_user_refused_while_ssh_keys_remain(store, alice):
    key = upload(store, openssh(ed25519.Ed25519PrivateKey.generate()))
    err = error(lambda: store.call("DeleteUser", {"UserName": "alice"}))
    assert (err.code, err.message) == ("DeleteConflict",
                                       "Cannot delete entity, must delete SSH public keys first.")
    store.call("DeleteSSHPublicKey", {"UserName": "alice", "SSHPublicKeyId": key["SSHPublicKeyId"]})
    store.call("DeleteUser", {"UserName": "alice"})


# --- key pairs --------------------------------------------------------------------------

def test_a_generated_key_pair(store, alice):
    pair = keypairs.generate(store, "alice")
    private = serialization.load_ssh_private_key(pair.private_key.encode(), password=None)
    assert isinstance(private, ed25519.Ed25519PrivateKey)
    assert pair.private_key.startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert pair.public["SSHPublicKeyBody"] == openssh(private)
    [listed] = store.call("ListSSHPublicKeys", {"UserName": "alice"})["SSHPublicKeys"]
    assert listed["SSHPublicKeyId"] == pair.public["SSHPublicKeyId"]
    assert pair.private_key not in repr(pair)


def test_the_private_key_is_kept_nowhere(store, alice):
    pair = keypairs.generate(store, "alice")
    private = serialization.load_ssh_private_key(pair.private_key.encode(), password=None)
    seed = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())
    traces = [line.encode() for line in pair.private_key.splitlines()[1:-1]]
    traces += [seed.hex().encode(), base64.b64encode(seed)]
    for path in (store.path, store.audit_path):
        with open(path, "rb") as handle:
            data = handle.read()
        assert not [trace for trace in traces if trace in data], path
    assert [r["eventName"] for r in store.audit_trail()][0] == "UploadSSHPublicKey"


def test_a_key_pair_is_authorized_as_an_upload(store, alice):
    key = store.call("CreateAccessKey", {"UserName": "alice"})["AccessKey"]
    me = store.credentials_caller(key["AccessKeyId"], key["SecretAccessKey"])
    err = error(lambda: keypairs.generate(store, "alice", me))
    assert err.code == "AccessDenied" and "iam:UploadSSHPublicKey" in err.message
    assert store.call("ListSSHPublicKeys", {"UserName": "alice"})["SSHPublicKeys"] == []
