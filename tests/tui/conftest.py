"""The installed ``iamtui`` command, run in a subprocess against a store file of the
test's own (and never the real store: IAMTUI_DB and XDG_DATA_HOME point into tmp_path)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store import Store

SCRIPT = shutil.which("iamtui", path=str(Path(sys.executable).parent))


@pytest.fixture
def env(tmp_path):
    """The environment the command runs in: the test's own store and data directory, and
    none of the AWS credential variables of whoever runs the tests."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return {**inherited, "XDG_DATA_HOME": str(tmp_path / "xdg"),
            "IAMTUI_DB": str(tmp_path / "env-store.json")}


@pytest.fixture
def db(tmp_path) -> Path:
    """The store file the ``iamtui`` fixture passes with --db."""
    return tmp_path / "iam.json"


@pytest.fixture
def store(db) -> Store:
    """The same file, opened directly (to set up state quickly, and to check it)."""
    made = Store(str(db))
    made.create_account(account_id="123456789012", alias="demo-corp")
    return made


@pytest.fixture
def command(db) -> list[str]:
    """``iamtui --db DB``, as installed."""
    assert SCRIPT is not None, "the iamtui console script is not installed"
    return [SCRIPT, "--db", str(db)]


@pytest.fixture
def iamtui(command, env):
    """``iamtui("iam", "get-user", ...)`` runs ``iamtui --db DB iam get-user ...``;
    ``db=False`` leaves --db out."""
    def run(*args, db=True):
        prefix = command if db else command[:1]
        return subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True,
                              timeout=120, env=env)
    return run


@pytest.fixture
def ok(iamtui):
    """Run, expect exit 0 and no traceback; return the parsed JSON (None if no output)."""
    def run(*args, **kwargs):
        done = iamtui(*args, **kwargs)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None
    return run


DEMO_NOW = "2026-11-29T09:00:00+00:00"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo account built once per run (hashing its passwords takes a while), every
    date on it DEMO_NOW; tests get copies of it."""
    from store import demo, ids
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ids, "now", lambda: DEMO_NOW)
        demo.build(Store(str(path)))
    return path


@pytest.fixture
def demo_copy(demo_file, tmp_path):
    """``demo_copy()``: the demo account in a file of the test's own, its audit trail too."""
    def copy() -> Store:
        target = tmp_path / "demo.json"
        for suffix in ("", ".audit.jsonl"):
            shutil.copyfile(f"{demo_file}{suffix}", f"{target}{suffix}")
        return Store(str(target))
    return copy


@pytest.fixture
def pinned_clock(monkeypatch) -> str:
    """Every date the store stamps during the test is DEMO_NOW (for snapshots)."""
    from store import ids
    monkeypatch.setattr(ids, "now", lambda: DEMO_NOW)
    return DEMO_NOW
