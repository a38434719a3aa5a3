"""Store speed on a big account: 10,000 users, 2,000 groups, 5,000 roles and 5,000
customer managed policies (quotas raised to hold them), each user in up to 5 groups with
up to 5 policies attached, each role with a trust policy and up to 5. Prints the file's
size, the time to open it and list every user (in this process and in a fresh
``iamtui`` process), the time of one change (fsync included) and of a refused one.
Asserts nothing.

    python bench/bench_store.py [--users 10000] [--runs 30] [--keep DIR]

Targets: open and list under 0.5 s; one change under 50 ms (median).
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from store import IamError, Store
from store.account import Account
from store.ids import managed_policy_arn, unique_id
from store.operations import OPERATIONS

SERVICES = ["s3", "ec2", "dynamodb", "sqs", "sns", "kms", "lambda", "logs", "cloudwatch", "rds"]
TRUSTED = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]


def policy_document(rng: random.Random, account_id: str, n: int) -> str:
    """Two to four statements of the kinds real policies hold."""
    service = rng.choice(SERVICES)
    statements = [
        {"Sid": "Read", "Effect": "Allow",
         "Action": [f"{service}:Get*", f"{service}:List*", f"{service}:Describe*"],
         "Resource": f"arn:aws:{service}:*:{account_id}:team-{n % 50}/*"},
        {"Sid": "Write", "Effect": "Allow", "Action": [f"{service}:Put*", f"{service}:Create*"],
         "Resource": f"arn:aws:{service}:us-east-1:{account_id}:team-{n % 50}/*",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": f"team-{n % 50}"},
                       "Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Sid": "NoDelete", "Effect": "Deny", "Action": f"{service}:Delete*", "Resource": "*",
         "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Sid": "Office", "Effect": "Allow", "Action": f"{service}:*", "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}}},
    ]
    chosen = statements[:rng.randint(2, 4)]
    return json.dumps({"Version": "2012-10-17", "Statement": chosen}, indent=4)


def trust_policy(rng: random.Random) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": rng.choice(TRUSTED)},
        "Action": "sts:AssumeRole"}]}, indent=4)


def policies(account: Account, rng: random.Random, count: int) -> list[dict]:
    made = []
    for n in range(count):
        name = f"policy-{n:05d}"
        made.append({
            "PolicyName": name, "PolicyId": unique_id("policy"),
            "Arn": managed_policy_arn(account.id, "/", name), "Path": "/",
            "Description": f"Access for team {n % 50}", "CreateDate": account.now,
            "UpdateDate": account.now, "DefaultVersionId": "v1", "IsAttachable": True,
            "Tags": [], "Versions": [{"VersionId": "v1", "IsDefaultVersion": True,
                                      "Document": policy_document(rng, account.id, n),
                                      "CreateDate": account.now}],
            "NextVersion": 2})
    return made


def entities(account: Account, kind: str, count: int, extra) -> list[dict]:
    """``count`` users / groups / roles as the Create operation makes them, plus ``extra()``."""
    made = []
    for n in range(count):
        entity = account.new_entity(kind, f"{kind}-{n:05d}", "/")
        entity.update(extra())
        made.append(entity)
    return made


def build(store: Store, args, rng: random.Random) -> None:
    """The whole account, written in one transaction."""
    with store.database.transaction() as db:
        account = Account(store.database, db, "2026-01-05T09:00:00+00:00")
        db.table("account").update({"Quotas": {  # room for the changes measured
            "UsersQuota": 2 * args.users, "GroupsQuota": 2 * args.groups,
            "RolesQuota": 2 * args.roles, "PoliciesQuota": 2 * args.policies}}, doc_ids=[1])
        managed = policies(account, rng, args.policies)
        arns = [p["Arn"] for p in managed]
        groups = entities(account, "group", args.groups, lambda: {
            "AttachedPolicies": rng.sample(arns, rng.randint(0, 5)), "InlinePolicies": {}})
        group_ids = [g["GroupId"] for g in groups]
        users = entities(account, "user", args.users, lambda: {
            "Tags": [{"Key": "team", "Value": f"team-{rng.randrange(50)}"}],
            "GroupIds": rng.sample(group_ids, rng.randint(0, 5)),
            "AttachedPolicies": rng.sample(arns, rng.randint(0, 5)), "InlinePolicies": {}})
        roles = entities(account, "role", args.roles, lambda: {
            "AssumeRolePolicyDocument": trust_policy(rng), "Description": "service role",
            "MaxSessionDuration": 3600, "Tags": [],
            "AttachedPolicies": rng.sample(arns, rng.randint(0, 5)), "InlinePolicies": {}})
        for table, documents in (("policies", managed), ("groups", groups),
                                 ("users", users), ("roles", roles)):
            db.table(table).insert_multiple(documents)


def list_all_users(store: Store) -> int:
    count, params = 0, {"MaxItems": 1000}
    while True:
        page = store.call("ListUsers", params)
        count += len(page["Users"])
        if not page["IsTruncated"]:
            return count
        params = {"MaxItems": 1000, "Marker": page["Marker"]}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def iamtui_command() -> str | None:
    """The installed ``iamtui`` (beside this Python, else on PATH), if it has
    ``iam list-users`` yet."""
    beside = os.path.join(os.path.dirname(sys.executable), "iamtui")
    command = beside if os.path.exists(beside) else shutil.which("iamtui")
    if command is None:
        return None
    probe = subprocess.run([command, "iam", "list-users", "--help"], capture_output=True)
    return command if probe.returncode == 0 else None


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"{label}: median {statistics.median(times) * 1e3:.2f} ms, "
          f"p90 {p90 * 1e3:.2f} ms ({len(times)} runs)")


def measure_open(path: str) -> None:
    """A fresh Store (or process) has to load and parse the whole file first."""
    report("open (fresh Store, first GetUser)",
           [timed(lambda: Store(path).call("GetUser", {"UserName": "user-00000"}))
            for _ in range(5)])
    report("open and list every user (fresh Store, pages of 1,000)",
           [timed(lambda: list_all_users(Store(path))) for _ in range(5)])
    command = iamtui_command()
    if command:
        env = dict(os.environ, IAMTUI_DB=path)
        report("open and list every user (fresh process: iamtui iam list-users)",
               [timed(lambda: subprocess.run([command, "iam", "list-users"], env=env,
                                             check=True, capture_output=True))
                for _ in range(3)])
    else:
        print("fresh process: skipped (no `iamtui iam list-users` yet)")


def measure_changes(store: Store, runs: int) -> None:
    """Each change rewrites and fsyncs the whole file."""
    names = [f"bench-{n}" for n in range(runs)]
    report("CreateUser", [timed(lambda: store.call("CreateUser", {"UserName": name}))
                          for name in names])
    if "AttachUserPolicy" in OPERATIONS:
        arn = managed_policy_arn("123456789012", "/", "policy-00000")
        report("AttachUserPolicy", [timed(lambda: store.call(
            "AttachUserPolicy", {"UserName": name, "PolicyArn": arn})) for name in names])
    report("GetUser (read)", [timed(lambda: store.call("GetUser", {"UserName": name}))
                              for name in names])
    report("CreateUser refused (name taken), then GetUser",
           [timed(lambda: refused_then_read(store, name)) for name in names])


def refused_then_read(store: Store, name: str) -> None:
    """A refused change discards the state it may have touched: the next read reloads."""
    with contextlib.suppress(IamError):
        store.call("CreateUser", {"UserName": name})
    store.call("GetUser", {"UserName": name})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=2_000)
    parser.add_argument("--roles", type=int, default=5_000)
    parser.add_argument("--policies", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR and keep it")
    args = parser.parse_args()

    directory = args.keep or tempfile.mkdtemp(prefix="iamtui-bench-")
    path = os.path.join(directory, "iam.json")
    store = Store(path)
    store.create_account(account_id="123456789012", alias="bench")
    print(f"build: {timed(lambda: build(store, args, random.Random(42))):.2f} s "
          f"({args.users:,} users, {args.groups:,} groups, {args.roles:,} roles, "
          f"{args.policies:,} policies)")
    print(f"file size: {os.path.getsize(path) / 1e6:.1f} MB")

    measure_open(path)
    measure_changes(store, args.runs)
    if not args.keep:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
