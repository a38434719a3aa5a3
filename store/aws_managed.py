"""AWS managed policies, shipped with their real documents (data/aws_managed_policies.json,
see data/README.md for where each came from). They can be attached, never edited."""

import functools
import json
from importlib import resources

PREFIX = "arn:aws:iam::aws:policy/"
# The table of an imported account's own copies of AWS managed policies (every version it
# saw: store/account_import.py); where it has one, it stands in for the shipped copy.
TABLE = "aws_managed_policies"


@functools.lru_cache(maxsize=1)
def _all() -> dict:
    raw = json.loads(resources.files("store").joinpath("data/aws_managed_policies.json")
                     .read_text(encoding="utf-8"))
    policies = {}
    for entry in raw:
        version = {"VersionId": entry["DefaultVersionId"],
                   "Document": json.dumps(entry["Document"], indent=4),
                   "IsDefaultVersion": True, "CreateDate": entry.get("UpdateDate")}
        policies[entry["Arn"]] = {
            "PolicyName": entry["PolicyName"], "PolicyId": entry.get("PolicyId"),
            "Arn": entry["Arn"], "Path": entry["Path"],
            "DefaultVersionId": entry["DefaultVersionId"], "IsAttachable": True,
            "Description": entry.get("Description"), "CreateDate": entry.get("CreateDate"),
            "UpdateDate": entry.get("UpdateDate"), "Versions": [version]}
    return policies


def get(arn: str) -> dict | None:
    return _all().get(arn)


def all_policies() -> list[dict]:
    return list(_all().values())
