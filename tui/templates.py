"""AWS's example policies for the ideas of the seed module (shared/seed/iam-module.md), as
templates the policy editor offers (``ctrl+t``) and new roles start from.

Each is AWS's own example, from the page its ``source`` names, with the module's
placeholders where it has them (``table-name``, ``bucket-name``) and AWS's documentation
accounts: 123456789012 stands for this account (``text(account_id)`` puts the real one
in), 111122223333 for another. ``kind`` is the evaluator's policy kind the template is
written for: identity-based, resource-based, or a role's trust policy.
"""

from dataclasses import dataclass

from .output import aws_json

EXAMPLE_ACCOUNT = "123456789012"
OTHER_ACCOUNT = "111122223333"
_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
_TABLE = f"arn:aws:dynamodb:us-east-1:{EXAMPLE_ACCOUNT}:table/table-name"
_BUCKET = "arn:aws:s3:::bucket-name"


@dataclass(frozen=True)
class Template:
    name: str        # how code asks for it: ``templates.get("ec2-trust")``
    kind: str        # "identity" | "resource" | "trust"
    title: str       # what the picker shows
    source: str      # the AWS page the example is from
    document: dict

    def text(self, account_id: str = EXAMPLE_ACCOUNT) -> str:
        """The document as the AWS CLI prints JSON, naming ``account_id`` as this account."""
        return aws_json(self.document).replace(EXAMPLE_ACCOUNT, account_id)


def _policy(*statements: dict, **top) -> dict:
    return {"Version": "2012-10-17", **top, "Statement": list(statements)}


TEMPLATES = (
    Template(
        "table-and-bucket", "identity",
        "The module's example: one DynamoDB table and one bucket, an explicit deny for "
        "everything else (NotResource)",
        "shared/seed/iam-module.md, \"Example: IAM policy\"",
        _policy({"Effect": "Allow", "Action": ["dynamodb:*", "s3:*"],
                 "Resource": [_TABLE, _BUCKET, f"{_BUCKET}/*"]},
                {"Effect": "Deny", "Action": ["dynamodb:*", "s3:*"],
                 "NotResource": [_TABLE, _BUCKET, f"{_BUCKET}/*"]})),
    Template(
        "bucket-read-write", "identity",
        "Amazon S3: read and write the objects of one bucket",
        _GUIDE + "reference_policies_examples_s3_rw-bucket.html",
        _policy({"Sid": "ListObjectsInBucket", "Effect": "Allow", "Action": ["s3:ListBucket"],
                 "Resource": [_BUCKET]},
                {"Sid": "AllObjectActions", "Effect": "Allow", "Action": "s3:*Object",
                 "Resource": [f"{_BUCKET}/*"]})),
    Template(
        "deny-outside-ip-range", "identity",
        "Deny every action to requests from outside the company's IP ranges",
        _GUIDE + "reference_policies_examples_aws_deny-ip.html",
        _policy({"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24",
                                                                  "203.0.113.0/24"]},
                               "Bool": {"aws:ViaAWSService": "false"}}})),
    Template(
        "ec2-require-mfa", "identity",
        "Amazon EC2: everything, but stop and terminate only with MFA",
        _GUIDE + "reference_policies_examples_ec2_require-mfa.html",
        _policy({"Sid": "AllowAllActionsForEC2", "Effect": "Allow", "Action": "ec2:*",
                 "Resource": "*"},
                {"Sid": "DenyStopAndTerminateWhenMFAIsNotPresent", "Effect": "Deny",
                 "Action": ["ec2:StopInstances", "ec2:TerminateInstances"], "Resource": "*",
                 "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": False}}})),
    Template(
        "ec2-trust", "trust",
        "Trust an AWS service: Amazon EC2 instances may assume the role",
        _GUIDE + "id_roles_create_for-service.html",
        _policy({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"})),
    Template(
        "account-trust", "trust",
        "Trust another AWS account: its administrators decide who may assume the role",
        _GUIDE + "id_roles_create_for-user.html",
        _policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                 "Action": "sts:AssumeRole"})),
    Template(
        "saml-trust", "trust",
        "Trust a SAML 2.0 identity provider (federated users sign in with SAML)",
        _GUIDE + "id_roles_create_for-idp_saml.html",
        _policy({"Effect": "Allow",
                 "Principal": {"Federated": f"arn:aws:iam::{EXAMPLE_ACCOUNT}:saml-provider/"
                                            "ExampleOrgSSOProvider"},
                 "Action": "sts:AssumeRoleWithSAML",
                 "Condition": {"StringEquals": {
                     "SAML:aud": "https://signin.aws.amazon.com/saml"}}})),
    Template(
        "web-identity-trust", "trust",
        "Trust a web identity provider: users signed in with Google",
        _GUIDE + "id_roles_create_for-idp_oidc.html",
        _policy({"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
                 "Action": "sts:AssumeRoleWithWebIdentity",
                 "Condition": {"StringEquals": {"accounts.google.com:aud":
                                                "66677788899900pro0"}}})),
    Template(
        "bucket-deny-outside-ip-range", "resource",
        "Bucket policy: refuse requests to the bucket from outside an IP range",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
        _policy({"Sid": "IPAllow", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [_BUCKET, f"{_BUCKET}/*"],
                 "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}},
                Id="S3PolicyId1")),
    Template(
        "bucket-cross-account-read", "resource",
        "Bucket policy: another account may read the bucket's objects",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-"
        "access-example2.html",
        _policy({"Sid": "CrossAccountRead", "Effect": "Allow",
                 "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                 "Action": ["s3:GetObject", "s3:ListBucket"],
                 "Resource": [_BUCKET, f"{_BUCKET}/*"]})),
)

_BY_NAME = {template.name: template for template in TEMPLATES}


def get(name: str) -> Template:
    """The template called ``name`` (KeyError if there is none)."""
    return _BY_NAME[name]


def for_kind(kind: str) -> list[Template]:
    """The templates written for policies of ``kind``, in the order above."""
    return [template for template in TEMPLATES if template.kind == kind]


# What a new document starts as: a new role trusts EC2 (the module's role example), a new
# managed policy is the module's example policy.
TRUST_TEMPLATE = get("ec2-trust").text()
IDENTITY_TEMPLATE = get("table-and-bucket").text()
