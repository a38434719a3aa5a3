"""ForAllValues / ForAnyValue and multivalued context keys (aws:TagKeys,
dynamodb:requestedAttributes)."""

import pytest

from evaluator import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, ContextValue

THREAD = "arn:aws:dynamodb:us-east-1:111122223333:table/Thread"
EMPTY_SET = ContextValue((), True)


def thread_policy(effect, action, qualified_operator, attributes, allow_all=False):
    """The Thread-table policy of the set-operators page (Action given its service
    prefix, REGION / ACCOUNT-ID filled in); ``allow_all`` adds an Allow for everything,
    to see whether a Deny applies."""
    statements = [{"Effect": effect, "Action": action, "Resource": THREAD,
                   "Condition": {qualified_operator: {"dynamodb:requestedAttributes": attributes}}}]
    if allow_all:
        statements.append({"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
# (awsdocs/iam-user-guide doc_source/reference_policies_multi-value-conditions.md)
# "If the user makes a request ... to get the attributes PostDateTime and Message ...
# the request is allowed"; "if the user's request includes the ID attribute, the request
# fails"; PostDateTime and UserName: "There's no match for UserName, so the condition
# operator returns false".
@pytest.mark.parametrize("requested, expected", [
    (["PostDateTime", "Message"], ALLOWED),
    (["PostDateTime", "Message", "Tags"], ALLOWED),
    (["Tags"], ALLOWED),
    (["PostDateTime", "UserName"], IMPLICIT_DENY),
    (["ID", "Message"], IMPLICIT_DENY),
])
def test_for_all_values_get_item_example(decide, requested, expected):
    policy = thread_policy("Allow", "dynamodb:GetItem", "ForAllValues:StringLike",
                           ["PostDateTime", "Message", "Tags"])
    got = decide(policy, "dynamodb:GetItem", THREAD, {"dynamodb:requestedAttributes": requested})
    assert got.decision == expected


# Same page: PutItem with UserName, Message and PostDateTime -> "the condition is true;
# because the Effect element is set to Deny, the request is denied"; with just UserName
# "The condition returns false ... the request is not denied by this policy".
@pytest.mark.parametrize("requested, expected", [
    (["UserName", "Message", "PostDateTime"], EXPLICIT_DENY),
    (["ID"], EXPLICIT_DENY),
    (["UserName"], ALLOWED),
    (["UserName", "Message"], ALLOWED),
])
def test_for_any_value_put_item_example(decide, requested, expected):
    policy = thread_policy("Deny", "dynamodb:PutItem", "ForAnyValue:StringLike",
                           ["ID", "PostDateTime"], allow_all=True)
    got = decide(policy, "dynamodb:PutItem", THREAD, {"dynamodb:requestedAttributes": requested})
    assert got.decision == expected


# Same page: "If the key values in the request resolve to an empty data set ..., a
# condition operator modified by ForAllValues returns true, and a condition operator
# modified by ForAnyValue returns false."  And
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
# "The ForAllValues set operator also returns true if there are no context keys in the
# request."
@pytest.mark.parametrize("qualifier, expected", [("ForAllValues", True), ("ForAnyValue", False)])
@pytest.mark.parametrize("context", [{}, {"aws:TagKeys": EMPTY_SET}], ids=["absent", "empty-set"])
def test_absent_or_empty_key(holds, qualifier, expected, context):
    for operator in ("StringEquals", "StringLike", "StringNotEquals"):
        condition = {f"{qualifier}:{operator}": {"aws:TagKeys": ["environment", "cost-center"]}}
        assert holds(condition, context) is expected, operator


# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
# "DenyRestrictedTags": Deny iam:Tag* / iam:UnTag* when Null aws:TagKeys is false and
# ForAllValues:StringLike matches key1* / key2* / key3* ("every value in the request
# must match at least one value in the policy"); the Null check keeps a request without
# tag keys from being denied.
@pytest.mark.parametrize("tag_keys, expected", [
    (["key1-owner", "key3-cost"], EXPLICIT_DENY),
    (["key2"], EXPLICIT_DENY),
    (["key1-owner", "team"], ALLOWED),
    (["team"], ALLOWED),
    (None, ALLOWED),
    (EMPTY_SET, ALLOWED),
])
def test_deny_restricted_tags_example(decide, tag_keys, expected):
    policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "DenyRestrictedTags", "Effect": "Deny", "Action": ["iam:Tag*", "iam:UnTag*"],
         "Resource": ["*"],
         "Condition": {"Null": {"aws:TagKeys": "false"},
                       "ForAllValues:StringLike": {"aws:TagKeys": ["key1*", "key2*", "key3*"]}}},
        {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
    ]}
    context = {} if tag_keys is None else {"aws:TagKeys": tag_keys}
    got = decide(policy, "iam:TagUser", "arn:aws:iam::111122223333:user/alice", context)
    assert got.decision == expected


# Same page, the ForAllValues:StringNotLike "key1*" Deny: "all the tag key values in the
# request context must start with the prefix key1" (else denied).
@pytest.mark.parametrize("tag_keys, denied", [
    (["key1-a", "key1-b"], False),
    (["key1-a", "team"], False),
    (["team"], True),
    (["team", "owner"], True),
])
def test_for_all_values_string_not_like_example(holds, tag_keys, denied):
    condition = {"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}
    assert holds(condition, {"aws:TagKeys": tag_keys}) is denied


# Same page: Deny CreateSnapshot "if any snapshots are tagged with one of the tag keys
# specified in the policy, environment or webserver" (ForAnyValue:StringEquals).
@pytest.mark.parametrize("tag_keys, expected", [
    (["environment"], True),
    (["owner", "webserver"], True),
    (["owner", "cost-center"], False),
    (["Environment"], False),  # values keep StringEquals' case sensitivity
])
def test_for_any_value_string_equals(holds, tag_keys, expected):
    condition = {"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment", "webserver"]}}
    assert holds(condition, {"aws:TagKeys": tag_keys}) is expected


# A set operator applies the operator to each request value; with a negated operator,
# "each value matches none of the policy values".  Cases as tabulated for
# ForAnyValue:StringNotEquals by https://iam.cloudcopilot.io/resources/operators/ForAnyValue:StringNotEquals
@pytest.mark.parametrize("tag_keys, expected", [
    (["DataClass", "Owner"], False),
    (["Dept", "DataClass"], True),
    (["Dept", "SIC"], True),
])
def test_for_any_value_with_a_negated_operator(holds, tag_keys, expected):
    condition = {"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["DataClass", "Owner"]}}
    assert holds(condition, {"aws:TagKeys": tag_keys}) is expected


# Project decision (the evaluator's rule, from the single- vs multivalued page:
# "Multivalued context keys require a condition set operator"): an operator without
# ForAllValues / ForAnyValue never matches a multivalued key — even one holding a
# single value, even a pattern that matches anything.
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
@pytest.mark.parametrize("condition, tag_keys", [
    ({"StringEquals": {"aws:TagKeys": "environment"}}, ["environment"]),
    ({"StringEquals": {"aws:TagKeys": "environment"}}, ContextValue(("environment",), True)),
    ({"StringLike": {"aws:TagKeys": "*"}}, ["environment", "owner"]),
    ({"StringEqualsIgnoreCase": {"aws:TagKeys": ["environment", "owner"]}}, ["owner"]),
])
def test_single_valued_operator_never_matches_a_multivalued_key(holds, condition, tag_keys):
    assert not holds(condition, {"aws:TagKeys": tag_keys})


def test_the_same_value_single_valued_does_match(holds):
    # the contrast for the test above: one value, not a set
    assert holds({"StringEquals": {"aws:TagKeys": "environment"}},
                 {"aws:TagKeys": ContextValue(("environment",), False)})
