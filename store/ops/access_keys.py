"""Access keys: CreateAccessKey, UpdateAccessKey, DeleteAccessKey, ListAccessKeys,
GetAccessKeyLastUsed.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html (and siblings);
the quota: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
("Access keys assigned to an IAM user | 2", the same for the root user).

The secret access key is in CreateAccessKey's response and nowhere else: the store keeps
its digest (store.secrets), the audit trail CloudTrail's placeholder ("the secret access
key is accessible only during key and user creation", API_CreateAccessKey.html).
"""

from .. import secrets
from ..authorize import authorize
from ..errors import NoSuchEntity
from ..operations import operation
from .holders import Holder, Kind, check_quota, holder, owned
from .paging import page

NEVER_USED = "N/A"  # ServiceName and Region of a key never used (API_AccessKeyLastUsed.html)

ACCESS_KEYS = Kind("access_keys", "AccessKeyId", "Access Key")
ACCESS_KEYS.register_update("UpdateAccessKey")
ACCESS_KEYS.register_delete("DeleteAccessKey")


@operation("CreateAccessKey", self_authorized=True)
def create_access_key(account, params, caller):
    """A new Active key; the response is the only place its secret ever appears."""
    owner = holder(account, params, caller, "CreateAccessKey")
    check_quota(account, "access_keys", owner, "AccessKeysPerUser")
    secret = secrets.secret_access_key()
    key = {"AccessKeyId": secrets.access_key_id("AKIA"), "SecretDigest": secrets.digest(secret),
           "Owner": owner.owner, "Status": "Active", "CreateDate": account.now,
           "LastUsedDate": None, "LastUsedServiceName": None, "LastUsedRegion": None}
    account.table("access_keys").insert(key)
    return {"AccessKey": {**_metadata(key, owner), "SecretAccessKey": secret}}


@operation("ListAccessKeys", writes=False, self_authorized=True)
def list_access_keys(account, params, caller):
    """Metadata only: no secret, not even its digest."""
    owner = holder(account, params, caller, "ListAccessKeys")
    keys = [_metadata(key, owner) for key in owned(account, "access_keys", owner.owner)]
    return page(keys, params, "AccessKeyMetadata")


@operation("GetAccessKeyLastUsed", writes=False, self_authorized=True)
def get_access_key_last_used(account, params, caller):
    """When, with which service and in which Region the key was last used; "N/A" (and
    no date) when never (API_AccessKeyLastUsed.html). Authorized on the key's user."""
    key = account.lookup("access_keys", "AccessKeyId", params["AccessKeyId"])
    if key is None:
        raise NoSuchEntity(f"The Access Key with id {params['AccessKeyId']} cannot be found.")
    user = None if key["Owner"] == "root" else account.by_id("user", key["Owner"])
    name = account.id if user is None else user["UserName"]
    authorize(account, caller, "iam:GetAccessKeyLastUsed",
              f"arn:aws:iam::{account.id}:root" if user is None else user["Arn"], {})
    return {"UserName": name, "AccessKeyLastUsed": {
        "LastUsedDate": key.get("LastUsedDate"),
        "ServiceName": key.get("LastUsedServiceName") or NEVER_USED,
        "Region": key.get("LastUsedRegion") or NEVER_USED}}


def _metadata(key: dict, owner: Holder) -> dict:
    return {"UserName": owner.name, "AccessKeyId": key["AccessKeyId"], "Status": key["Status"],
            "CreateDate": key["CreateDate"]}
