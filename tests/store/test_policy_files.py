"""An account's policies as a directory of files and back (store/policy_files.py): the
layout, the bytes (stable key order, indents, newline), what an export removes and
leaves, and an import that goes through the IAM operations, all of it or none.
"""

import json
import os

import pytest

from calls import error
from store.errors import InvalidInput
from store.policy_files import document_text, export_policies, import_policies

ACCOUNT = "123456789012"
BUCKET = "arn:aws:s3:::bucket-name"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs"


def text(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


# keys in an order of their own: the file puts them in the fixed one
SCRAMBLED = {"Resource": "*", "Action": "s3:GetObject", "Effect": "Allow", "Sid": "Read"}
TRUST = text({"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
              "Effect": "Allow"})


@pytest.fixture
def account(store):
    store.call("CreateUser", {"UserName": "alice"})
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "Read",
                                 "PolicyDocument": text(SCRAMBLED)})
    store.call("CreateGroup", {"GroupName": "Developers"})
    store.call("PutGroupPolicy", {"GroupName": "Developers", "PolicyName": "Queues",
                                  "PolicyDocument": text({"Effect": "Allow",
                                                          "Action": "sqs:*", "Resource": QUEUE})})
    store.call("CreateRole", {"RoleName": "app", "AssumeRolePolicyDocument": TRUST})
    store.call("PutRolePolicy", {"RoleName": "app", "PolicyName": "Write", "PolicyDocument":
                                 text({"Effect": "Allow", "Action": "s3:PutObject",
                                       "Resource": f"{BUCKET}/*"})})
    store.call("CreatePolicy", {"PolicyName": "Boundary", "Path": "/team/a/",
                                "PolicyDocument": text({"Effect": "Allow", "Action": "s3:*",
                                                        "Resource": "*"})})
    store.put_resource_policy(BUCKET, text({"Effect": "Allow", "Principal": {"AWS": ACCOUNT},
                                            "Action": "s3:GetObject",
                                            "Resource": f"{BUCKET}/*"}))
    return store


@pytest.fixture
def out(tmp_path):
    """The directory the policies go to (beside the store file, not around it)."""
    return tmp_path / "policies"


def files(directory) -> dict[str, str]:
    found = {}
    for folder, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, directory)] = open(path, encoding="utf-8").read()
    return found


def test_one_file_per_policy_in_the_layout(account, out):
    counts = export_policies(account, str(out))
    assert sorted(files(out)) == [
        "groups/Developers/inline/Queues.json",
        "managed/team/a/Boundary.json",
        "resources/arn%3Aaws%3As3%3A%3A%3Abucket-name.json",
        "roles/app/inline/Write.json",
        "roles/app/trust-policy.json",
        "users/alice/inline/Read.json"]
    assert counts == {"written": 6, "unchanged": 0, "removed": 0}


def test_the_bytes_are_fixed_key_order_four_space_indent_and_a_newline(account, out):
    export_policies(account, str(out))
    assert files(out)["users/alice/inline/Read.json"] == (
        '{\n'
        '    "Version": "2012-10-17",\n'
        '    "Statement": [\n'
        '        {\n'
        '            "Sid": "Read",\n'
        '            "Effect": "Allow",\n'
        '            "Action": "s3:GetObject",\n'
        '            "Resource": "*"\n'
        '        }\n'
        '    ]\n'
        '}\n')


def test_a_single_statement_object_and_unknown_keys_keep_their_place():
    document = {"Statement": {"Condition": {}, "Effect": "Deny", "X": 1}, "Id": "i",
                "Version": "2012-10-17"}
    assert list(json.loads(document_text(document))) == ["Version", "Id", "Statement"]
    assert list(json.loads(document_text(document))["Statement"]) == ["Effect", "Condition", "X"]


def test_exporting_again_writes_nothing_and_removes_what_is_gone(account, out):
    export_policies(account, str(out))
    (out / "README.md").write_text("mine")
    (out / ".git").mkdir()
    (out / ".git" / "x.json").write_text("{}")
    first = files(out)
    assert export_policies(account, str(out)) == {"written": 0, "unchanged": 6,
                                                       "removed": 0}
    assert files(out) == first
    account.call("DeleteRolePolicy", {"RoleName": "app", "PolicyName": "Write"})
    account.call("DeleteGroupPolicy", {"GroupName": "Developers", "PolicyName": "Queues"})
    assert export_policies(account, str(out))["removed"] == 2
    assert not (out / "groups").exists()          # emptied folders go too
    assert (out / "README.md").read_text() == "mine"
    assert (out / ".git" / "x.json").exists()


def test_importing_an_unchanged_export_changes_nothing(account, out):
    export_policies(account, str(out))
    before = (open(account.path, "rb").read(), len(account.audit_trail()))
    assert import_policies(account, str(out)) == []
    assert (open(account.path, "rb").read(), len(account.audit_trail())) == before


def edit(path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(document_text(document))


def test_importing_edits_goes_through_the_iam_operations(account, out):
    export_policies(account, str(out))
    edit(out / "users/alice/inline/Read.json",
         lambda d: d["Statement"][0].update(Action="s3:GetObjectVersion"))
    edit(out / "roles/app/trust-policy.json",
         lambda d: d["Statement"][0].update(Principal={"Service": "lambda.amazonaws.com"}))
    edit(out / "managed/team/a/Boundary.json",
         lambda d: d["Statement"][0].update(Action="s3:Get*"))
    (out / "managed/New.json").write_text(text(SCRAMBLED))
    (out / "roles/app/inline/Extra.json").write_text(text(SCRAMBLED))
    resource = out / "resources/arn%3Aaws%3As3%3A%3A%3Abucket-name.json"
    edit(resource, lambda d: d["Statement"][0].update(Action="s3:ListBucket", Resource=BUCKET))
    done = import_policies(account, str(out))
    assert done == ["CreatePolicy managed/New.json",
                    "CreatePolicyVersion managed/team/a/Boundary.json",
                    "PutResourcePolicy resources/arn%3Aaws%3As3%3A%3A%3Abucket-name.json",
                    "PutRolePolicy roles/app/inline/Extra.json",
                    "UpdateAssumeRolePolicy roles/app/trust-policy.json",
                    "PutUserPolicy users/alice/inline/Read.json"]
    view = account.view()
    assert json.loads(view.get("user", "alice")["InlinePolicies"]["Read"])["Statement"][0][
        "Action"] == "s3:GetObjectVersion"
    boundary = view.managed_policy(f"arn:aws:iam::{ACCOUNT}:policy/team/a/Boundary")
    assert boundary["DefaultVersionId"] == "v2"
    assert view.managed_policy(f"arn:aws:iam::{ACCOUNT}:policy/New")["Path"] == "/"
    assert "lambda" in view.get("role", "app")["AssumeRolePolicyDocument"]
    assert "s3:ListBucket" in account.get_resource_policy(BUCKET)["Policy"]
    events = [r["eventName"] for r in account.audit_trail()[:6]]
    assert sorted(events) == sorted(["CreatePolicy", "CreatePolicyVersion", "PutBucketPolicy",
                                     "PutRolePolicy", "UpdateAssumeRolePolicy",
                                     "PutUserPolicy"])
    # the directory matches the store: an export rewrites only the two files written
    # by hand, in its own layout of the bytes
    assert export_policies(account, str(out))["written"] == 2


def test_a_policy_at_its_version_quota_loses_its_oldest_other_version(account, out):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/team/a/Boundary"
    for action in ("s3:A", "s3:B", "s3:C", "s3:D"):
        account.call("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": text(
            {"Effect": "Allow", "Action": action, "Resource": "*"})})
    export_policies(account, str(out))   # the default is still v1
    edit(out / "managed/team/a/Boundary.json",
         lambda d: d["Statement"][0].update(Action="s3:E"))
    import_policies(account, str(out))
    versions = account.view().managed_policy(arn)["Versions"]
    assert [v["VersionId"] for v in versions] == ["v1", "v3", "v4", "v5", "v6"]
    assert [v["VersionId"] for v in versions if v["IsDefaultVersion"]] == ["v6"]


def test_a_bad_file_changes_nothing_and_is_named(account, out):
    export_policies(account, str(out))
    edit(out / "users/alice/inline/Read.json", lambda d: d.update(Id="changed"))
    (out / "users/alice/inline/Broken.json").write_text("{")
    (out / "users/alice/stray.json").write_text("{}")
    (out / "roles/app/inline/List.json").write_text("[]")
    before = open(account.path, "rb").read()
    with pytest.raises(InvalidInput) as caught:
        import_policies(account, str(out))
    message = caught.value.message
    assert "users/alice/inline/Broken.json: not JSON" in message
    assert "users/alice/stray.json: not a place of the layout" in message
    assert "roles/app/inline/List.json: not a policy document" in message
    assert open(account.path, "rb").read() == before


def test_a_refusal_from_the_store_undoes_the_files_before_it(account, out):
    export_policies(account, str(out))
    edit(out / "groups/Developers/inline/Queues.json", lambda d: d.update(Id="new"))
    (out / "users/nobody/inline").mkdir(parents=True)
    (out / "users/nobody/inline/X.json").write_text(text(SCRAMBLED))
    before = (open(account.path, "rb").read(), len(account.audit_trail()))
    err = error(lambda: import_policies(account, str(out)))
    assert (err.code, err.message) == (
        "NoSuchEntity", "users/nobody/inline/X.json: The user with name nobody cannot be found.")
    assert (open(account.path, "rb").read(), len(account.audit_trail())) == before


def test_an_invalid_policy_is_refused_in_the_stores_words(account, out):
    export_policies(account, str(out))
    (out / "roles/app/trust-policy.json").write_text(text(
        {"Effect": "Allow", "Action": "sts:AssumeRole"}))
    err = error(lambda: import_policies(account, str(out)))
    assert err.code == "MalformedPolicyDocument"
    assert err.message.startswith("roles/app/trust-policy.json: ")


def test_the_caller_needs_the_permissions_each_change_needs(account, out):
    export_policies(account, str(out))
    edit(out / "users/alice/inline/Read.json", lambda d: d.update(Id="new"))
    err = error(lambda: import_policies(account, str(out), account.identity("alice")))
    assert err.code == "AccessDenied" and "iam:PutUserPolicy" in err.message


def test_export_as_a_caller_shows_what_it_may_read(account, out):
    err = error(lambda: export_policies(account, str(out), account.identity("alice")))
    assert err.code == "AccessDenied" and "iam:GetAccountAuthorizationDetails" in err.message
