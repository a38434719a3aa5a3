"""``iamtui resources`` (resource-based policies such as S3 bucket policies) and
``iamtui quotas`` (the account's IAM quotas), over the store's own methods."""

import json

BUCKET = "arn:aws:s3:::bucket-name"
BUCKET_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"},
    "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"}]}


def test_put_get_list_delete_bucket_policy(iamtui, ok, store, tmp_path):
    path = tmp_path / "bucket.json"
    path.write_text(json.dumps(BUCKET_POLICY))
    assert ok("resources", "put", BUCKET, "--policy", f"file://{path}") is None
    got = ok("resources", "get", BUCKET)
    assert (got["Arn"], got["Policy"]) == (BUCKET, BUCKET_POLICY)
    listing = iamtui("resources", "list")
    assert listing.stdout.split()[0] == BUCKET
    assert [r["Arn"] for r in ok("resources", "list", "--json")] == [BUCKET]
    ok("resources", "delete", BUCKET)
    missing = iamtui("resources", "get", BUCKET)
    assert missing.returncode == 254
    assert "An error occurred (NoSuchEntity)" in missing.stderr


def test_resource_policy_calls_are_authorized(iamtui, store):
    store.call("CreateUser", {"UserName": "alice"})
    done = iamtui("--as", "alice", "resources", "put", BUCKET, "--policy",
                  json.dumps(BUCKET_POLICY))
    assert done.returncode == 254
    assert "(AccessDenied)" in done.stderr
    assert store.list_resources() == []


def test_unreadable_policy_file(iamtui, store):
    done = iamtui("resources", "put", BUCKET, "--policy", "file:///no/such/file")
    assert done.returncode == 252
    assert "Unable to load paramfile" in done.stderr


def test_quotas_show_and_set(iamtui, ok, store):
    assert ok("quotas", "--json")["UsersQuota"] == 5000
    assert ["UsersQuota", "5000"] in [line.split() for line in
                                      iamtui("quotas").stdout.splitlines()]
    assert iamtui("quotas", "set", "UsersQuota", "7").returncode == 0
    assert store.quotas()["UsersQuota"] == 7


def test_only_root_sets_quotas(iamtui, store):
    store.call("CreateUser", {"UserName": "alice"})
    done = iamtui("--as", "alice", "quotas", "set", "UsersQuota", "7")
    assert done.returncode == 254
    assert "(AccessDenied)" in done.stderr
    unknown = iamtui("quotas", "set", "NoSuchQuota", "7")
    assert unknown.returncode == 254
    assert "Unknown quota NoSuchQuota" in unknown.stderr
    assert store.quotas()["UsersQuota"] == 5000
