"""The demo account (``iamtui demo``), built from the seed module's scenarios
(shared/seed/iam-module.md): an administrator user instead of the root user, a read-only
user, a Developers group holding the seed's example policy (one DynamoDB table and the
corporate bucket, with an explicit Deny on everything else through NotResource), an
inline deny, a role for EC2, a role for web-identity federation, and a bucket policy.

Built through ``Store.call`` like any other change, so every step is validated and
audited; all the steps run in one transaction, so the file gets the whole demo or none of
it. A file that already holds an account is left alone.
"""

import json
import os

from .database import data_directory

ACCOUNT_ID = "123456789012"
ALIAS = "demo-corp"
TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/table-name"
BUCKET = "arn:aws:s3:::bucket-name"
DEVELOPER_POLICY = "DeveloperTableAndBucket"
EC2_ROLE = "EC2S3ReadRole"
WEB_ROLE = "WebIdentityReadOnly"
GOOGLE_CLIENT_ID = "demo-corp-app.apps.googleusercontent.com"
AWS_MANAGED = "arn:aws:iam::aws:policy/"


def _document(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


# The seed's "Example: IAM policy": the table and the bucket, and an explicit deny that
# keeps DynamoDB and S3 to those resources even if another policy grants more.
TABLE_AND_BUCKET = _document(
    {"Sid": "TableAndBucket", "Effect": "Allow", "Action": ["dynamodb:*", "s3:*"],
     "Resource": [TABLE, BUCKET, f"{BUCKET}/*"]},
    {"Sid": "NothingElse", "Effect": "Deny", "Action": ["dynamodb:*", "s3:*"],
     "NotResource": [TABLE, BUCKET, f"{BUCKET}/*"]})

DENY_SECRET = _document(
    {"Sid": "DenySecret", "Effect": "Deny", "Action": "s3:*",
     "Resource": f"{BUCKET}/secret/*"})

# "a role is temporarily given to a user and an application": EC2 instances, and the
# account's own users whose policies let them call sts:AssumeRole (admin does).
EC2_TRUST = _document(
    {"Sid": "EC2Instances", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"},
    {"Sid": "AccountUsers", "Effect": "Allow",
     "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"}, "Action": "sts:AssumeRole"})

READ_BUCKET = _document(
    {"Sid": "ReadBucket", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": [BUCKET, f"{BUCKET}/*"]})

WEB_IDENTITY_TRUST = _document(
    {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
     "Action": "sts:AssumeRoleWithWebIdentity",
     "Condition": {"StringEquals": {"accounts.google.com:aud": GOOGLE_CLIENT_ID}}})

BUCKET_POLICY = _document(
    {"Sid": "EC2RoleReadsObjects", "Effect": "Allow",
     "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:role/{EC2_ROLE}"},
     "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"})

# Every demo user who signs in to the console uses this password (the walkthrough says
# so): a demo account is for showing, not for keeping anything.
DEMO_PASSWORD = "Demo-Pass-2026"

DEVELOPER_TAGS = [{"Key": "team", "Value": "developers"}]

CALLS = [
    ("CreateAccountAlias", {"AccountAlias": ALIAS}),
    # "create a separate IAM user account with administrative permission instead of
    # using the account root user"
    ("CreateUser", {"UserName": "admin"}),
    ("AttachUserPolicy", {"UserName": "admin",
                          "PolicyArn": AWS_MANAGED + "AdministratorAccess"}),
    # "you can create IAM users with read-only access to resources in your AWS account"
    ("CreateUser", {"UserName": "bob"}),
    ("AttachUserPolicy", {"UserName": "bob", "PolicyArn": AWS_MANAGED + "ReadOnlyAccess"}),
    # "you could have a group named Developers"
    ("CreateGroup", {"GroupName": "Developers"}),
    ("CreatePolicy", {"PolicyName": DEVELOPER_POLICY, "PolicyDocument": TABLE_AND_BUCKET,
                      "Description": "The table and the corporate bucket, nothing else"}),
    ("AttachGroupPolicy", {"GroupName": "Developers",
                           "PolicyArn": f"arn:aws:iam::{ACCOUNT_ID}:policy/{DEVELOPER_POLICY}"}),
    ("CreateUser", {"UserName": "alice", "Tags": DEVELOPER_TAGS}),
    ("AddUserToGroup", {"GroupName": "Developers", "UserName": "alice"}),
    ("PutUserPolicy", {"UserName": "alice", "PolicyName": "DenySecret",
                       "PolicyDocument": DENY_SECRET}),
    *(("CreateLoginProfile", {"UserName": name, "Password": DEMO_PASSWORD})
      for name in ("admin", "bob", "alice")),
    ("CreateUser", {"UserName": "dave", "Tags": DEVELOPER_TAGS}),
    ("AddUserToGroup", {"GroupName": "Developers", "UserName": "dave"}),
    # roles: "an AWS service, such as Amazon EC2" and "IdP ... Google" as principals
    ("CreateRole", {"RoleName": EC2_ROLE, "AssumeRolePolicyDocument": EC2_TRUST,
                    "Description": "EC2 instances read the corporate bucket"}),
    ("PutRolePolicy", {"RoleName": EC2_ROLE, "PolicyName": "ReadBucket",
                       "PolicyDocument": READ_BUCKET}),
    ("CreateRole", {"RoleName": WEB_ROLE, "AssumeRolePolicyDocument": WEB_IDENTITY_TRUST,
                    "Description": "Users signed in with Google, read-only"}),
    ("AttachRolePolicy", {"RoleName": WEB_ROLE, "PolicyArn": AWS_MANAGED + "ReadOnlyAccess"}),
]


def build(store) -> bool:
    """Make the demo account in ``store``'s file unless the file holds an account
    already. Returns whether it built one."""
    with store.database.transaction() as db:
        if db.table("account").get(doc_id=1) is not None:
            return False
        store.create_account(account_id=ACCOUNT_ID)
        for operation, params in CALLS:
            store.call(operation, params)
        store.put_resource_policy(BUCKET, BUCKET_POLICY)
    return True


def default_path() -> str:
    """``demo.json`` in the data directory: beside the default store, never the store."""
    return os.path.join(data_directory(), "demo.json")
