"""``iamtui iam OPERATION --flags``, run as installed: the AWS CLI's names, flags, value
syntaxes, pagination, output and errors.

Sources: the AWS CLI user guide — shorthand syntax (cli-usage-shorthand.html), parameters
from a file (cli-usage-parameters-file.html), pagination (cli-usage-pagination.html),
return codes (cli-usage-returncodes.html) — and the command reference's names
(https://awscli.amazonaws.com/v2/documentation/api/latest/reference/iam/index.html).
"""

import json
import subprocess
import urllib.parse

import pytest

from store import Store
from store.model import service
from store.operations import OPERATIONS
from tui.awscli import documents, paramfiles, shorthand
from tui.awscli.names import cli_name

POLICY = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::bucket-name/*"}]}


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr + done.stdout


# --- names ------------------------------------------------------------------------

# API name -> the AWS CLI command (iam and sts command reference pages)
AWSCLI_NAMES = {
    "CreateUser": "create-user",
    "GetAccountAuthorizationDetails": "get-account-authorization-details",
    "ListMFADevices": "list-mfa-devices",
    "CreateSAMLProvider": "create-saml-provider",
    "CreateOpenIDConnectProvider": "create-open-id-connect-provider",
    "GetSSHPublicKey": "get-ssh-public-key",
    "UploadSSHPublicKey": "upload-ssh-public-key",
    "ListOpenIDConnectProviderTags": "list-open-id-connect-provider-tags",
    "AssumeRoleWithSAML": "assume-role-with-saml",
    "GetCallerIdentity": "get-caller-identity",
    "SAMLMetadataDocument": "saml-metadata-document",      # --saml-metadata-document
    "ClientIDList": "client-id-list",                      # --client-id-list
    "ListWebACLs": "list-web-acls",                        # waf: a pluralized acronym
}


@pytest.mark.parametrize("api,cli", sorted(AWSCLI_NAMES.items()))
def test_names_as_the_aws_cli_spells_them(api, cli):
    assert cli_name(api) == cli


def test_every_registered_iam_operation_is_a_command(iamtui):
    done = iamtui("iam", "--help")
    assert done.returncode == 0
    listed = set(done.stdout.split("operations:", 1)[1].replace(",", " ").split())
    expected = {cli_name(name) for name, spec in OPERATIONS.items() if spec.service == "iam"}
    assert "create-user" in expected
    assert listed == expected


def test_sts_command_only_with_sts_operations(iamtui):
    has_sts = any(spec.service == "sts" for spec in OPERATIONS.values())
    done = iamtui("--help")
    assert done.returncode == 0
    assert ("sts " in done.stdout) == has_sts


# --- a user's life ----------------------------------------------------------------

def test_create_get_list_delete_user(iamtui, ok):
    created = ok("iam", "create-user", "--user-name", "alice", "--path", "/staff/")
    assert created["User"]["UserName"] == "alice"
    assert created["User"]["Arn"].endswith(":user/staff/alice")
    assert ok("iam", "get-user", "--user-name", "alice")["User"] == created["User"]
    assert [u["UserName"] for u in ok("iam", "list-users")["Users"]] == ["alice"]
    deleted = iamtui("iam", "delete-user", "--user-name", "alice")
    assert (deleted.returncode, deleted.stdout) == (0, "")   # no members: no output
    assert ok("iam", "list-users") == {"Users": []}


def test_output_is_the_aws_cli_json(iamtui):
    done = iamtui("iam", "create-user", "--user-name", "zoe", "--tags", "Key=city,Value=Zürich")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('{\n    "User": {\n        "Path": "/",\n')
    assert '"Value": "Zürich"' in done.stdout   # ensure_ascii=False


def test_store_from_iamtui_db_when_no_db_flag(iamtui, env):
    done = iamtui("iam", "create-user", "--user-name", "carol", db=False)
    assert done.returncode == 0, done.stderr
    assert Store(env["IAMTUI_DB"]).call("GetUser", {"UserName": "carol"})


def test_global_options_after_the_operation(iamtui, db):
    done = iamtui("iam", "create-user", "--user-name", "erin", "--db", db, db=False)
    assert done.returncode == 0, done.stderr
    assert '"erin"' in iamtui("iam", "get-user", "--user-name", "erin").stdout


# --- value syntaxes ---------------------------------------------------------------

def test_tags_shorthand_and_list_of_strings(ok):
    ok("iam", "create-user", "--user-name", "alice",
       "--tags", "Key=team,Value=blue", "Key=cost,Value=1")
    assert ok("iam", "list-user-tags", "--user-name", "alice")["Tags"] == [
        {"Key": "team", "Value": "blue"}, {"Key": "cost", "Value": "1"}]
    ok("iam", "untag-user", "--user-name", "alice", "--tag-keys", "team", "cost")
    assert ok("iam", "list-user-tags", "--user-name", "alice")["Tags"] == []


def test_tags_as_json(ok):
    ok("iam", "create-user", "--user-name", "alice",
       "--tags", '[{"Key": "team", "Value": "a=b c"}]')
    assert ok("iam", "list-user-tags", "--user-name", "alice")["Tags"] == [
        {"Key": "team", "Value": "a=b c"}]


def test_policy_document_from_file_prints_as_json(ok, tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(POLICY, indent=2))
    ok("iam", "create-user", "--user-name", "alice")
    ok("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "Read",
       "--policy-document", f"file://{path}")
    got = ok("iam", "get-user-policy", "--user-name", "alice", "--policy-name", "Read")
    assert got["PolicyDocument"] == POLICY


def test_managed_policy_document_decoded(ok, tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(POLICY))
    arn = ok("iam", "create-policy", "--policy-name", "Read",
             "--policy-document", f"file://{path}")["Policy"]["Arn"]
    version = ok("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1")
    assert version["PolicyVersion"]["Document"] == POLICY


def test_url_encoded_documents_decoded_as_botocore_does():
    # IAM answers with URL-encoded documents (API_GetUserPolicy.html, PolicyDocument)
    response = {"UserName": "alice", "PolicyName": "Read",
                "PolicyDocument": urllib.parse.quote(json.dumps(POLICY))}
    decoded = documents.decode(service("iam"), "GetUserPolicy", response)
    assert decoded["PolicyDocument"] == POLICY
    assert documents.decode(service("iam"), "GetUserPolicy",
                            {**response, "PolicyDocument": "not json"})["PolicyDocument"] \
        == "not json"


def test_boolean_flag_and_its_negation(ok, tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(POLICY))
    arn = ok("iam", "create-policy", "--policy-name", "Read",
             "--policy-document", f"file://{path}")["Policy"]["Arn"]
    ok("iam", "create-policy-version", "--policy-arn", arn,
       "--policy-document", f"file://{path}", "--no-set-as-default")
    assert ok("iam", "get-policy", "--policy-arn", arn)["Policy"]["DefaultVersionId"] == "v1"
    ok("iam", "create-policy-version", "--policy-arn", arn,
       "--policy-document", f"file://{path}", "--set-as-default")
    assert ok("iam", "get-policy", "--policy-arn", arn)["Policy"]["DefaultVersionId"] == "v3"


def test_cli_input_json_text_file_and_flags_override(ok, tmp_path):
    ok("iam", "create-user", "--cli-input-json", '{"UserName": "alice", "Path": "/a/"}')
    assert ok("iam", "get-user", "--user-name", "alice")["User"]["Path"] == "/a/"
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"UserName": "bob", "Path": "/a/"}))
    ok("iam", "create-user", "--cli-input-json", f"file://{request}", "--path", "/b/")
    assert ok("iam", "get-user", "--user-name", "bob")["User"]["Path"] == "/b/"


def test_shorthand_forms():
    assert shorthand.parse("Key=team,Value=blue") == {"Key": "team", "Value": "blue"}
    assert shorthand.parse("Values=a,b,Key=k") == {"Values": ["a", "b"], "Key": "k"}
    assert shorthand.parse("A=[x,y],B={C=z}") == {"A": ["x", "y"], "B": {"C": "z"}}
    assert shorthand.parse("""Key="a,b",Value='c d'""") == {"Key": "a,b", "Value": "c d"}
    with pytest.raises(shorthand.ShorthandError, match="Expected: '='"):
        shorthand.parse("team")


def test_fileb_reads_bytes(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(b"\x00\xff")
    assert paramfiles.load(f"fileb://{path}", "--x") == b"\x00\xff"
    assert paramfiles.load("plain", "--x") == "plain"


# --- errors -----------------------------------------------------------------------

def test_no_such_entity_as_the_aws_cli_words_it(iamtui):
    done = iamtui("iam", "get-user", "--user-name", "nobody")
    assert done.returncode == 254
    assert done.stdout == ""
    assert done.stderr == ("\nAn error occurred (NoSuchEntity) when calling the GetUser "
                           "operation: The user with name nobody cannot be found.\n")


PARAMETER_ERRORS = {
    "unknown flag": (["create-user", "--user-name", "a", "--colour", "red"],
                     "unrecognized arguments: --colour"),
    "abbreviated flag": (["create-user", "--user-nam", "a"], "--user-name"),
    "missing required flag": (["create-user"], "required: --user-name"),
    "bad JSON": (["create-user", "--user-name", "a", "--tags", '[{"Key":'],
                 "Error parsing parameter '--tags': Invalid JSON:"),
    "bad shorthand": (["create-user", "--user-name", "a", "--tags", "team"],
                      "Error parsing parameter '--tags': Expected: '='"),
    "unreadable file": (["create-user", "--user-name", "file:///no/such/file"],
                        "Unable to load paramfile file:///no/such/file"),
    "unknown member in --cli-input-json": (
        ["create-user", "--cli-input-json", '{"UserName": "a", "Colour": "red"}'],
        'Parameter validation failed:\nUnknown parameter in input: "Colour"'),
    "bad --cli-input-json": (["create-user", "--cli-input-json", "{"],
                             "Error parsing parameter 'cli-input-json': Invalid JSON"),
    "unknown operation": (["create-usr"], "invalid choice: 'create-usr'"),
    "bad starting token": (["list-users", "--starting-token", "???"], "Bad starting token"),
}


@pytest.mark.parametrize("case", sorted(PARAMETER_ERRORS))
def test_parameter_errors_exit_252(iamtui, case):
    args, words = PARAMETER_ERRORS[case]
    done = iamtui("iam", *args)
    assert done.returncode == 252, done.stderr
    assert words in done.stderr
    assert done.stdout == ""
    no_traceback(done)


def test_constraint_violation_is_the_service_answering(iamtui):
    done = iamtui("iam", "create-user", "--user-name", "a b")
    assert done.returncode == 254
    assert "An error occurred (ValidationError) when calling the CreateUser operation: " \
           "1 validation error detected" in done.stderr


def test_unusable_store_exits_255(iamtui, db):
    db.write_text('{"not": "a store"}')
    done = iamtui("iam", "list-users")
    assert done.returncode == 255
    assert "not an iamtui store" in done.stderr
    no_traceback(done)
    assert db.read_text() == '{"not": "a store"}'


def test_reader_gone_is_no_traceback(store, command, env):
    # `iamtui iam list-users | head -0`: the pipe is closed before anything is written.
    # Buffered output (the usual case) meets the closed pipe only when it is flushed.
    buffered = {key: value for key, value in env.items() if key != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([*command, "iam", "list-users"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=buffered)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert stderr == ""


# --- pagination ---------------------------------------------------------------------

@pytest.fixture
def many_users(store):
    """150 users (more than a page of 100), made through the store directly."""
    names = [f"user{i:03}" for i in range(150)]
    with store.database.transaction():
        for name in names:
            store.call("CreateUser", {"UserName": name})
    return names


def test_list_is_every_page_merged(ok, many_users):
    response = ok("iam", "list-users")
    assert [u["UserName"] for u in response["Users"]] == many_users
    assert set(response) == {"Users"}   # no IsTruncated, Marker or NextToken


def test_max_items_and_starting_token_walk_everything_once(ok, many_users):
    seen, token, pages = [], None, 0
    while True:
        args = ["iam", "list-users", "--max-items", "40", "--page-size", "7"]
        response = ok(*args, *(["--starting-token", token] if token else []))
        pages += 1
        seen += [u["UserName"] for u in response["Users"]]
        assert len(response["Users"]) <= 40
        token = response.get("NextToken")
        if token is None:
            break
    assert seen == many_users
    assert pages == 4


# --- callers ------------------------------------------------------------------------

def test_as_a_user_without_permission_is_denied(iamtui, store):
    store.call("CreateUser", {"UserName": "alice"})
    done = iamtui("--as", "alice", "iam", "list-users")
    assert done.returncode == 254
    assert done.stderr.startswith(
        "\nAn error occurred (AccessDenied) when calling the ListUsers operation: User: "
        "arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers")


def test_as_an_administrator_by_arn_is_allowed(ok, store):
    store.call("CreateUser", {"UserName": "admin"})
    store.call("AttachUserPolicy", {"UserName": "admin",
                                    "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})
    ok("--as", "arn:aws:iam::123456789012:user/admin", "iam", "create-user",
       "--user-name", "bob")
    assert store.call("GetUser", {"UserName": "bob"})["User"]["UserName"] == "bob"


def test_as_an_unknown_principal(iamtui, store):
    done = iamtui("--as", "mallory", "iam", "list-users")
    assert done.returncode == 255
    assert "--as mallory: The user with name mallory cannot be found." in done.stderr
    no_traceback(done)
