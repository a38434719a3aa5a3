"""``iamtui sign-in``, run as installed, answering on standard input (--password-stdin):
shell exports on success, one line on stderr and exit 1 on a refusal, never the password.
(The AWS CLI's environment variables:
https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html)"""

import base64
import json
import os
import pty
import select
import shlex
import subprocess
import time

import pyotp
import pytest

from store import mfa

PASSWORD = "Corr3ct-Horse"
NEW = "Batt3ry-Staple"


@pytest.fixture
def alice(store):
    """alice, with the password PASSWORD and a policy that lets her GetUser herself."""
    store.call("CreateUser", {"UserName": "alice"})
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": PASSWORD})
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "self",
                                 "PolicyDocument": json.dumps(document)})
    return store


@pytest.fixture
def sign_in(command, env):
    """``iamtui --db DB sign-in ARGS --password-stdin`` with ``answers`` on stdin."""
    def run(*args, answers=(PASSWORD,)):
        return subprocess.run([*command, "sign-in", *args, "--password-stdin"],
                              input="".join(f"{line}\n" for line in answers),
                              capture_output=True, text=True, timeout=120, env=env, check=False)
    return run


def exports(done) -> dict:
    """The variables the output sets, as a shell would read them."""
    assert done.returncode == 0, done.stderr
    found = {}
    for line in done.stdout.splitlines():
        keyword, assignment = shlex.split(line)
        assert keyword == "export"
        name, value = assignment.split("=", 1)
        found[name] = value
    return found


def test_prints_exports_that_sign_a_shell_in(alice, sign_in, command, env):
    done = sign_in("--user-name", "alice")
    variables = exports(done)
    assert list(variables) == ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]
    assert variables["AWS_ACCESS_KEY_ID"].startswith("ASIA")
    assert "expires" in done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    caller = alice.credentials_caller(*variables.values())
    assert (caller.kind, caller.name) == ("user", "alice")
    # What `eval "$(iamtui sign-in ...)"` gives the commands that follow.
    got = subprocess.run([*command, "iam", "get-user"], capture_output=True, text=True,
                         timeout=120, env={**env, **variables}, check=False)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["User"]["UserName"] == "alice"


def test_the_root_user_by_email_and_the_account_by_alias(store, sign_in):
    store.call("CreateLoginProfile", {"Password": PASSWORD})
    variables = exports(sign_in("--account", "demo-corp", "--root-email", "root@example.com"))
    assert store.credentials_caller(*variables.values()).is_root


@pytest.mark.parametrize("args", [("--user-name", "alice"), ("--user-name", "nobody"),
                                  ("--account", "999999999999", "--user-name", "alice")])
def test_a_refusal_is_one_line_and_exit_1(alice, sign_in, args):
    done = sign_in(*args, answers=["Wr0ng-Password"])
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == ("iamtui sign-in: Your authentication information is incorrect. "
                           "Please try again.\n")


def test_asks_for_the_mfa_code(alice, sign_in):
    device = alice.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "alice"})[
        "VirtualMFADevice"]
    totp = pyotp.TOTP(base64.b32encode(base64.b32decode(device["Base32StringSeed"])).decode())
    step = mfa.step_now()
    alice.call("EnableMFADevice", {"UserName": "alice", "SerialNumber": device["SerialNumber"],
                                   "AuthenticationCode1": totp.at((step - 2) * mfa.STEP),
                                   "AuthenticationCode2": totp.at((step - 1) * mfa.STEP)})
    missing = sign_in("--user-name", "alice")
    assert (missing.returncode, missing.stderr) == (1, "iamtui sign-in: no answer to 'MFA code'\n")
    variables = exports(sign_in("--user-name", "alice", answers=[PASSWORD, totp.now()]))
    assert alice.credentials_caller(*variables.values()).session["MFA"] is True


def test_asks_for_a_new_password_when_one_is_required(alice, sign_in):
    alice.call("UpdateLoginProfile", {"UserName": "alice", "PasswordResetRequired": True})
    alice.call("UpdateAccountPasswordPolicy", {"AllowUsersToChangePassword": True})
    weak = sign_in("--user-name", "alice", answers=[PASSWORD, "weak"])
    assert weak.returncode == 1
    assert weak.stderr.splitlines() == [
        "Your password must be changed: choose a new one.",
        "iamtui sign-in: Password should have a minimum length of 6"]
    done = sign_in("--user-name", "alice", answers=[PASSWORD, NEW])
    exports(done)
    assert NEW not in done.stdout + done.stderr
    exports(sign_in("--user-name", "alice", answers=[NEW]))


def test_one_principal_is_named(sign_in):
    both = sign_in("--user-name", "alice", "--root-email", "root@example.com")
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr
    assert "Traceback" not in both.stderr


def test_at_a_terminal_the_password_is_not_echoed(alice, command, env):
    """getpass at a real terminal (a pseudo-terminal): the prompt is shown, the typed
    password is not; the exports follow."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: iamtui, its terminal the pty
        os.execve(command[0], [*command, "sign-in", "--user-name", "alice"], env)
    shown = read_until(terminal, "Password: ")
    os.write(terminal, f"{PASSWORD}\n".encode())
    shown += read_until(terminal, None)
    os.waitpid(pid, 0)
    assert "export AWS_SESSION_TOKEN=" in shown
    assert PASSWORD not in shown


def read_until(terminal: int, text: str | None, timeout: float = 60) -> str:
    """What the terminal shows until ``text`` appears (None: until the program ends)."""
    shown, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text is not None and text.encode() in shown:
            break
        if select.select([terminal], [], [], 0.1)[0]:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # EIO: the program has ended
                break
            if not chunk:
                break
            shown += chunk
    return shown.decode()
