"""``iamtui who-can`` on the demo account: one principal a line with the statement that
allows it, JSON for scripts, exit 0 when someone can, 1 when nobody can, 2 bad input."""

import pytest

from store import Store, demo

OBJECT = f"{demo.BUCKET}/q3.csv"


@pytest.fixture
def store(db):
    """The demo account in the file the ``iamtui`` fixture passes with --db."""
    made = Store(str(db))
    demo.build(made)
    return made


def lines(done) -> dict:
    """``{(kind, name): rest of the line}`` from the human output."""
    return {tuple(line.split()[:2]): line.split(None, 2)[2]
            for line in done.stdout.splitlines()}


def test_one_line_per_principal_with_the_allowing_statement(store, iamtui):
    done = iamtui("who-can", "s3:GetObject", OBJECT)
    assert done.returncode == 0, done.stderr
    found = lines(done)
    assert set(found) == {("user", "admin"), ("user", "alice"), ("user", "bob"),
                          ("user", "dave"), ("role", "EC2S3ReadRole"),
                          ("role", "WebIdentityReadOnly"), ("root", "root")}
    assert "TableAndBucket" in found["user", "alice"]
    assert "through group Developers" in found["user", "alice"]
    assert "ReadOnlyAccess" in found["user", "bob"]


def test_the_secret_prefix_leaves_alice_out(store, iamtui):
    found = lines(iamtui("who-can", "s3:GetObject", f"{demo.BUCKET}/secret/plans.txt"))
    assert ("user", "alice") not in found and ("user", "dave") in found


def test_json_for_scripts(store, ok):
    out = ok("who-can", "s3:GetObject", OBJECT, "--json")
    assert (out["Action"], out["Resource"]) == ("s3:GetObject", OBJECT)
    by_name = {p["Name"]: p for p in out["Principals"]}
    assert by_name["alice"]["Type"] == "user"
    assert by_name["alice"]["Statements"][0] == {
        "Policy": demo.DEVELOPER_POLICY, "Statement": "TableAndBucket", "Line": 3,
        "How": "through group Developers"}
    assert by_name["root"]["Statements"] == []


def test_context_keys_are_read_as_can_reads_them(store, iamtui):
    store.call("CreateUser", {"UserName": "carol"})
    store.call("PutUserPolicy", {"UserName": "carol", "PolicyName": "Office",
                                 "PolicyDocument": '{"Version": "2012-10-17", "Statement": '
                                 '{"Effect": "Allow", "Action": "sqs:SendMessage", '
                                 '"Resource": "*", "Condition": {"IpAddress": '
                                 '{"aws:SourceIp": "203.0.113.0/24"}}}}'})
    queue = "arn:aws:sqs:us-east-1:123456789012:jobs"
    assert ("user", "carol") not in lines(iamtui("who-can", "sqs:SendMessage", queue))
    assert ("user", "carol") in lines(iamtui("who-can", "sqs:SendMessage", queue,
                                             "--context", "aws:SourceIp=203.0.113.7,ip"))


def test_exit_1_when_nobody_can(store, iamtui):
    done = iamtui("who-can", "sqs:SendMessage", "arn:aws:sqs:us-east-1:999999999999:queue")
    assert done.returncode == 1
    assert "nobody" in done.stdout


def test_exit_1_and_an_empty_list_in_json(store, iamtui):
    done = iamtui("who-can", "sqs:SendMessage", "arn:aws:sqs:us-east-1:999999999999:q",
                  "--json")
    assert done.returncode == 1
    assert '"Principals": []' in done.stdout


@pytest.mark.parametrize("context", ["no-equals-sign", "aws:SourceIp=not-an-ip,ip"])
def test_exit_2_for_bad_context(store, iamtui, context):
    done = iamtui("who-can", "s3:GetObject", OBJECT, "--context", context)
    assert done.returncode == 2
    assert "context" in done.stderr and "Traceback" not in done.stderr
