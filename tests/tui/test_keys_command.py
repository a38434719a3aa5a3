"""``iamtui keys generate-ssh-key-pair``, run as installed: an Ed25519 key pair whose
public half is uploaded for the user (as UploadSSHPublicKey:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html) and
whose private half is handed over once, in a new 0600 file or on stdout.
"""

import json
import os
import shutil
import stat
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization


@pytest.fixture
def alice(ok, store):
    ok("iam", "create-user", "--user-name", "alice")


def uploaded(ok) -> list[dict]:
    return ok("iam", "list-ssh-public-keys", "--user-name", "alice")["SSHPublicKeys"]


def public_line(private_key: str) -> str:
    key = serialization.load_ssh_private_key(private_key.encode(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                         serialization.PublicFormat.OpenSSH).decode()


def fields(text: str) -> dict:
    return dict(line.split(None, 1) for line in text.strip().splitlines())


def test_writes_a_0600_private_key_whose_public_half_is_uploaded(iamtui, ok, alice, tmp_path,
                                                                  db):
    path = tmp_path / "id_ed25519"
    done = iamtui("keys", "generate-ssh-key-pair", "--user-name", "alice",
                  "--private-key-file", path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    private_key = path.read_text()
    shown = fields(done.stdout)
    [listed] = uploaded(ok)
    assert shown["SSHPublicKeyId"] == listed["SSHPublicKeyId"]
    key = ok("iam", "get-ssh-public-key", "--user-name", "alice", "--ssh-public-key-id",
             listed["SSHPublicKeyId"], "--encoding", "SSH")["SSHPublicKey"]
    assert shown["Fingerprint"] == key["Fingerprint"]
    assert key["SSHPublicKeyBody"] == public_line(private_key)
    assert private_key not in done.stdout + done.stderr
    for stored in (db, f"{db}.audit.jsonl"):
        data = open(stored, "rb").read()
        assert not [line for line in private_key.splitlines()[1:-1] if line.encode() in data]


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_ssh_keygen_reads_the_private_key(iamtui, ok, alice, tmp_path):
    path = tmp_path / "id_ed25519"
    assert iamtui("keys", "generate-ssh-key-pair", "--user-name", "alice",
                  "--private-key-file", path).returncode == 0
    derived = subprocess.run(["ssh-keygen", "-y", "-f", str(path)], capture_output=True,
                             text=True, check=True).stdout.strip()
    [listed] = uploaded(ok)
    key = ok("iam", "get-ssh-public-key", "--user-name", "alice", "--ssh-public-key-id",
             listed["SSHPublicKeyId"], "--encoding", "SSH")["SSHPublicKey"]
    assert derived.split()[:2] == key["SSHPublicKeyBody"].split()[:2]


def test_prints_the_private_key_once_without_a_file(iamtui, ok, alice):
    done = iamtui("keys", "generate-ssh-key-pair", "--user-name", "alice")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert done.stdout.rstrip().endswith("-----END OPENSSH PRIVATE KEY-----")
    [listed] = uploaded(ok)
    assert fields(done.stderr)["SSHPublicKeyId"] == listed["SSHPublicKeyId"]
    assert public_line(done.stdout) == ok(
        "iam", "get-ssh-public-key", "--user-name", "alice", "--ssh-public-key-id",
        listed["SSHPublicKeyId"], "--encoding", "SSH")["SSHPublicKey"]["SSHPublicKeyBody"]


def test_an_existing_file_is_not_overwritten_and_nothing_is_uploaded(iamtui, ok, alice,
                                                                     tmp_path):
    path = tmp_path / "mine"
    path.write_text("keep me")
    done = iamtui("keys", "generate-ssh-key-pair", "--user-name", "alice",
                  "--private-key-file", path)
    assert done.returncode == 2
    assert "not overwriting" in done.stderr
    assert path.read_text() == "keep me"
    assert uploaded(ok) == []


def test_a_refused_upload_leaves_no_file(iamtui, tmp_path, store):
    path = tmp_path / "id_ed25519"
    done = iamtui("keys", "generate-ssh-key-pair", "--user-name", "nobody",
                  "--private-key-file", path)
    assert done.returncode == 254
    assert done.stderr.strip() == ("An error occurred (NoSuchEntity) when calling the "
                                   "UploadSSHPublicKey operation: The user with name nobody "
                                   "cannot be found.")
    assert not path.exists()


def test_made_as_the_callers_in_the_environment(iamtui, ok, alice, env, tmp_path):
    key = ok("iam", "create-access-key", "--user-name", "alice")["AccessKey"]
    env.update({"AWS_ACCESS_KEY_ID": key["AccessKeyId"],
                "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]})
    env.pop("AWS_SESSION_TOKEN", None)
    done = iamtui("keys", "generate-ssh-key-pair", "--user-name", "alice",
                  "--private-key-file", tmp_path / "k")
    assert done.returncode == 254
    assert "(AccessDenied)" in done.stderr and "iam:UploadSSHPublicKey" in done.stderr
    assert not (tmp_path / "k").exists()
    done = iamtui("--as", "root", "keys", "generate-ssh-key-pair", "--user-name", "alice",
                  "--private-key-file", tmp_path / "k")
    assert done.returncode == 0, done.stderr
    trail = json.loads(iamtui("audit", "--json", "--event", "UploadSSHPublicKey").stdout)
    assert [r["userIdentity"]["type"] for r in trail] == ["Root", "IAMUser"]
