"""store.lint.conditions: condition keys and operators against the catalog's key types.

Sources: the operators page
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
single- vs multivalued keys
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
aws:TagKeys is multivalued and needs ForAnyValue / ForAllValues), the global keys page
(aws:SourceIp holds public addresses only), and the Access Analyzer check reference.
"""

import pytest
from test_lint import allow, codes, deny, findings, policy


def condition(block, action="s3:GetObject", effect=allow, resource="*"):
    return policy(effect(action, resource, Condition=block))


@pytest.mark.parametrize("key, code", [
    ("aws:NoSuchKey", "INVALID_GLOBAL_CONDITION_KEY"),
    ("aws:ARN", "UNSUPPORTED_GLOBAL_CONDITION_KEY"),
    ("s3:NoSuchKey", "INVALID_SERVICE_CONDITION_KEY"),
    ("nosuchservice:key", "INVALID_SERVICE"),
    ("aws:ResourceTag/", "MISSING_TAG_KEY_IN_CONDITION"),
    ("aws:RequestTag", "MISSING_TAG_KEY_IN_CONDITION"),
])
def test_a_key_that_does_not_exist_is_an_error(key, code):
    [finding] = findings(condition({"StringEquals": {key: "x"}}), code)
    assert finding.finding_type == "ERROR"
    assert finding.path == ("Statement", 0, "Condition", "StringEquals", key)


@pytest.mark.parametrize("key", [
    "aws:PrincipalTag/team", "aws:username", "AWS:USERNAME", "s3:authType",
    "token.actions.githubusercontent.com:sub",   # an OIDC provider's own key
])
def test_a_key_that_exists_is_not_flagged(key):
    assert codes(condition({"StringEquals": {key: "x"}})) == set()


@pytest.mark.parametrize("operator, key, value", [
    ("StringEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z"),   # a string operator, a date key
    ("StringEquals", "aws:SecureTransport", "true"),               # the reference's own example
    ("NumericLessThan", "aws:CurrentTime", "5"),
    ("ArnLike", "aws:SourceAccount", "arn:aws:iam::1:root"),
    ("DateGreaterThan", "s3:max-keys", "2026-01-01"),
])
def test_an_operator_of_another_type_than_the_key_is_a_type_mismatch(operator, key, value):
    [finding] = findings(condition({operator: {key: value}}, "s3:ListBucket",
                                   resource="arn:aws:s3:::b"), "TYPE_MISMATCH")
    assert finding.finding_type == "WARNING"
    assert finding.details.startswith("Use the operator type ")


@pytest.mark.parametrize("operator, key, value", [
    ("DateGreaterThan", "aws:CurrentTime", "2026-01-01T00:00:00Z"),
    ("NumericLessThan", "aws:EpochTime", "1767225600"),            # date or numeric
    ("DateLessThan", "aws:EpochTime", "1767225600"),
    ("StringLike", "aws:PrincipalArn", "arn:aws:iam::*:role/admin-*"),  # ARN keys take strings
    ("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/admin-*"),
    ("BoolIfExists", "aws:MultiFactorAuthPresent", "true"),
    ("NumericLessThanEquals", "s3:max-keys", "10"),
    ("Null", "aws:CurrentTime", "false"),
])
def test_an_operator_of_the_keys_type_fits(operator, key, value):
    assert "TYPE_MISMATCH" not in codes(condition({operator: {key: value}}, "s3:ListBucket",
                                                  resource="arn:aws:s3:::b"))


def test_a_single_valued_operator_on_a_multivalued_key_misses_its_qualifier():
    text = condition({"StringEquals": {"aws:TagKeys": "team"}}, "iam:TagUser")
    [finding] = findings(text, "MISSING_QUALIFIER")
    assert finding.finding_type == "ERROR"
    assert finding.fix == "Use ForAnyValue:StringEquals or ForAllValues:StringEquals."
    assert codes(condition({"ForAllValues:StringEquals": {"aws:TagKeys": "team"}},
                           "iam:TagUser")) == set()


def test_for_all_values_on_a_single_valued_key_is_a_security_warning():
    text = condition({"ForAllValues:StringEquals": {"aws:RequestedRegion": "eu-west-1"}})
    [finding] = findings(text, "FORALLVALUES_WITH_SINGLE_VALUED_KEY")
    assert finding.finding_type == "SECURITY_WARNING"
    assert codes(condition({"StringEquals": {"aws:RequestedRegion": "eu-west-1"}})) == set()


def test_a_wildcard_under_an_equals_operator_is_a_warning():
    text = condition({"StringEquals": {"aws:PrincipalTag/job": "admin-*"}})
    [finding] = findings(text, "WILDCARD_WITHOUT_LIKE_OPERATOR")
    assert finding.fix == "Use StringLike for wildcards."
    assert codes(condition({"StringLike": {"aws:PrincipalTag/job": "admin-*"}})) == set()
    assert codes(condition({"StringEquals": {"aws:PrincipalTag/job": "a${*}"}})) == set()


@pytest.mark.parametrize("operator, values, code", [
    ("IpAddress", ["10.0.0.0/8", "192.168.0.0/16"], "PRIVATE_IP_ADDRESS"),
    ("IpAddress", ["10.0.0.0/8", "203.0.113.0/24"], "PRIVATE_IP_ADDRESS_SUBSET"),
    ("NotIpAddress", ["172.16.0.0/12"], "PRIVATE_NOT_IP_ADDRESS"),
    ("NotIpAddress", ["172.16.0.0/12", "198.51.100.7"], "PRIVATE_NOT_IP_ADDRESS_SUBSET"),
])
def test_private_addresses_for_aws_source_ip(operator, values, code):
    assert code in codes(condition({operator: {"aws:SourceIp": values}}))


def test_public_addresses_for_aws_source_ip_and_private_ones_for_vpc_source_ip_are_fine():
    assert codes(condition({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}})) == set()
    assert codes(condition({"IpAddress": {"aws:VpcSourceIp": ["10.0.0.0/8"]}})) == set()


def test_one_key_twice_in_different_case_is_an_error():
    text = condition({"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}})
    [finding] = findings(text, "DUPLICATE_KEYS_WITH_DIFFERENT_CASE")
    assert finding.path[-1] == "AWS:UserName"
    assert codes(condition({"StringEquals": {"aws:username": "a"},
                            "StringLike": {"AWS:UserName": "b*"}})) == set()


def test_an_empty_condition_block_is_a_suggestion():
    assert "EMPTY_OBJECT_CONDITION" in codes(condition({}))
    assert "EMPTY_OBJECT_CONDITION" not in codes(policy(allow()))


def test_a_service_key_the_actions_never_carry_names_those_actions():
    text = condition({"StringLike": {"s3:prefix": "home/*"}}, ["s3:ListBucket", "s3:GetObject"],
                     resource=["arn:aws:s3:::b", "arn:aws:s3:::b/*"])
    [finding] = findings(text, "UNSUPPORTED_ACTION_FOR_CONDITION_KEY")
    assert finding.finding_type == "ERROR"
    assert finding.details.startswith("The following actions: s3:GetObject are not supported "
                                      "by the condition key s3:prefix.")
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(condition(
        {"StringLike": {"s3:prefix": "home/*"}}, "s3:ListBucket", resource="arn:aws:s3:::b"))


def test_request_tag_keys_are_checked_per_action_and_other_global_keys_are_not():
    text = condition({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}, "s3:GetObject")
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" in codes(text)
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(
        condition({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}, "iam:CreateUser"))
    assert codes(condition({"Bool": {"aws:SecureTransport": "true"}}, "s3:GetObject")) == set()


def test_if_exists_and_null_ask_about_absence_themselves():
    for block in ({"StringLikeIfExists": {"s3:prefix": "home/*"}}, {"Null": {"s3:prefix": "true"}}):
        assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(condition(block, "s3:GetObject"))


def test_a_wildcard_entry_is_flagged_only_when_none_of_its_actions_carries_the_key():
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(
        condition({"StringLike": {"s3:prefix": "home/*"}}, "s3:List*"))
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" in codes(
        condition({"StringLike": {"s3:prefix": "home/*"}}, "s3:GetObject*"))


def test_resource_tag_on_a_service_action_that_has_no_tags_deny_and_allow():
    block = {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}
    actions = ["ec2:TerminateInstances", "ec2:DescribeInstances"]
    [finding] = findings(condition(block, actions, deny),
                         "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE")
    assert finding.finding_type == "SECURITY_WARNING"
    assert "prefixes can be overly permissive: ec2." in finding.details
    [finding] = findings(condition(block, actions),
                         "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE")
    assert finding.finding_type == "SUGGESTION"
    assert codes(condition(block, "ec2:TerminateInstances", deny)) == set()


def test_resource_tag_with_not_action():
    block = {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}
    text = policy({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": block})
    assert "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE" in codes(text)
    text = policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": block})
    assert "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE" in codes(text)
    text = policy({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
                   "Condition": {"StringEquals": {"aws:PrincipalTag/team": "x"}}})
    assert "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE" not in codes(text)
