"""``iamtui lint FILE|- [--kind ...] [--json]``, run as installed, in a subprocess.

Exit 0 with no ERROR or SECURITY_WARNING, 1 with one, 2 when the input cannot be read;
``--json`` prints Access Analyzer's ValidatePolicy response shape
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html).
"""

import json
import subprocess

CLEAN = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-name/*"}]},
    indent=2)
PASS_ROLE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}, indent=2)
NO_VERSION = json.dumps({"Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-name/*"}]})


def write(tmp_path, text, name="policy.json"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_clean_policy_exits_0(iamtui, tmp_path):
    done = iamtui("lint", write(tmp_path, CLEAN), db=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "no findings\n"


def test_a_warning_alone_exits_0_and_says_where(iamtui, tmp_path):
    path = write(tmp_path, NO_VERSION)
    done = iamtui("lint", path, db=False)
    assert done.returncode == 0
    first, fix, summary = done.stdout.splitlines()
    assert first.startswith(f"{path}:1:1: WARNING MISSING_VERSION: We recommend")
    assert fix == '    fix: Add "Version": "2012-10-17" before Statement.'
    assert summary == "1 finding: 1 warning"


def test_a_security_warning_exits_1(iamtui, tmp_path):
    done = iamtui("lint", write(tmp_path, PASS_ROLE), db=False)
    assert done.returncode == 1
    assert ":7:19: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE at Statement[0].Resource: " \
        in done.stdout


def test_an_invalid_document_is_an_error_and_exits_1(iamtui, tmp_path):
    done = iamtui("lint", write(tmp_path, '{"Version": "2012-10-17", "Statement": ['), db=False)
    assert done.returncode == 1
    assert "ERROR JSON_SYNTAX_ERROR" in done.stdout and "Traceback" not in done.stderr


def test_json_is_the_validate_policy_response(iamtui, tmp_path):
    done = iamtui("lint", "--json", write(tmp_path, PASS_ROLE), db=False)
    assert done.returncode == 1
    [finding] = json.loads(done.stdout)["findings"]
    assert finding["findingType"] == "SECURITY_WARNING"
    assert finding["issueCode"] == "PASS_ROLE_WITH_STAR_IN_RESOURCE"
    assert finding["learnMoreLink"].endswith("#access-analyzer-reference-policy-checks-"
                                             "security-warning-pass-role-with-star-in-resource")
    assert finding["locations"] == [{
        "path": [{"value": "Statement"}, {"index": 0}, {"value": "Resource"}],
        "span": {"start": {"line": 7, "column": 18, "offset": 127},
                 "end": {"line": 7, "column": 21, "offset": 130}}}]
    assert PASS_ROLE[127:130] == '"*"'


def test_standard_input_and_file_urls_and_the_kind(iamtui, command, env, tmp_path):
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"}]})
    done = subprocess.run([command[0], "lint", "--kind", "trust", "-"], input=trust,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout == "no findings\n", done.stdout
    done = iamtui("lint", f"file://{write(tmp_path, trust)}", db=False)   # identity by default
    assert done.returncode == 1 and "MISSING_RESOURCE" in done.stdout


def test_input_that_cannot_be_read_exits_2(iamtui, tmp_path):
    done = iamtui("lint", tmp_path / "missing.json", db=False)
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot read") and done.stdout == ""
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    assert iamtui("lint", tmp_path / "binary.json", db=False).returncode == 2
