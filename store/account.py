"""The account as operations see it: its tables, entities looked up by name or ARN (with
AWS's not-found messages), quotas, and the time of the call."""

from tinydb import TinyDB

from . import aws_managed, ids
from .errors import EntityAlreadyExists, LimitExceeded, NoSuchEntity

# Quotas with AWS's defaults, named as GetAccountSummary names them
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
DEFAULT_QUOTAS = {
    "UsersQuota": 5000,
    "GroupsQuota": 300,
    "RolesQuota": 1000,
    "PoliciesQuota": 1500,
    "InstanceProfilesQuota": 1000,
    "GroupsPerUserQuota": 10,
    "AttachedPoliciesPerUserQuota": 10,
    "AttachedPoliciesPerGroupQuota": 10,
    "AttachedPoliciesPerRoleQuota": 10,
    "VersionsPerPolicyQuota": 5,
    "PolicySizeQuota": 6144,
    "UserPolicySizeQuota": 2048,
    "GroupPolicySizeQuota": 5120,
    "RolePolicySizeQuota": 10240,
    "AssumeRolePolicySizeQuota": 2048,
    "AccessKeysPerUserQuota": 2,
    "MFADevicesPerUserQuota": 8,
    "SigningCertificatesPerUserQuota": 2,
    "SSHPublicKeysPerUserQuota": 5,
    "TagsPerEntityQuota": 50,
    "ProvidersQuota": 100,
}

# table name, name field, id kind, ARN kind, what a message calls it
KINDS = {
    "user": ("users", "UserName", "user", "user"),
    "group": ("groups", "GroupName", "group", "group"),
    "role": ("roles", "RoleName", "role", "role"),
}


class Account:
    """One call's view of the account. ``db`` is the TinyDB state (inside a transaction
    when the call writes); ``database`` keeps indexes."""

    def __init__(self, database, db: TinyDB, now: str):
        self.database = database
        self.db = db
        self.now = now
        self.info = db.table("account").get(doc_id=1)

    @property
    def id(self) -> str:
        return self.info["AccountId"]

    def quota(self, name: str) -> int:
        return self.info.get("Quotas", {}).get(name, DEFAULT_QUOTAS[name])

    def table(self, name: str):
        return self.db.table(name)

    # --- users, groups, roles -------------------------------------------------------

    def find(self, kind: str, name: str) -> dict | None:
        """The user / group / role named ``name`` (names are unique case-insensitively,
        and found case-insensitively as AWS does), or None."""
        table, field, _, _ = KINDS[kind]
        doc_id = self.database.index(table, field, fold=True).get(name.lower())
        return None if doc_id is None else self.db.table(table).get(doc_id=doc_id)

    def get(self, kind: str, name: str) -> dict:
        found = self.find(kind, name)
        if found is None:
            raise NoSuchEntity(f"The {kind} with name {name} cannot be found.")
        return found

    def lookup(self, table: str, field: str, value: str) -> dict | None:
        """The document of ``table`` whose ``field`` is ``value`` (through an index)."""
        doc_id = self.database.index(table, field).get(value)
        return None if doc_id is None else self.db.table(table).get(doc_id=doc_id)

    def by_id(self, kind: str, unique_id: str) -> dict | None:
        """The user / group / role with this unique id (AIDA..., AGPA..., AROA...)."""
        table, id_field = KINDS[kind][0], f"{kind.capitalize()}Id"
        doc_id = self.database.index(table, id_field).get(unique_id)
        return None if doc_id is None else self.db.table(table).get(doc_id=doc_id)

    def insert(self, kind: str, document: dict) -> None:
        table, field, _, _ = KINDS[kind]
        if self.find(kind, document[field]) is not None:
            raise EntityAlreadyExists(
                f"{kind.capitalize()} with name {document[field]} already exists.")
        self.check_count(table, f"{kind.capitalize()}s")
        self.db.table(table).insert(document)

    def update(self, kind: str, document: dict) -> None:
        """Write back, whole, a document read with ``get`` (keys it dropped are dropped)."""
        self.replace(KINDS[kind][0], document)

    def replace(self, table: str, document) -> None:
        """Store ``document`` (a TinyDB Document, so it has doc_id) as it now is."""
        def swap(stored):
            stored.clear()
            stored.update(document)
        self.db.table(table).update(swap, doc_ids=[document.doc_id])

    def remove(self, kind: str, document: dict) -> None:
        self.db.table(KINDS[kind][0]).remove(doc_ids=[document.doc_id])

    def all(self, kind: str) -> list[dict]:
        return self.db.table(KINDS[kind][0]).all()

    def listing(self, kind: str) -> list[dict]:
        """Every user / group / role sorted by name, as stored: shared and kept until the
        account changes, so a List call pages through it without copying it. Read only."""
        table, field, _, _ = KINDS[kind]
        return self.database.derived("listing", table, lambda documents: sorted(
            documents.values(), key=lambda d: d[field].lower()))

    def rename(self, kind: str, entity: dict, new_name: str | None,
               new_path: str | None) -> None:
        """Give a user / group / role a new name and / or path (and so a new ARN); its
        unique id stays. The new name must not be another entity's, whatever its case."""
        _, name_field, _, arn_kind = KINDS[kind]
        name = new_name or entity[name_field]
        path = new_path or entity["Path"]
        other = self.find(kind, name)
        if other is not None and other.doc_id != entity.doc_id:
            raise EntityAlreadyExists(f"{kind.capitalize()} with name {name} already exists.")
        entity.update({name_field: name, "Path": path,
                       "Arn": ids.arn(self.id, arn_kind, path, name)})

    def new_entity(self, kind: str, name: str, path: str) -> dict:
        """The fields every user, group and role starts with."""
        table, field, id_kind, arn_kind = KINDS[kind]
        return {field: name, f"{kind.capitalize()}Id": ids.unique_id(id_kind),
                "Arn": ids.arn(self.id, arn_kind, path, name), "Path": path,
                "CreateDate": self.now}

    def check_count(self, table: str, label: str) -> None:
        quota = self.quota(f"{label}Quota")
        if len(self.db.table(table)) >= quota:
            raise LimitExceeded(f"Cannot exceed quota for {label}PerAccount: {quota}")

    # --- managed policies -----------------------------------------------------------

    def managed_policy(self, arn: str) -> dict | None:
        """A customer managed policy (from the store) or an AWS managed one: the account's
        own copy if it was imported with one (aws_managed.TABLE), else the shipped one."""
        aws = arn.startswith(aws_managed.PREFIX)
        table = aws_managed.TABLE if aws else "policies"
        doc_id = self.database.index(table, "Arn").get(arn)
        if doc_id is not None:
            return self.db.table(table).get(doc_id=doc_id)
        return aws_managed.get(arn) if aws else None

    def aws_managed_policies(self) -> list[dict]:
        """Every AWS managed policy the account knows: shipped, or its own copy."""
        own = {policy["Arn"]: policy for policy in self.db.table(aws_managed.TABLE).all()}
        return [own.pop(policy["Arn"], policy) for policy in aws_managed.all_policies()] \
            + list(own.values())

    def get_managed_policy(self, arn: str) -> dict:
        found = self.managed_policy(arn)
        if found is None:
            raise NoSuchEntity(f"Policy {arn} was not found.")
        return found

    def policy_by_name(self, name: str) -> dict | None:
        doc_id = self.database.index("policies", "PolicyName", fold=True).get(name.lower())
        return None if doc_id is None else self.db.table("policies").get(doc_id=doc_id)


def default_document(policy: dict) -> str:
    """The default version's document text of a managed policy."""
    for version in policy["Versions"]:
        if version["IsDefaultVersion"]:
            return version["Document"]
    raise NoSuchEntity(f"Policy {policy['Arn']} has no default version.")
