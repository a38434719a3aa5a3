"""Credentials a user (or the root user) holds — access keys, SSH public keys, login
profiles, MFA devices: who a request is about, the holder's documents in a credentials
table (``Owner`` is a UserId, or "root"), and the kinds held several at a time."""

from dataclasses import dataclass

from ..authorize import authorize
from ..errors import LimitExceeded, NoSuchEntity, ValidationError
from ..operations import entity_resource, operation

USER = entity_resource("user", "UserName")


@dataclass(frozen=True)
class Holder:
    """Whose credentials a request is about: an IAM user, or the root user (its own
    access keys; ``name`` is then the account id)."""

    owner: str   # the Owner credentials tables record: the user's UserId, or "root"
    name: str
    arn: str


def holder(account, params, caller, action: str) -> Holder:
    """The user the request names, else the caller ("If you do not specify a user name,
    IAM determines the user name implicitly based on the Amazon Web Services access key
    ID signing the request"), once the caller may do ``iam:{action}`` on that user's ARN
    (the "user" resource type of these actions:
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
    A role session must name the user, as AWS requires."""
    if params.get("UserName"):
        authorize(account, caller, f"iam:{action}", USER(account, params), {})
        user = account.get("user", params["UserName"])
        return Holder(user["UserId"], user["UserName"], user["Arn"])
    if caller.kind == "assumed-role":
        raise ValidationError("Must specify userName when calling with non-User credentials")
    authorize(account, caller, f"iam:{action}", caller.arn, {})
    if caller.is_root:
        return Holder("root", account.id, caller.arn)
    user = account.get("user", caller.name)
    return Holder(user["UserId"], user["UserName"], user["Arn"])


def owned(account, table: str, owner: str) -> list:
    """The documents of a credentials table (access_keys, ssh_keys, login_profiles,
    mfa_devices) whose Owner is ``owner``, oldest first."""
    return [doc for doc in account.table(table).all() if doc.get("Owner") == owner]


def check_quota(account, table: str, owner: Holder, quota: str) -> None:
    """LimitExceeded once ``owner`` has as many in ``table`` as ``{quota}Quota`` allows
    (``quota`` as AWS's message names it: "AccessKeysPerUser")."""
    limit = account.quota(f"{quota}Quota")
    if len(owned(account, table, owner.owner)) >= limit:
        raise LimitExceeded(f"Cannot exceed quota for {quota}: {limit}")


@dataclass(frozen=True)
class Kind:
    """A kind of credential a user holds several of, each with an id and a Status
    (access keys, SSH public keys): found, switched on and off, and deleted alike."""

    table: str
    id_field: str
    what: str    # as AWS's not-found message names it: "Access Key", "Public Key"

    def find(self, account, params, owner: Holder):
        """The holder's credential the request names; NoSuchEntity, in AWS's words, if
        there is none (another user's is not found either)."""
        key_id = params[self.id_field]
        found = account.lookup(self.table, self.id_field, key_id)
        if found is None or found["Owner"] != owner.owner:
            raise NoSuchEntity(f"The {self.what} with id {key_id} cannot be found.")
        return found

    def register_update(self, action: str) -> None:
        """Update{Kind}: set its Status (an inactive credential cannot be used)."""
        @operation(action, self_authorized=True)
        def update(account, params, caller):
            owner = holder(account, params, caller, action)
            found = self.find(account, params, owner)
            found["Status"] = params["Status"]
            account.replace(self.table, found)
            return {}

    def register_delete(self, action: str) -> None:
        """Delete{Kind}: remove it for good."""
        @operation(action, self_authorized=True)
        def delete(account, params, caller):
            found = self.find(account, params, holder(account, params, caller, action))
            account.table(self.table).remove(doc_ids=[found.doc_id])
            return {}
