"""The store file itself: what it refuses, how it is created, how it follows changes
made by other processes, and what a failed change leaves behind. Real files, real
processes, no mocks."""

import os
import random
import stat
import subprocess
import sys

import orjson
import pytest

from store import IamError, Store, StoreUnusable
from store.database import SCHEMA


def run_in_child(path, *calls):
    """Make ``calls`` ((operation, params) pairs) on the store at ``path`` from another
    process, as a second SSH session would."""
    script = ("import sys, orjson\n"
              "from store import Store\n"
              "store = Store(sys.argv[1])\n"
              "for operation, params in orjson.loads(sys.argv[2]):\n"
              "    store.call(operation, params)\n")
    subprocess.run([sys.executable, "-c", script, path, orjson.dumps(calls).decode()],
                   check=True, timeout=60)


def user_names(store) -> list[str]:
    return [u["UserName"] for u in store.call("ListUsers", {"MaxItems": 1000})["Users"]]


# --- files that are not (usable) iamtui stores ------------------------------------------

def valid_store_bytes(tmp_path) -> bytes:
    made = Store(str(tmp_path / "valid.json"))
    made.call("CreateUser", {"UserName": "alice"})
    return (tmp_path / "valid.json").read_bytes()


def newer_schema_bytes(tmp_path) -> bytes:
    data = orjson.loads(valid_store_bytes(tmp_path))
    data["meta"]["1"]["schema"] = SCHEMA + 1
    return orjson.dumps(data)


UNUSABLE = {
    "truncated JSON": (lambda tmp_path: valid_store_bytes(tmp_path)[:-40], "not valid JSON"),
    "random bytes": (lambda tmp_path: random.Random(7).randbytes(4096), "not valid JSON"),
    "empty file": (lambda tmp_path: b"", "not valid JSON"),
    "JSON but not TinyDB": (lambda tmp_path: b'{"name": "x", "size": 3}', "not an iamtui store"),
    "a JSON list": (lambda tmp_path: b"[1, 2, 3]", "not an iamtui store"),
    "another TinyDB file": (lambda tmp_path: b'{"_default": {"1": {"a": 1}}}',
                            "not an iamtui store"),
    "newer schema": (newer_schema_bytes, "newer iamtui"),
}


@pytest.mark.parametrize("kind", UNUSABLE)
def test_an_unusable_file_is_refused_and_left_untouched(tmp_path, kind):
    make, words = UNUSABLE[kind]
    path = tmp_path / "iam.json"
    path.write_bytes(make(tmp_path))
    before = path.read_bytes()
    store = Store(str(path))
    for operation, params in [("ListUsers", {}), ("CreateUser", {"UserName": "bob"}),
                              ("ListUsers", {}), ("CreateUser", {"UserName": "bob"})]:
        with pytest.raises(StoreUnusable) as refused:
            store.call(operation, params)  # asked twice: a refusal must not be remembered as "loaded"
        assert str(path) in str(refused.value)
        assert words in str(refused.value)
    assert path.read_bytes() == before


def test_an_unreadable_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "iam.json"
    path.mkdir()  # a directory where the file should be
    with pytest.raises(StoreUnusable, match=str(path)):
        Store(str(path)).call("ListUsers")


# --- creation ----------------------------------------------------------------------------

@pytest.fixture
def permissive_umask():
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_files_are_created_private_whatever_the_umask(tmp_path, permissive_umask):
    path = tmp_path / "new" / "iam.json"
    store = Store(str(path))
    store.call("CreateUser", {"UserName": "alice"})
    for made in (path, tmp_path / "new" / "iam.json.lock", tmp_path / "new" / "iam.json.audit.jsonl"):
        assert stat.S_IMODE(os.stat(made).st_mode) == 0o600, made
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700


def test_every_write_keeps_the_file_private(tmp_path, permissive_umask):
    path = tmp_path / "iam.json"
    store = Store(str(path))
    for name in ("alice", "bob", "carol"):
        store.call("CreateUser", {"UserName": name})
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


# --- changes made elsewhere ---------------------------------------------------------------

def test_a_store_sees_another_processes_changes_without_restarting(store):
    store.call("CreateUser", {"UserName": "alice"})
    assert user_names(store) == ["alice"]

    run_in_child(store.path, ("CreateUser", {"UserName": "bob"}))
    assert user_names(store) == ["alice", "bob"]
    assert store.call("GetUser", {"UserName": "BOB"})["User"]["UserName"] == "bob"
    with pytest.raises(IamError) as taken:
        store.call("CreateUser", {"UserName": "bob"})
    assert taken.value.code == "EntityAlreadyExists"

    run_in_child(store.path, ("DeleteUser", {"UserName": "alice"}))
    with pytest.raises(IamError) as gone:
        store.call("GetUser", {"UserName": "alice"})
    assert gone.value.code == "NoSuchEntity"
    store.call("CreateUser", {"UserName": "alice"})  # the name is free again
    assert user_names(store) == ["alice", "bob"]


def test_a_write_starts_from_the_latest_state(store):
    store.call("CreateUser", {"UserName": "alice"})
    run_in_child(store.path, ("CreateUser", {"UserName": "bob"}),
                 ("CreateUser", {"UserName": "carol"}))
    store.call("CreateUser", {"UserName": "dave"})
    assert user_names(Store(store.path)) == ["alice", "bob", "carol", "dave"]


# --- failed changes -----------------------------------------------------------------------

class Boom(Exception):
    pass


def test_an_exception_in_a_transaction_changes_nothing(store):
    store.call("CreateUser", {"UserName": "alice"})
    before = open(store.path, "rb").read()
    with pytest.raises(Boom):
        with store.database.transaction() as db:
            db.table("users").insert({"UserName": "mallory", "Path": "/"})
            alice = db.table("users").get(doc_id=1)
            alice["Tags"].append({"Key": "k", "Value": "v"})  # in place, nested
            db.table("users").update({"Path": "/changed/"}, doc_ids=[1])
            raise Boom
    assert open(store.path, "rb").read() == before
    assert user_names(store) == ["alice"]
    alice = store.view().get("user", "alice")
    assert (alice["Path"], alice["Tags"]) == ("/", [])
    with pytest.raises(IamError):
        store.call("GetUser", {"UserName": "mallory"})


def test_a_refused_operation_changes_nothing(store):
    store.call("CreateUser", {"UserName": "alice"})
    before = open(store.path, "rb").read()
    with pytest.raises(IamError) as refused:
        store.call("CreateUser", {"UserName": "ALICE"})
    assert refused.value.code == "EntityAlreadyExists"
    assert open(store.path, "rb").read() == before
    assert user_names(store) == ["alice"]


def test_a_read_leaves_the_file_alone(store):
    store.call("CreateUser", {"UserName": "alice"})
    before = os.stat(store.path)
    store.call("ListUsers")
    store.call("GetUser", {"UserName": "alice"})
    after = os.stat(store.path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# --- the audit trail ----------------------------------------------------------------------

def tear_last_record(store) -> None:
    """What a crash in the middle of an append leaves: half a line."""
    with open(store.audit_path, "ab") as handle:
        handle.write(b'{"eventVersion":"1.08","userIdentity":{"type":"Ro')


def test_the_audit_trail_survives_a_torn_last_line(store):
    for name in ("alice", "bob"):
        store.call("CreateUser", {"UserName": name})
    tear_last_record(store)
    trail = store.audit_trail()
    assert [r["eventName"] for r in trail] == ["CreateUser", "CreateUser"]
    assert [r["requestParameters"]["userName"] for r in trail] == ["bob", "alice"]


def test_a_record_appended_after_a_torn_line_is_kept(store):
    store.call("CreateUser", {"UserName": "alice"})
    tear_last_record(store)
    store.call("CreateUser", {"UserName": "bob"})
    trail = store.audit_trail()
    assert [r["requestParameters"]["userName"] for r in trail] == ["bob", "alice"]


def test_the_file_always_holds_exactly_the_state_in_memory(store):
    """Only changed tables are re-serialized on a write; after every kind of change the
    file must still equal the whole state (a stale table would show here)."""
    from store import demo

    def check():
        with open(store.path, "rb") as handle:
            on_disk = orjson.loads(handle.read())
        assert on_disk == store.database.storage.data

    for operation, params in demo.CALLS[1:]:  # the fixture's account has the alias already
        store.call(operation, params)
        check()
    arn = f"arn:aws:iam::123456789012:policy/{demo.DEVELOPER_POLICY}"
    steps = [
        ("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": demo.READ_BUCKET,
                                 "SetAsDefault": True}),
        ("SetDefaultPolicyVersion", {"PolicyArn": arn, "VersionId": "v1"}),
        ("DeletePolicyVersion", {"PolicyArn": arn, "VersionId": "v2"}),
        ("TagPolicy", {"PolicyArn": arn, "Tags": [{"Key": "a", "Value": "1"}]}),
        ("TagRole", {"RoleName": demo.EC2_ROLE, "Tags": [{"Key": "b", "Value": "2"}]}),
        ("UpdateRole", {"RoleName": demo.EC2_ROLE, "MaxSessionDuration": 7200}),
        ("RemoveUserFromGroup", {"GroupName": "Developers", "UserName": "dave"}),
        ("UpdateGroup", {"GroupName": "Developers", "NewGroupName": "Devs"}),
        ("DeleteUserPolicy", {"UserName": "alice", "PolicyName": "DenySecret"}),
        ("DetachUserPolicy", {"UserName": "bob",
                              "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
        ("DeleteLoginProfile", {"UserName": "bob"}),
        ("DeleteUser", {"UserName": "bob"}),
        ("DeleteAccountAlias", {"AccountAlias": "demo-corp"}),
    ]
    for operation, params in steps:
        store.call(operation, params)
        check()
    store.set_quota("UsersQuota", 6000)
    check()


def test_what_is_derived_from_a_table_not_written_yet_is_kept(store):
    """A missing table reads as the same empty table each time, so caches built on it
    (the analysis keys its caches on five tables, some absent in most accounts) hold."""
    computed = []
    for _ in range(2):
        store.database.derived("probe", "aws_managed_policies",
                               lambda documents: computed.append(dict(documents)))
    assert computed == [{}]
    store.call("CreateUser", {"UserName": "alice"})   # another table changes: still kept
    store.database.derived("probe", "aws_managed_policies", lambda d: computed.append(d))
    assert len(computed) == 1
