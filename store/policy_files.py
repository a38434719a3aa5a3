"""An account's policies as a directory of files, one pretty-printed JSON document each, so
they can live in version control and diff cleanly — and back into the store.

The layout (IAM names hold no slash, so each is one file or folder name)::

    managed/PATH/NAME.json            a customer managed policy's default version
                                      (PATH: the policy's path as folders, none for /)
    users/NAME/inline/POLICY.json     a user's inline policy (groups/, roles/ alike)
    roles/NAME/trust-policy.json      a role's trust policy
    resources/ARN.json                a resource-based policy (an S3 bucket's ...), the ARN
                                      percent-encoded (``arn%3Aaws%3As3%3A%3A%3Abucket``)

A permissions boundary is a managed policy, so its document is under managed/; AWS
managed policies, which nobody can change, are not written. Each file is the document
with four-space indents and its keys in a fixed order — Version, Id, Statement; in a
statement Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource,
Condition (any other keys after, as they were) — and a final newline, so the same
policy always gives the same bytes.

Exporting writes only what changed and removes the .json files under those five folders
that no longer stand for a policy (nothing else in the directory is touched). Importing
makes the store's policies match the files through the store's own operations (each
authorized for the caller and audited as itself: PutUserPolicy, UpdateAssumeRolePolicy,
CreatePolicy, CreatePolicyVersion ...), all in one transaction: every file is applied or
none. A managed policy already at its version quota loses its oldest non-default version
first, as Terraform's aws_iam_policy does. Importing adds and changes; it never deletes a
policy whose file is gone (delete it with the operation that does).
"""

import json
import os
import urllib.parse
from dataclasses import dataclass

from . import ids
from .account import KINDS, default_document
from .errors import IamError, InvalidInput
from .principals import root
from .resources import policy_for

ROOTS = ("managed", "users", "groups", "roles", "resources")
TRUST_FILE = "trust-policy.json"
_TOP_ORDER = ("Version", "Id", "Statement")
_STATEMENT_ORDER = ("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
                    "Resource", "NotResource", "Condition")
_ENTITY_FOLDERS = {KINDS[kind][0]: kind for kind in KINDS}  # "users" -> "user" ...
_INLINE_LISTS = {"user": "UserPolicyList", "group": "GroupPolicyList", "role": "RolePolicyList"}
_DETAIL_LISTS = {"user": "UserDetailList", "group": "GroupDetailList", "role": "RoleDetailList"}


@dataclass(frozen=True)
class PolicyFile:
    """One file of the layout: what it stands for, and its document."""

    path: str      # relative to the directory, with "/"
    kind: str      # "managed", "inline", "trust" or "resource"
    owner: str     # the user / group / role (inline, trust), the policy's path (managed),
    #                the resource's ARN (resource)
    name: str      # the policy's name (managed, inline)
    entity: str    # "user", "group" or "role" (inline, trust)
    text: str      # the document as the file holds it


def document_text(document: dict) -> str:
    """``document`` as its file holds it: the fixed key order, four-space indents."""
    statements = document.get("Statement")
    ordered = _ordered(document, _TOP_ORDER)
    if isinstance(statements, list):
        ordered["Statement"] = [_ordered(s, _STATEMENT_ORDER) if isinstance(s, dict) else s
                                for s in statements]
    elif isinstance(statements, dict):
        ordered["Statement"] = _ordered(statements, _STATEMENT_ORDER)
    return json.dumps(ordered, indent=4, ensure_ascii=False) + "\n"


# --- export -------------------------------------------------------------------------

def export_policies(store, directory: str, caller=None) -> dict[str, int]:
    """Write every policy of the account (those ``caller`` may read) under ``directory``;
    returns how many files were written, left as they were, and removed."""
    caller = caller or root(store.account_id)
    files = {file.path: file.text for file in account_files(store, caller)}
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    for relative, text in sorted(files.items()):
        target = os.path.join(directory, *relative.split("/"))
        if _read(target) == text:
            counts["unchanged"] += 1
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
        counts["written"] += 1
    for relative in _json_files(directory):
        if relative not in files:
            os.remove(os.path.join(directory, *relative.split("/")))
            counts["removed"] += 1
    _remove_empty_folders(directory)
    return counts


def account_files(store, caller) -> list[PolicyFile]:
    """The account's policies as files, read as ``caller`` (GetAccountAuthorizationDetails
    and the resource policies it may read)."""
    details = _authorization_details(store, caller)
    files = []
    for kind, list_name in _DETAIL_LISTS.items():
        folder = KINDS[kind][0]
        for entity in details[list_name]:
            owner = entity[KINDS[kind][1]]
            for inline in entity.get(_INLINE_LISTS[kind], []):
                files.append(_file(f"{folder}/{owner}/inline/{inline['PolicyName']}.json",
                                   "inline", owner, inline["PolicyName"], kind,
                                   inline["PolicyDocument"]))
            if kind == "role":
                files.append(_file(f"roles/{owner}/{TRUST_FILE}", "trust", owner, "", kind,
                                   entity["AssumeRolePolicyDocument"]))
    for policy in details["Policies"]:
        default = next(v for v in policy["PolicyVersionList"] if v["IsDefaultVersion"])
        files.append(_file(f"managed{policy['Path']}{policy['PolicyName']}.json", "managed",
                           policy["Path"], policy["PolicyName"], "", default["Document"]))
    for record in store.list_resources(caller):
        files.append(_file(f"resources/{urllib.parse.quote(record['Arn'], safe='')}.json",
                           "resource", record["Arn"], "", "", record["Policy"]))
    return files


def _authorization_details(store, caller) -> dict:
    """Every user, group, role and customer managed policy, all pages."""
    merged = {name: [] for name in (*_DETAIL_LISTS.values(), "Policies")}
    request = {"Filter": ["User", "Group", "Role", "LocalManagedPolicy"], "MaxItems": 1000}
    while True:
        page = store.call("GetAccountAuthorizationDetails", request, caller)
        for name, items in merged.items():
            items += page[name]
        if not page["IsTruncated"]:
            return merged
        request["Marker"] = page["Marker"]


def _file(path, kind, owner, name, entity, text) -> PolicyFile:
    return PolicyFile(path, kind, owner, name, entity, document_text(json.loads(text)))


# --- import -------------------------------------------------------------------------

def import_policies(store, directory: str, caller=None) -> list[str]:
    """Make the store's policies match the files under ``directory`` (all of them, or
    none: InvalidInput names every file that cannot be read; an IamError names the file
    the store refused). Returns what was done, a line each ("PutUserPolicy
    users/alice/inline/Read.json")."""
    files = read_files(directory)
    caller = caller or root(store.account_id)
    done = []
    with store.database.transaction():
        account = store.view()
        for file in files:
            for operation, params in _changes(account, file):
                try:
                    if operation == "PutResourcePolicy":
                        store.put_resource_policy(file.owner, file.text, caller)
                    else:
                        store.call(operation, params, caller)
                except IamError as err:
                    raise type(err)(f"{file.path}: {err.message}") from None
                done.append(f"{operation} {file.path}")
                account = store.view()
    return done


def read_files(directory: str) -> list[PolicyFile]:
    """Every policy file under ``directory``, checked against the layout; InvalidInput
    listing each one that is not a JSON document in its place."""
    if not os.path.isdir(directory):
        raise InvalidInput(f"{directory} is not a directory")
    files, problems = [], []
    for relative in _json_files(directory):
        text = _read(os.path.join(directory, *relative.split("/")))
        try:
            document = json.loads(text)
        except ValueError as err:
            problems.append(f"{relative}: not JSON ({err})")
            continue
        if not isinstance(document, dict):
            problems.append(f"{relative}: not a policy document (a JSON object)")
            continue
        file = _placed(relative, text)
        if file is None:
            problems.append(f"{relative}: not a place of the layout (managed/PATH/NAME.json, "
                            "users|groups|roles/NAME/inline/POLICY.json, "
                            f"roles/NAME/{TRUST_FILE}, resources/ARN.json)")
        else:
            files.append(file)
    if problems:
        raise InvalidInput("Nothing was imported:\n" + "\n".join(f"  {p}" for p in problems))
    return files


def _placed(relative: str, text: str) -> PolicyFile | None:
    """What the file at ``relative`` stands for, from its place; None if it has none."""
    parts = relative.split("/")
    stem = parts[-1].removesuffix(".json")
    if parts[0] == "managed" and len(parts) >= 2:
        path = "/" + "".join(f"{folder}/" for folder in parts[1:-1])
        return PolicyFile(relative, "managed", path, stem, "", text)
    if parts[0] in _ENTITY_FOLDERS and len(parts) == 4 and parts[2] == "inline":
        return PolicyFile(relative, "inline", parts[1], stem, _ENTITY_FOLDERS[parts[0]], text)
    if parts[0] == "roles" and len(parts) == 3 and parts[2] == TRUST_FILE:
        return PolicyFile(relative, "trust", parts[1], "", "role", text)
    if parts[0] == "resources" and len(parts) == 2:
        return PolicyFile(relative, "resource", urllib.parse.unquote(stem), "", "", text)
    return None


def _changes(account, file: PolicyFile) -> list[tuple[str, dict]]:
    """The operations that make the store hold ``file``'s document (none if it does)."""
    wanted = json.loads(file.text)
    if file.kind == "resource":
        current = policy_for(account, file.owner)
        return [] if _same(current, wanted) else [("PutResourcePolicy", {})]
    if file.kind == "managed":
        return _managed_changes(account, file, wanted)
    label = file.entity.capitalize()
    entity = account.find(file.entity, file.owner)
    if file.kind == "trust":
        current = entity and entity["AssumeRolePolicyDocument"]
        return [] if _same(current, wanted) else [
            ("UpdateAssumeRolePolicy", {"RoleName": file.owner, "PolicyDocument": file.text})]
    current = entity and entity.get("InlinePolicies", {}).get(file.name)
    return [] if _same(current, wanted) else [
        (f"Put{label}Policy", {f"{label}Name": file.owner, "PolicyName": file.name,
                               "PolicyDocument": file.text})]


def _managed_changes(account, file: PolicyFile, wanted: dict) -> list[tuple[str, dict]]:
    arn = ids.managed_policy_arn(account.id, file.owner, file.name)
    policy = account.managed_policy(arn)
    if policy is None:
        return [("CreatePolicy", {"PolicyName": file.name, "Path": file.owner,
                                  "PolicyDocument": file.text})]
    if _same(default_document(policy), wanted):
        return []
    changes = []
    if len(policy["Versions"]) >= account.quota("VersionsPerPolicyQuota"):
        oldest = next(v for v in policy["Versions"] if not v["IsDefaultVersion"])
        changes.append(("DeletePolicyVersion", {"PolicyArn": arn,
                                                "VersionId": oldest["VersionId"]}))
    return changes + [("CreatePolicyVersion", {"PolicyArn": arn, "PolicyDocument": file.text,
                                               "SetAsDefault": True})]


# --- the parts ----------------------------------------------------------------------

def _ordered(mapping: dict, order: tuple) -> dict:
    first = {key: mapping[key] for key in order if key in mapping}
    return {**first, **{key: value for key, value in mapping.items() if key not in first}}


def _same(current: str | None, wanted: dict) -> bool:
    return current is not None and json.loads(current) == wanted


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInput(f"cannot read {path}: {err}") from None


def _json_files(directory: str) -> list[str]:
    """The .json files under the layout's folders, relative, with "/", sorted."""
    found = []
    for top in ROOTS:
        for folder, _, names in os.walk(os.path.join(directory, top)):
            relative = os.path.relpath(folder, directory).replace(os.sep, "/")
            found += [f"{relative}/{name}" for name in names if name.endswith(".json")]
    return sorted(found)


def _remove_empty_folders(directory: str) -> None:
    for top in ROOTS:
        for folder, _, _ in sorted(os.walk(os.path.join(directory, top)), reverse=True):
            if not os.listdir(folder):
                os.rmdir(folder)
