"""An account read from the JSON that ``aws iam get-account-authorization-details`` prints
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html),
written into the store as its own operations would have made it.

What the file holds is kept as given: names, unique ids, ARNs, paths, dates, tags, group
memberships, attachments, inline policies, every version of every managed policy (AWS
managed ones too: the account's view of them replaces the copy iamtui ships),
permissions boundaries, trust policies, instance profiles and roles' last use.

Documents come either way AWS emits them: URL-encoded text in the raw API response, JSON
objects as the AWS CLI prints them (botocore's ``json_decode_policies`` decodes them; see
aws/aws-cli#153), or plain JSON text. A Statement may be one object or a list.

Choices where AWS is silent:
- The file is checked whole before anything is written; every problem is reported with
  where it is (``RoleDetailList[3]: missing RoleName``), and nothing changes.
- The account id is the one in the entities' ARNs (the file has no field for it). Only
  the ``aws`` partition is modelled.
- Dates are kept as spelled (``2014-07-30T17:09:20Z``, the AWS CLI v2's ``...+00:00``,
  boto3 dumps' ``2019-12-18 19:10:08+00:00``): each must be an ISO 8601 date and time.
  Epoch seconds (a CLI set to print them) become ISO 8601 in UTC.
- A role's MaxSessionDuration is not in the file: it gets AWS's default (3600 seconds).
- A quota the account evidently had raised (more users, roles, attachments ... than AWS's
  default allows) is recorded at what the file needs.
- An AWS managed policy the file uses but does not list is taken from the ones shipped.
- The documents in effect (inline, trust, default versions) must be valid policies; a
  non-default version only valid JSON (it does not take part in any decision).
- Only into an empty store, unless ``replace``: then everything the store held is
  discarded (credentials, resource policies, settings) — the audit trail stays. One
  transaction, one audit record (``ImportAccountAuthorizationDetails``); root only.
"""

import datetime
import re
from dataclasses import dataclass

import orjson

from evaluator import IDENTITY, TRUST, PolicyValidationError, parse_policy

from . import aws_managed, ids
from .account import DEFAULT_QUOTAS, KINDS
from .documents import decoded
from .errors import AccessDenied, EntityAlreadyExists, InvalidInput
from .model import service
from .ops.users import boundary_member
from .principals import root

EVENT = "ImportAccountAuthorizationDetails"
DETAIL_LISTS = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
MAX_PROBLEMS = 20  # problems listed in a refusal; the rest are counted

_RESPONSE = "GetAccountAuthorizationDetailsResponse"
_DOCUMENT = "policyDocumentType"
# Members the model leaves optional but an account cannot be rebuilt without (AWS always
# sends them); the model's own ``required`` lists count too (Tag, InstanceProfile, Role).
_REQUIRED = {
    "UserDetail": ("UserName", "UserId", "Arn", "Path", "CreateDate"),
    "GroupDetail": ("GroupName", "GroupId", "Arn", "Path", "CreateDate"),
    "RoleDetail": ("RoleName", "RoleId", "Arn", "Path", "CreateDate",
                   "AssumeRolePolicyDocument"),
    "ManagedPolicyDetail": ("PolicyName", "Arn", "Path", "DefaultVersionId",
                            "PolicyVersionList"),  # and _CUSTOMER_REQUIRED
    "PolicyDetail": ("PolicyName", "PolicyDocument"),
    "AttachedPolicy": ("PolicyArn",),
    "AttachedPermissionsBoundary": ("PermissionsBoundaryArn",),
    "PolicyVersion": ("VersionId", "Document", "IsDefaultVersion", "CreateDate"),
}
# AWS always sends these too, but iamtui's shipped AWS managed policies lack some (their
# source does not record them: store/data/README.md), so its own export may leave them out.
_CUSTOMER_REQUIRED = ("PolicyId", "CreateDate")
_SCALARS = {"string": (str, "text"), "boolean": (bool, "true or false"),
            "integer": (int, "a whole number"), "long": (int, "a whole number")}
_IAM_ARN = re.compile(r"arn:(?P<partition>[^:]*):iam::(?P<account>[^:]*):(?P<rest>.*)\Z")
_VERSION_NUMBER = re.compile(r"v(\d+)")
# (kind, the detail list, the entity's inline policy list)
_ENTITIES = (("group", "GroupDetailList", "GroupPolicyList"),
             ("user", "UserDetailList", "UserPolicyList"),
             ("role", "RoleDetailList", "RolePolicyList"))


class NotAuthorizationDetails(InvalidInput):
    """The file is not (all of) what get-account-authorization-details prints."""

    def __init__(self, problems: list[str]):
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        super().__init__("This is not the output of aws iam get-account-authorization-details:\n"
                         + "\n".join(f"  {problem}" for problem in shown)
                         + (f"\n  ... and {more} more" if more else ""))
        self.problems = problems


@dataclass(frozen=True)
class Snapshot:
    """An account read from a file: the store's documents, table by table."""

    account_id: str | None
    tables: dict[str, list[dict]]
    quotas: dict[str, int]

    def counts(self) -> dict[str, int]:
        return {"Users": len(self.tables["users"]), "Groups": len(self.tables["groups"]),
                "Roles": len(self.tables["roles"]), "Policies": len(self.tables["policies"]),
                "AWSManagedPolicies": len(self.tables[aws_managed.TABLE]),
                "InstanceProfiles": sum(len(role.get("InstanceProfiles", ()))
                                        for role in self.tables["roles"])}


def import_account(store, details, *, replace: bool = False, caller=None) -> dict[str, int]:
    """Make ``store`` hold the account ``details`` describes (the parsed JSON); returns
    how many of each kind it holds. NotAuthorizationDetails for a file of another shape,
    EntityAlreadyExists for a store that holds an account already (unless ``replace``)."""
    snapshot = read(details)
    store.view()  # a store file with an (empty) account, for the audit record to name
    caller = caller or root(snapshot.account_id or store.account_id)

    def apply(account):
        if not caller.is_root:
            raise AccessDenied(f"User: {caller.arn} is not authorized to perform: "
                               f"{EVENT} (only the root user imports an account)")
        if not replace and not _is_empty(account):
            raise EntityAlreadyExists(
                f"The store already holds account {account.id}; importing would replace "
                "it (--replace discards everything it holds).")
        db = account.db
        db.drop_tables()
        store.create_account(account_id=snapshot.account_id or account.id)
        db.table("account").update({"Quotas": snapshot.quotas}, doc_ids=[1])
        for table, documents in snapshot.tables.items():
            if documents:
                db.table(table).insert_multiple(documents)
        return snapshot.counts()

    return store.change(caller, "iam", EVENT,
                        {"AccountId": snapshot.account_id, "Replace": replace}, apply)


def read(details) -> Snapshot:
    """The account in ``details``, as the store keeps it; NotAuthorizationDetails (every
    problem, each with where it is) when it cannot be read whole."""
    problems = _shape_problems(details)
    if problems:
        raise NotAuthorizationDetails(problems)
    reader = _Reader(details)
    snapshot = reader.snapshot()
    if reader.problems:
        raise NotAuthorizationDetails(reader.problems)
    return snapshot


def moment(value) -> str | None:
    """A date and time from the file as the store keeps it: ISO 8601 text as it is, epoch
    seconds as ISO 8601 in UTC; None if ``value`` is neither."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc).isoformat()
    if isinstance(value, str):
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
        return value
    return None


# --- the shape ----------------------------------------------------------------------

def _shape_problems(details) -> list[str]:
    """What keeps ``details`` from being GetAccountAuthorizationDetails' response, checked
    against AWS's API model (types, and the members an account needs)."""
    if not isinstance(details, dict):
        return [f"expected a JSON object with {', '.join(DETAIL_LISTS)}, "
                f"found {_json_kind(details)}"]
    if not any(key in details for key in DETAIL_LISTS):
        return [f"missing {', '.join(DETAIL_LISTS)} (found: "
                f"{', '.join(details) or 'an empty object'})"]
    if details.get("IsTruncated") or details.get("NextToken"):
        return ["IsTruncated / NextToken: the file holds one page of the answer; print "
                "all of it (the AWS CLI does unless given --max-items or --no-paginate)"]
    problems = []
    _check(service("iam"), _RESPONSE, details, "", problems)
    return problems


def _check(model, name: str, value, where: str, problems: list[str]) -> None:
    shape = model.shapes[name]
    kind = shape["type"]
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{where}: expected an object, found {_json_kind(value)}")
            return
        required = {*shape.get("required", ()), *_REQUIRED.get(name, ())}
        for member, ref in shape.get("members", {}).items():
            item = value.get(member)  # null counts as absent (boto3 dumps print it)
            inner = f"{where}.{member}" if where else member
            if item is None:
                if member in required:
                    problems.append(f"{where}: missing {member}")
            elif ref["shape"] == _DOCUMENT:
                if not isinstance(item, (str, dict)):
                    problems.append(f"{inner}: expected a policy document (an object or "
                                    f"text), found {_json_kind(item)}")
            else:
                _check(model, ref["shape"], item, inner, problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list, found {_json_kind(value)}")
            return
        for i, item in enumerate(value):
            _check(model, shape["member"]["shape"], item, f"{where}[{i}]", problems)
    elif kind == "timestamp":
        if moment(value) is None:
            problems.append(f"{where}: {value!r} is not a date and time")
    elif kind in _SCALARS:
        python, label = _SCALARS[kind]
        if not isinstance(value, python) or (python is int and isinstance(value, bool)):
            problems.append(f"{where}: expected {label}, found {_json_kind(value)}")
        elif python is str and not value:
            problems.append(f"{where}: is empty")


def _json_kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", str: "text"}.get(type(value), "a number")


# --- the account ----------------------------------------------------------------------

class _Reader:
    """Reads a file whose shape is right into the store's documents, noting every
    problem with what it means (a reference to nothing, a wrong ARN, a bad document)."""

    def __init__(self, details: dict):
        self.details = {name: details.get(name) or [] for name in DETAIL_LISTS}
        self.problems: list[str] = []
        self.account_id = self._account_id()
        self.known_policies = self._known_policies()

    def snapshot(self) -> Snapshot:
        customer, aws = [], []
        for i, detail in enumerate(self.details["Policies"]):
            policy = self._policy(detail, f"Policies[{i}]")
            (aws if detail["Arn"].startswith(aws_managed.PREFIX) else customer).append(policy)
        tables = {"policies": customer, aws_managed.TABLE: aws}
        group_ids = {}
        for kind, list_name, inline_list in _ENTITIES:
            table = KINDS[kind][0]
            tables[table] = []
            for i, detail in enumerate(self.details[list_name]):
                where = f"{list_name}[{i}]"
                entity = self._entity(kind, detail, where, inline_list)
                if kind == "group":
                    group_ids[entity["GroupName"].lower()] = entity["GroupId"]
                elif kind == "user":
                    entity["GroupIds"] = self._memberships(detail, where, group_ids)
                else:
                    self._role(entity, detail, where)
                tables[table].append(entity)
            self._unique(tables[table], list_name, f"{kind.capitalize()}Name",
                         f"{kind.capitalize()}Id")
        self._unique(customer + aws, "Policies", "PolicyName", "Arn")
        return Snapshot(self.account_id, tables, self._quotas(tables))

    # --- the parts every entity has ---

    def _entity(self, kind: str, detail: dict, where: str, inline_list: str) -> dict:
        """Name, id, ARN, path, date (as Account.new_entity orders them), tags,
        attachments, inline policies and boundary."""
        label = kind.capitalize()
        name, path = detail[f"{label}Name"], detail["Path"]
        entity = {f"{label}Name": name, f"{label}Id": detail[f"{label}Id"],
                  "Arn": self._arn(detail["Arn"], kind, path, name, f"{where}.Arn"),
                  "Path": path, "CreateDate": moment(detail["CreateDate"])}
        if kind != "group":
            entity["Tags"] = [{"Key": t["Key"], "Value": t["Value"]}
                              for t in detail.get("Tags") or []]
        entity["AttachedPolicies"] = self._attached(detail, where)
        entity["InlinePolicies"] = self._inline(detail, inline_list, where)
        boundary = detail.get("PermissionsBoundary")
        if kind != "group" and boundary:
            arn = boundary["PermissionsBoundaryArn"]
            if self._policy_known(arn, f"{where}.PermissionsBoundary.PermissionsBoundaryArn"):
                entity["PermissionsBoundary"] = boundary_member(arn)
        return entity

    def _attached(self, detail: dict, where: str) -> list[str]:
        arns = []
        for j, attached in enumerate(detail.get("AttachedManagedPolicies") or []):
            arn = attached["PolicyArn"]
            if self._policy_known(arn, f"{where}.AttachedManagedPolicies[{j}]") \
                    and arn not in arns:
                arns.append(arn)
        return arns

    def _inline(self, detail: dict, list_name: str, where: str) -> dict[str, str]:
        policies = {}
        for j, inline in enumerate(detail.get(list_name) or []):
            inner = f"{where}.{list_name}[{j}]"
            name = inline["PolicyName"]
            if name in policies:
                self.problems.append(f"{inner}: a second inline policy named {name}")
            text = self._document(inline["PolicyDocument"], f"{inner}.PolicyDocument", IDENTITY)
            if text is not None:
                policies[name] = text
        return policies

    def _memberships(self, detail: dict, where: str, group_ids: dict) -> list[str]:
        """GroupList (names) as the ids of the groups, as the store keeps membership."""
        found = []
        for j, name in enumerate(detail.get("GroupList") or []):
            group_id = group_ids.get(name.lower())
            if group_id is None:
                self.problems.append(f"{where}.GroupList[{j}]: group {name} is not in "
                                     "GroupDetailList")
            elif group_id not in found:
                found.append(group_id)
        return found

    def _role(self, role: dict, detail: dict, where: str) -> None:
        """A role adds its trust policy, AWS's default MaxSessionDuration, its last use
        and its instance profiles (each without its Roles: that is the role itself)."""
        trust = self._document(detail["AssumeRolePolicyDocument"],
                               f"{where}.AssumeRolePolicyDocument", TRUST)
        role["AssumeRolePolicyDocument"] = trust
        role["MaxSessionDuration"] = 3600
        last_used = {key: value for key, value in (detail.get("RoleLastUsed") or {}).items()
                     if key in ("LastUsedDate", "Region") and value is not None}
        if "LastUsedDate" in last_used:
            last_used["LastUsedDate"] = moment(last_used["LastUsedDate"])
        if last_used:
            role["RoleLastUsed"] = last_used
        profiles = [self._instance_profile(profile, role, f"{where}.InstanceProfileList[{j}]")
                    for j, profile in enumerate(detail.get("InstanceProfileList") or [])]
        if profiles:
            role["InstanceProfiles"] = profiles

    def _instance_profile(self, detail: dict, role: dict, where: str) -> dict:
        name, path = detail["InstanceProfileName"], detail["Path"]
        for j, held in enumerate(detail["Roles"]):
            if held["RoleName"] != role["RoleName"]:
                self.problems.append(f"{where}.Roles[{j}]: role {held['RoleName']}, but the "
                                     f"profile is listed under role {role['RoleName']}")
        profile = {"Path": path, "InstanceProfileName": name,
                   "InstanceProfileId": detail["InstanceProfileId"],
                   "Arn": self._arn(detail["Arn"], "instance-profile", path, name,
                                    f"{where}.Arn"),
                   "CreateDate": moment(detail["CreateDate"])}
        if detail.get("Tags"):
            profile["Tags"] = [{"Key": t["Key"], "Value": t["Value"]} for t in detail["Tags"]]
        return profile

    # --- managed policies ---

    def _known_policies(self) -> set[str]:
        return {policy.get("Arn") for policy in self.details["Policies"]}

    def _policy_known(self, arn: str, where: str) -> bool:
        """Whether the managed policy ``arn`` is in the file (or shipped, if AWS's)."""
        if arn in self.known_policies:
            return True
        if arn.startswith(aws_managed.PREFIX) and aws_managed.get(arn) is not None:
            return True
        self.problems.append(f"{where}: policy {arn} is not in Policies")
        return False

    def _policy(self, detail: dict, where: str) -> dict:
        """A managed policy as CreatePolicy and CreatePolicyVersion leave it (customer) or
        as store/aws_managed.py ships one (AWS): every version, oldest first."""
        name, path, arn = detail["PolicyName"], detail["Path"], detail["Arn"]
        aws = arn.startswith(aws_managed.PREFIX)
        if aws:
            if arn != f"{aws_managed.PREFIX}{path.lstrip('/')}{name}":
                self.problems.append(f"{where}.Arn: {arn} does not match its Path {path} "
                                     f"and PolicyName {name}")
        else:
            self._arn(arn, "policy", path, name, f"{where}.Arn")
            self.problems += [f"{where}: missing {member}" for member in _CUSTOMER_REQUIRED
                              if detail.get(member) is None]
        default_id = detail["DefaultVersionId"]
        versions = [self._version(version, default_id, f"{where}.PolicyVersionList[{j}]")
                    for j, version in enumerate(detail["PolicyVersionList"])]
        versions.sort(key=lambda v: _version_number(v["VersionId"]))
        defaults = [v["VersionId"] for v in versions if v["IsDefaultVersion"]]
        if defaults != [default_id]:
            self.problems.append(f"{where}.PolicyVersionList: the default version must be "
                                 f"{default_id} alone (found: {', '.join(defaults) or 'none'})")
        policy = {"PolicyName": name, "PolicyId": detail.get("PolicyId"), "Arn": arn,
                  "Path": path, "CreateDate": moment(detail.get("CreateDate")),
                  "DefaultVersionId": default_id,
                  "IsAttachable": detail.get("IsAttachable", True), "Versions": versions,
                  "Description": detail.get("Description"),
                  "UpdateDate": moment(detail.get("UpdateDate"))}
        if not aws:
            policy["Tags"] = []
            policy["NextVersion"] = max(map(_version_number, (v["VersionId"] for v in versions)),
                                        default=0) + 1
        return {key: value for key, value in policy.items() if value is not None}

    def _version(self, detail: dict, default_id: str, where: str) -> dict:
        """A version's document must be valid if it is the one in effect; the others need
        only be JSON."""
        in_effect = detail["IsDefaultVersion"] and detail["VersionId"] == default_id
        return {"VersionId": detail["VersionId"],
                "Document": self._document(detail["Document"], f"{where}.Document",
                                           IDENTITY if in_effect else None),
                "IsDefaultVersion": detail["IsDefaultVersion"],
                "CreateDate": moment(detail["CreateDate"])}

    # --- checks ---

    def _document(self, value, where: str, kind: str | None) -> str | None:
        """The document as the store keeps it (JSON text): an object is written out, text
        is URL-decoded when AWS encoded it. Checked as a policy of ``kind`` (None: only as
        JSON)."""
        if isinstance(value, dict):
            text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
        else:
            text = decoded(value)
        try:
            if not isinstance(value, dict) and not isinstance(orjson.loads(text), dict):
                raise ValueError("not a JSON object")
            if kind is not None:
                parse_policy(text, kind, max_length=None)
        except PolicyValidationError as err:
            self.problems.append(f"{where}: {err}")
            return None
        except ValueError as err:
            self.problems.append(f"{where}: not a JSON policy document ({err})")
            return None
        return text

    def _account_id(self) -> str | None:
        """The account the entities' ARNs name (they must all name the same one)."""
        for list_name in DETAIL_LISTS:
            for detail in self.details[list_name]:
                match = _IAM_ARN.match(detail.get("Arn", ""))
                if match and match["account"] != "aws":
                    return match["account"]
        return None

    def _arn(self, arn: str, kind: str, path: str, name: str, where: str) -> str:
        """``arn``, which must be the one AWS makes from the account, path and name."""
        match = _IAM_ARN.match(arn)
        if match is None:
            self.problems.append(f"{where}: {arn} is not an IAM ARN")
        elif match["partition"] != "aws":
            self.problems.append(f"{where}: {arn} is in partition {match['partition']}; "
                                 "iamtui models the aws partition only")
        elif arn != ids.arn(self.account_id, kind, path, name):
            self.problems.append(f"{where}: {arn} is not "
                                 f"{ids.arn(self.account_id, kind, path, name)}, the ARN of "
                                 f"{name} at path {path} in account {self.account_id}")
        return arn

    def _unique(self, documents: list[dict], list_name: str, name_field: str,
                id_field: str) -> None:
        """Names are unique whatever their case, ids unique (as AWS keeps them)."""
        for field, fold in ((name_field, str.lower), (id_field, str)):
            seen = set()
            for document in documents:
                key = fold(document[field])
                if key in seen:
                    self.problems.append(f"{list_name}: {document[field]} is there twice "
                                         f"({field})")
                seen.add(key)

    @staticmethod
    def _quotas(tables: dict) -> dict[str, int]:
        """The quotas the account must have had raised to hold what the file holds."""
        users, groups, roles = tables["users"], tables["groups"], tables["roles"]
        needed = {
            "UsersQuota": len(users), "GroupsQuota": len(groups), "RolesQuota": len(roles),
            "PoliciesQuota": len(tables["policies"]),
            "InstanceProfilesQuota": sum(len(r.get("InstanceProfiles", ())) for r in roles),
            "GroupsPerUserQuota": max((len(u["GroupIds"]) for u in users), default=0),
            "VersionsPerPolicyQuota": max((len(p["Versions"]) for p in tables["policies"]),
                                          default=0),
        }
        for kind, entities in (("User", users), ("Group", groups), ("Role", roles)):
            needed[f"AttachedPoliciesPer{kind}Quota"] = max(
                (len(e["AttachedPolicies"]) for e in entities), default=0)
        return {name: count for name, count in needed.items() if count > DEFAULT_QUOTAS[name]}


def _version_number(version_id: str) -> int:
    match = _VERSION_NUMBER.match(version_id)
    return int(match[1]) if match else 0


def _is_empty(account) -> bool:
    """Nothing but the account a store makes on first use: no entity, credential,
    resource policy or setting of any kind."""
    fresh = {"AccountId", "AccountAliases", "RootEmail", "CreateDate", "Quotas"}
    info = account.info or {}
    if set(info) - fresh or info.get("AccountAliases") or info.get("Quotas"):
        return False
    return all(not len(account.db.table(name)) for name in account.db.tables()
               if name not in ("meta", "account"))
