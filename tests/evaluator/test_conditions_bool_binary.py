"""Bool and BinaryEquals."""

import base64

import pytest

from evaluator import ALLOWED, EXPLICIT_DENY, ContextValue

# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (Boolean condition operators: "deny all S3 actions on a bucket and its contents if the
# request is not over SSL"; "This policy does not allow any actions", so an Allow-all
# statement is added to see the Deny take effect.)
SECURE_TRANSPORT = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "BooleanExample",
            "Action": "s3:*",
            "Effect": "Deny",
            "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
        {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
    ],
}


@pytest.mark.parametrize("resource, secure, expected", [
    ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv", False, EXPLICIT_DENY),
    ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv", "false", EXPLICIT_DENY),
    ("arn:aws:s3:::DOC-EXAMPLE-BUCKET", False, EXPLICIT_DENY),
    ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv", True, ALLOWED),
    ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv", "true", ALLOWED),
    ("arn:aws:s3:::OTHER-BUCKET/report.csv", False, ALLOWED),
])
def test_secure_transport_deny_example(decide, resource, secure, expected):
    got = decide(SECURE_TRANSPORT, "s3:GetObject", resource, {"aws:SecureTransport": secure})
    assert got.decision == expected
    if expected == EXPLICIT_DENY:
        assert [m.statement.sid for m in got.deciding()] == ["BooleanExample"]


def test_secure_transport_absent_means_the_deny_does_not_apply(decide):
    # Same page, "Important" box: a key not present in the request context -> false.
    got = decide(SECURE_TRANSPORT, "s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/x")
    assert got.decision == ALLOWED
    assert got.missing == ("aws:SecureTransport",)


@pytest.mark.parametrize("policy_value, request_value, expected", [
    ("true", True, True),
    ("true", False, False),
    ("false", False, True),
    ("false", "true", False),
])
def test_bool_compares_true_and_false(holds, policy_value, request_value, expected):
    condition = {"Bool": {"aws:MultiFactorAuthPresent": policy_value}}
    assert holds(condition, {"aws:MultiFactorAuthPresent": request_value}) is expected


@pytest.mark.parametrize("bad", ["yes", "no", "maybe", ""])
def test_bool_value_that_is_not_true_or_false_is_rejected(invalid, bad):
    error = invalid({"Bool": {"aws:SecureTransport": bad}})
    assert error.path == "Statement[0].Condition.Bool.aws:SecureTransport"
    assert str(error).startswith(error.path + ": ")


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (Binary condition operators) "It compares the value of the specified key byte for byte
# against a base-64 encoded representation of the binary value in the policy."
# The page's value "QmluYXJ5VmFsdWVJbkJhc2U2NA==" is base64 of b"BinaryValueInBase64".
DOC_BINARY = "QmluYXJ5VmFsdWVJbkJhc2U2NA=="


@pytest.mark.parametrize("request_value, expected", [
    (DOC_BINARY, True),
    (base64.b64encode(b"BinaryValueInBase64").decode(), True),
    (base64.b64encode(b"BinaryValueInBase65").decode(), False),
    (base64.b64encode(b"binaryvalueinbase64").decode(), False),  # byte for byte
    (base64.b64encode(b"BinaryValueInBase64\x00").decode(), False),
])
def test_binary_equals_example(holds, request_value, expected):
    condition = {"BinaryEquals": {"aws:key": DOC_BINARY}}
    context = {"aws:key": ContextValue((request_value,), False, "binary")}
    assert holds(condition, context) is expected


def test_binary_equals_with_the_key_absent_is_false(decide):
    got = decide({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"BinaryEquals": {"aws:key": DOC_BINARY}}}]}, "s3:GetObject")
    assert not got.allowed
    assert got.missing == ("aws:key",)


@pytest.mark.parametrize("bad", ["not base64!", "QmluYXJ5VmFsdWVJbkJhc2U2NA", "====", "Q"])
def test_binary_value_that_is_not_base64_is_rejected(invalid, bad):
    error = invalid({"BinaryEquals": {"aws:key": bad}})
    assert error.path == "Statement[0].Condition.BinaryEquals.aws:key"
    assert f"'{bad}'" in error.message
