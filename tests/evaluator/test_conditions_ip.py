"""IpAddress and NotIpAddress."""

import pytest

from evaluator import ALLOWED, IMPLICIT_DENY

# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
# (IP address condition operators) "the request must come from the IP range
# 203.0.113.0 to 203.0.113.255" — the page's example, account id filled in.
SOURCE_IP = {
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "iam:*AccessKey*",
        "Resource": "arn:aws:iam::111122223333:user/*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
    },
}


@pytest.mark.parametrize("source_ip, expected", [
    ("203.0.113.0", ALLOWED),
    ("203.0.113.7", ALLOWED),
    ("203.0.113.255", ALLOWED),
    ("203.0.112.255", IMPLICIT_DENY),
    ("203.0.114.0", IMPLICIT_DENY),
    ("2001:db8::1", IMPLICIT_DENY),
])
def test_source_ip_example(decide, source_ip, expected):
    got = decide(SOURCE_IP, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice",
                 {"aws:SourceIp": source_ip})
    assert got.decision == expected


def test_source_ip_absent_is_an_implicit_deny(decide):
    # Same page: "The aws:SourceIp key is always present in the request context, except
    # when the requester uses a VPC endpoint to make the request. In this case, the
    # condition returns false and the request is implicitly denied by this statement."
    got = decide(SOURCE_IP, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice")
    assert got.decision == IMPLICIT_DENY
    assert got.missing == ("aws:SourceIp",)


# Same page, the mixed IPv4 / IPv6 example:
# "aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]
@pytest.mark.parametrize("source_ip, expected", [
    ("203.0.113.9", True),
    ("2001:db8:1234:5678::1", True),
    ("2001:DB8:1234:5678:ffff:ffff:ffff:ffff", True),
    ("2001:db8:1234:5679::1", False),
    ("198.51.100.1", False),
])
def test_mixed_ipv4_ipv6_example(holds, source_ip, expected):
    condition = {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}
    assert holds(condition, {"aws:SourceIp": source_ip}) is expected


# Same page: "If you specify an IP address without the associated routing prefix, IAM
# uses the default prefix value of /32."  And an IPv4 address is never inside an IPv6
# range, nor the other way round.
@pytest.mark.parametrize("policy_value, source_ip, expected", [
    ("203.0.113.5", "203.0.113.5", True),
    ("203.0.113.5", "203.0.113.6", False),
    ("203.0.113.5", "203.0.113.4", False),
    ("2001:DB8::1", "2001:db8::1", True),
    ("::/0", "203.0.113.5", False),
    ("0.0.0.0/0", "2001:db8::1", False),
    ("0.0.0.0/0", "203.0.113.5", True),
])
def test_prefixes_and_families(holds, policy_value, source_ip, expected):
    assert holds({"IpAddress": {"aws:SourceIp": policy_value}},
                 {"aws:SourceIp": source_ip}) is expected


# Operator table: NotIpAddress is "All IP addresses except the specified IP address or
# range"; with the key absent it holds (operators page, "Important" box).
@pytest.mark.parametrize("context, expected", [
    ({"aws:SourceIp": "203.0.113.7"}, False),
    ({"aws:SourceIp": "198.51.100.7"}, True),
    ({"aws:SourceIp": "2001:db8::7"}, True),
    ({}, True),
])
def test_not_ip_address(holds, context, expected):
    assert holds({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, context) is expected


def test_request_value_that_is_not_an_ip_does_not_match(holds):
    assert not holds({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}, {"aws:SourceIp": "localhost"})


# Same page: "The value must be in the standard CIDR format".  DESIGN.md's own example
# message: "Statement[1].Condition.IpAddress.aws:SourceIp: '10.0.0.300' is not an IP address".
@pytest.mark.parametrize("bad", ["10.0.0.300", "203.0.113.0/33", "2001:DB8::/129",
                                 "203.0.113.*", "not-an-ip", ""])
def test_value_that_is_not_cidr_is_rejected(invalid, bad):
    error = invalid({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", bad]}})
    assert error.path == "Statement[0].Condition.IpAddress.aws:SourceIp"
    assert str(error).startswith("Statement[0].Condition.IpAddress.aws:SourceIp: ")
    assert f"'{bad}'" in error.message
