"""Resource-based policies that are not IAM's own: an S3 bucket's, an SQS queue's, a KMS
key's, a Lambda function's ... kept so the evaluator can weigh them beside identity
policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html).

Table "resources": ``{Arn, Policy (text), UpdateDate}``. Each service guards its policy
with its own actions (s3:PutBucketPolicy, kms:PutKeyPolicy ...), so a caller other than
the root user is authorized against those, on the resource's ARN.
"""

import re

from evaluator import RESOURCE, PolicyValidationError, parse_policy

from . import documents
from .authorize import authorize
from .errors import (AccessDenied, InvalidInput, LimitExceeded, MalformedPolicyDocument,
                     NoSuchEntity)

# S3 bucket policies are limited to 20 KB
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html); the same
# limit serves for every service here.
MAX_POLICY_SIZE = 20_480

_ARN = re.compile(r"arn:aws:(?P<service>[a-z0-9-]+):[a-z0-9-]*:\d{12}:.+\Z")
# arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY (bucket names: bucketnamingrules.html)
_S3 = re.compile(r"arn:aws:s3:::(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?P<key>/.*)?\Z")

# The actions each service authorizes for putting, reading and removing a resource's
# policy (Service Authorization Reference); other services use the generic
# SERVICE:PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy (as Secrets
# Manager does).
_ACTIONS = {
    "s3": ("s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"),
    "sqs": ("sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes"),
    "sns": ("sns:SetTopicAttributes", "sns:GetTopicAttributes", "sns:SetTopicAttributes"),
    "kms": ("kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:PutKeyPolicy"),
    "lambda": ("lambda:AddPermission", "lambda:GetPolicy", "lambda:RemovePermission"),
}
PUT, GET, DELETE = range(3)


def put_policy(store, arn: str, text: str, caller) -> None:
    """Set (or replace) the resource-based policy of ``arn``."""
    service = _service(arn)
    action = _action(service, PUT)

    def apply(account):
        authorize(account, caller, action, arn, {})
        record = {"Arn": arn, "Policy": _checked(text), "UpdateDate": account.now}
        stored = _stored(account, arn)
        if stored is None:
            account.table("resources").insert(record)
        else:
            stored.update(record)
            account.replace("resources", stored)

    store.change(caller, service, action.split(":")[1], {"ResourceArn": arn, "Policy": text},
                 apply)


def get_policy(store, arn: str, caller) -> dict:
    """``{Arn, Policy, UpdateDate}`` of the policy stored for ``arn``."""
    account = store.view()
    authorize(account, caller, _action(_service(arn), GET), arn, {})
    return dict(_existing(account, arn))


def delete_policy(store, arn: str, caller) -> None:
    """Remove the resource-based policy of ``arn``."""
    service = _service(arn)
    action = _action(service, DELETE)

    def apply(account):
        authorize(account, caller, action, arn, {})
        account.table("resources").remove(doc_ids=[_existing(account, arn).doc_id])

    store.change(caller, service, action.split(":")[1], {"ResourceArn": arn}, apply)


def list_resources(store, caller) -> list[dict]:
    """Every stored resource policy the caller may read, by ARN."""
    account = store.view()
    readable = []
    for record in sorted(account.table("resources").all(), key=lambda r: r["Arn"]):
        try:
            authorize(account, caller, _action(_service(record["Arn"]), GET), record["Arn"], {})
        except AccessDenied:
            continue
        readable.append(dict(record))
    return readable


def policy_for(account, arn: str) -> str | None:
    """The resource-based policy that governs ``arn``: its own, or for an S3 object its
    bucket's (object ARNs fall under the bucket policy)."""
    stored = _stored(account, holder_of(arn))
    return None if stored is None else stored["Policy"]


def holder_of(arn: str) -> str:
    """The resource whose policy governs ``arn``: the bucket of an S3 object, else itself."""
    bucket = _S3.match(arn)
    return f"arn:aws:s3:::{bucket['bucket']}" if bucket is not None else arn


# --- the parts ----------------------------------------------------------------------

def _service(arn: str) -> str:
    """The service of a resource that can hold a policy, or InvalidInput."""
    bucket = _S3.match(arn)
    if bucket is not None:
        if bucket["key"]:
            raise InvalidInput(f"{arn} is an object; a bucket policy belongs to its bucket "
                               f"arn:aws:s3:::{bucket['bucket']}.")
        return "s3"
    match = _ARN.match(arn)
    if match is None:
        raise InvalidInput(f"ARN {arn} is not valid.")
    if match["service"] == "iam":
        raise InvalidInput(f"{arn} is an IAM resource; a role's trust policy is set with "
                           "UpdateAssumeRolePolicy.")
    return match["service"]


def _action(service: str, which: int) -> str:
    generic = tuple(f"{service}:{verb}ResourcePolicy" for verb in ("Put", "Get", "Delete"))
    return _ACTIONS.get(service, generic)[which]


def _checked(text: str) -> str:
    """A valid resource-based policy (it must name a Principal) within the size limit."""
    text = documents.decoded(text)
    if len(text) > MAX_POLICY_SIZE:
        raise LimitExceeded(f"Resource-based policies are limited to {MAX_POLICY_SIZE:,} "
                            f"characters; this one has {len(text):,}.")
    try:
        parse_policy(text, RESOURCE, max_length=None)
    except PolicyValidationError as err:
        raise MalformedPolicyDocument(str(err)) from None
    return text


def _stored(account, arn: str):
    doc_id = account.database.index("resources", "Arn").get(arn)
    return None if doc_id is None else account.table("resources").get(doc_id=doc_id)


def _existing(account, arn: str):
    stored = _stored(account, arn)
    if stored is None:
        raise NoSuchEntity(f"The resource {arn} has no resource-based policy.")
    return stored
