"""``iamtui audit``: the audit trail, newest first, one line per record or JSON records
(CloudTrail's record contents: https://docs.aws.amazon.com/awscloudtrail/latest/
userguide/cloudtrail-event-reference-record-contents.html)."""

import json

import pytest


@pytest.fixture
def trail(store, iamtui):
    """root creates alice then bob; alice tries to create carol and is denied."""
    store.call("CreateUser", {"UserName": "alice"})
    store.call("CreateUser", {"UserName": "bob"})
    denied = iamtui("--as", "alice", "iam", "create-user", "--user-name", "carol")
    assert denied.returncode == 254
    return store


def lines(done):
    assert done.returncode == 0, done.stderr
    return [line.split() for line in done.stdout.splitlines()]


def test_one_line_per_record_newest_first(iamtui, trail):
    rows = lines(iamtui("audit"))
    assert [row[1:] for row in rows] == [["alice", "CreateUser", "AccessDenied"],
                                         ["root", "CreateUser"], ["root", "CreateUser"]]
    times = [row[0] for row in rows]
    assert times == sorted(times, reverse=True)


def test_filter_by_principal(iamtui, trail):
    assert [row[1] for row in lines(iamtui("audit", "--principal", "alice"))] == ["alice"]
    arn = "arn:aws:iam::123456789012:user/alice"
    assert [row[1] for row in lines(iamtui("audit", "--principal", arn))] == ["alice"]
    assert [row[1] for row in lines(iamtui("audit", "--principal", "root"))] == ["root", "root"]


def test_filter_by_event_and_limit(iamtui, trail):
    trail.call("CreateGroup", {"GroupName": "Developers"})
    assert [row[2] for row in lines(iamtui("audit", "--event", "CreateGroup"))] == ["CreateGroup"]
    assert len(lines(iamtui("audit", "--event", "createuser"))) == 3
    assert len(lines(iamtui("audit", "--limit", "2"))) == 2


def test_json_is_the_records(iamtui, trail):
    done = iamtui("audit", "--json", "--limit", "2")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["eventName"] for r in records] == ["CreateUser", "CreateUser"]
    assert records[0]["errorCode"] == "AccessDenied"
    assert records[0]["userIdentity"]["userName"] == "alice"
    assert records[1]["requestParameters"] == {"userName": "bob"}


def test_empty_trail(iamtui, store):
    done = iamtui("audit")
    assert (done.returncode, done.stdout) == (0, "")
    assert json.loads(iamtui("audit", "--json").stdout) == []


def test_bad_limit_is_a_usage_error(iamtui, store):
    done = iamtui("audit", "--limit", "0")
    assert done.returncode == 2
    assert "--limit" in done.stderr
    assert "Traceback" not in done.stderr

