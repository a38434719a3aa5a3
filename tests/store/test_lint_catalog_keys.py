"""The condition keys the catalog brings for the policy checks: AWS's global keys with
their types (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html,
shipped as store/data/catalog/global-condition-keys.json) beside each service's own keys
and which actions take them (Service Authorization Reference, e.g.
https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html)."""

import pytest

from store import catalog


@pytest.mark.parametrize("name, types, multivalued", [
    ("aws:CurrentTime", ("Date",), False),                 # "Data type – Date"
    ("aws:SourceIp", ("IPAddress",), False),
    ("aws:MultiFactorAuthPresent", ("Bool",), False),
    ("aws:MultiFactorAuthAge", ("Numeric",), False),
    ("aws:PrincipalArn", ("ARN",), False),
    ("aws:TagKeys", ("ArrayOfString",), True),              # "Value type – Multivalued"
    ("aws:PrincipalOrgPaths", ("ArrayOfString",), True),
    ("aws:EpochTime", ("Date", "Numeric"), False),          # date or numeric operators
    ("AWS:sourceip", ("IPAddress",), False),                # key names ignore case
])
def test_global_keys_have_the_type_aws_lists(name, types, multivalued):
    key = catalog.global_key(name)
    assert key.types == types and key.multivalued == multivalued


def test_tag_keys_stand_for_any_tag():
    assert catalog.global_key("aws:PrincipalTag/team").name == "aws:PrincipalTag/${TagKey}"
    assert catalog.global_key("aws:ResourceTag/cost-center").types == ("String",)
    assert catalog.global_key("aws:NoSuchKey") is None
    assert catalog.global_key("s3:prefix") is None  # a service's key, not a global one


def test_condition_key_finds_service_keys_and_their_templates():
    assert catalog.condition_key("s3:prefix").types == ("String",)
    assert catalog.condition_key("s3:max-keys").types == ("Numeric",)
    assert catalog.condition_key("s3:ExistingObjectTag/p").name == "s3:ExistingObjectTag/<key>"
    assert catalog.condition_key("kms:EncryptionContext:dept").name.startswith(
        "kms:EncryptionContext:")
    assert catalog.condition_key("s3:NoSuchKey") is None


def test_supports_reads_the_actions_and_their_resource_types_keys():
    list_bucket, get_object = catalog.action("s3:ListBucket"), catalog.action("s3:GetObject")
    assert catalog.supports(list_bucket, "s3:prefix")
    assert not catalog.supports(get_object, "s3:prefix")
    # aws:ResourceTag is listed on S3's object resource type, not on the action itself
    assert "aws:ResourceTag/${TagKey}" not in get_object.condition_keys
    assert catalog.supports(get_object, "aws:ResourceTag/team")
    assert not catalog.supports(catalog.action("s3:ListAllMyBuckets"), "aws:ResourceTag/team")
