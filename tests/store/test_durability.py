"""Nothing acknowledged is ever lost: not when a writer is killed in the middle of a
write, not when two writers write at once. Real processes against a real file."""

import glob
import os
import random
import subprocess
import sys
import time

from store import Store

# Creates users PREFIX-0, PREFIX-1, ... and prints each name once store.call returned
# (the acknowledgement). With a count it waits for "go" on stdin first and then stops.
WRITER = """
import sys
from store import Store

store = Store(sys.argv[1])
prefix, count = sys.argv[2], int(sys.argv[3])
if count:
    print("ready", flush=True)
    sys.stdin.readline()
n = 0
while not count or n < count:
    store.call("CreateUser", {"UserName": f"{prefix}-{n}"})
    print(f"{prefix}-{n}", flush=True)
    n += 1
"""

# Adds one to a counter COUNT times, each in its own transaction. The counter is written
# zero-padded, so every write leaves the file the same size: only a reload that notices
# the new file (not a changed size) keeps the other writer's increments.
INCREMENTER = """
import sys
from store import Store

store = Store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
for _ in range(int(sys.argv[2])):
    with store.database.transaction() as db:
        table = db.table("counter")
        value = int(table.get(doc_id=1)["value"])
        table.update({"value": f"{value + 1:08d}"}, doc_ids=[1])
"""


def start(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def user_names(store) -> set[str]:
    names, params = set(), {"MaxItems": 1000}
    while True:
        page = store.call("ListUsers", params)
        names.update(u["UserName"] for u in page["Users"])
        if not page["IsTruncated"]:
            return names
        params = {"MaxItems": 1000, "Marker": page["Marker"]}


def temporaries(path: str) -> list[str]:
    return glob.glob(f"{os.path.dirname(path)}/.{os.path.basename(path)}.tmp-*")


def kill_while_writing(path: str, prefix: str, rng: random.Random) -> set[str]:
    """Start a writer, let it acknowledge at least one user, SIGKILL it a random moment
    later; return the names it acknowledged (complete lines only)."""
    writer = start(WRITER, path, prefix, 0)
    first = writer.stdout.readline()
    assert first.endswith("\n"), "the writer died before writing anything"
    time.sleep(rng.uniform(0, 0.05))
    writer.kill()
    rest = writer.stdout.read()
    writer.wait()
    lines = (first + rest).split("\n")
    return set(lines[:-1])  # the last piece has no newline: not acknowledged


def test_a_writer_killed_at_any_moment_loses_nothing_it_acknowledged(store):
    rng = random.Random(20240611)
    acknowledged = set()
    for round_ in range(30):
        acknowledged |= kill_while_writing(store.path, f"r{round_}", rng)
        survivor = Store(store.path)  # a fresh process's view: loads the file from scratch
        assert acknowledged <= user_names(survivor)
        assert len(temporaries(store.path)) <= 1  # at most the killed writer's own
    store.call("CreateUser", {"UserName": "after"})
    assert temporaries(store.path) == []  # the next writer cleans up
    assert len(acknowledged) > 30


def wait_ready_then_go(children) -> None:
    for child in children:
        assert child.stdout.readline() == "ready\n"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()


def finish(children) -> None:
    for child in children:
        child.stdin.close()
        child.stdout.read()
        assert child.wait(timeout=120) == 0


def test_two_writers_at_once_lose_no_user(store):
    writers = [start(WRITER, store.path, prefix, 100) for prefix in ("a", "b")]
    wait_ready_then_go(writers)
    finish(writers)
    expected = {f"{prefix}-{n}" for prefix in ("a", "b") for n in range(100)}
    assert user_names(Store(store.path)) == expected
    assert user_names(store) == expected


def test_two_writers_at_once_lose_no_same_size_update(store):
    with store.database.transaction() as db:
        db.table("counter").insert({"value": f"{0:08d}"})
    writers = [start(INCREMENTER, store.path, 150) for _ in range(2)]
    wait_ready_then_go(writers)
    finish(writers)
    assert store.database.read().table("counter").get(doc_id=1)["value"] == f"{300:08d}"
