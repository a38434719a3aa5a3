"""The installed ``iamtui`` in a real terminal, driven through tmux as a person would:
keys sent, the screen read back (polled, never slept on), with NO_COLOR set: every
verdict and state must read in words."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from store import Store
from store.principals import root

SCRIPT = shutil.which("iamtui", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    """One tmux session running one command, on a server of its own."""

    def __init__(self, command: list[str], env: dict, width=120, height=40):
        self.socket = f"iamtui-e2e-{uuid.uuid4().hex[:8]}"
        self.tmux(["new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                   *command], env=env)

    def tmux(self, args: list[str], env: dict | None = None) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=True, env=env, timeout=30).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux(["send-keys", "-t", "t", key])

    def type(self, text: str) -> None:
        self.tmux(["send-keys", "-t", "t", "-l", text])

    def screen(self) -> str:
        return self.tmux(["capture-pane", "-p", "-t", "t"])

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    opened = []

    def start(*args: str) -> Terminal:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(TERM="xterm-256color", NO_COLOR="1", XDG_DATA_HOME=str(tmp_path / "xdg"))
        made = Terminal([SCRIPT, *args], env)
        opened.append(made)
        return made
    yield start
    for made in opened:
        made.close()


def test_create_user_attach_policy_evaluate_quit(tmp_path, terminal):
    db = tmp_path / "demo.json"
    done = subprocess.run([SCRIPT, "--db", str(db), "demo", "--no-app"], capture_output=True)
    assert done.returncode == 0
    store = Store(str(db))
    term = terminal("--db", str(db))
    term.wait_for("acting as: root")
    term.wait_for("alice")

    term.keys("n")                              # a new user
    term.wait_for("User name")
    term.type("erin")
    term.keys("C-s")
    term.wait_for("erin")
    assert store.view().find("user", "erin") is not None

    term.keys("/")                              # filter to her, describe
    term.wait_for("filter")
    term.type("erin")
    term.keys("Enter")
    term.keys("d")
    term.wait_for("arn:aws:iam::123456789012:user/erin")
    term.keys("a")                              # attach a policy from the picker
    term.wait_for("type to narrow")
    term.type("AmazonS3ReadOnly")
    term.wait_for("AmazonS3ReadOnlyAccess")
    term.keys("Enter")
    term.wait_for("attached")
    attached = store.call("ListAttachedUserPolicies", {"UserName": "erin"}, root("123456789012"))
    assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == ["AmazonS3ReadOnlyAccess"]

    term.keys("x")                              # may erin read an object? now yes
    term.wait_for("principal")
    term.type("s3:GetObject")
    term.keys("Enter")
    term.type("arn:aws:s3:::bucket-name/report.csv")
    term.wait_for("ALLOWED")

    term.keys("Escape")
    term.keys("Escape")
    term.wait_for("5 Audit")
    term.keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "acting as" in term.screen():
        time.sleep(0.1)
    assert "acting as" not in term.screen()
