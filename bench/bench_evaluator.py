"""Evaluator speed: decisions per second and median microseconds per decision for a
realistic principal (10 policies, 100 statements mixing wildcards, NotAction /
NotResource, policy variables and conditions), with and without explanations, plus
parse time per policy: the same documents again once the policy cache is cleared (their
patterns and conditions are kept, see evaluator/wildcard.py and conditions.py), and
documents never seen (other teams' ARNs, Sids and tags). Prints figures; asserts nothing.

    python bench/bench_evaluator.py [--seconds 3]
"""

import argparse
import json
import statistics
import time

from evaluator import Bound, Caller, PolicySet, Request, evaluate, make_context, parse_policy
from evaluator.policy import _parse

ACCOUNT = "123456789012"
SERVICES = ["s3", "ec2", "dynamodb", "iam", "sqs", "sns", "kms", "lambda", "logs", "cloudwatch"]


def statements_for(n: int, service: str) -> list[dict]:
    """Ten statements of the kinds real policies hold, varied by ``n``."""
    region = ["us-east-1", "eu-west-1", "*"][n % 3]
    return [
        {"Sid": f"Read{n}", "Effect": "Allow",
         "Action": [f"{service}:Get*", f"{service}:List*", f"{service}:Describe*"],
         "Resource": f"arn:aws:{service}:{region}:{ACCOUNT}:*"},
        {"Sid": f"Write{n}", "Effect": "Allow",
         "Action": [f"{service}:Put*", f"{service}:Create*"],
         "Resource": [f"arn:aws:{service}:{region}:{ACCOUNT}:team-{n}/*",
                      f"arn:aws:{service}:{region}:{ACCOUNT}:shared/${{aws:username}}/*"],
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": f"team-{n}"},
                       "Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Sid": f"Office{n}", "Effect": "Allow", "Action": f"{service}:*",
         "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]},
                       "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}},
        {"Sid": f"NoDelete{n}", "Effect": "Deny", "Action": [f"{service}:Delete*"],
         "Resource": "*",
         "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Sid": f"Region{n}", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "s3:*"],
         "Resource": "*",
         "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}},
        {"Sid": f"Fence{n}", "Effect": "Deny", "Action": f"{service}:*",
         "NotResource": [f"arn:aws:{service}:*:{ACCOUNT}:*", f"arn:aws:{service}:::*"]},
        {"Sid": f"Tags{n}", "Effect": "Allow", "Action": f"{service}:Tag*",
         "Resource": "*",
         "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": ["team", "cost-*"]}}},
        {"Sid": f"Secret{n}", "Effect": "Deny", "Action": "*",
         "Resource": f"arn:aws:{service}:*:{ACCOUNT}:secret-{n}*"},
        {"Sid": f"Owner{n}", "Effect": "Allow", "Action": [f"{service}:Update*"],
         "Resource": "*",
         "Condition": {"StringLike": {"aws:ResourceTag/owner": "${aws:username}"},
                       "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}},
        {"Sid": f"Arns{n}", "Effect": "Allow", "Action": f"{service}:Invoke*",
         "Resource": "*",
         "Condition": {"ArnLike": {"aws:SourceArn": f"arn:aws:*:*:{ACCOUNT}:team-{n}/*"}}},
    ]


def documents(numbers=range(10)) -> list[str]:
    return [json.dumps({"Version": "2012-10-17",
                        "Statement": statements_for(n, SERVICES[n % len(SERVICES)])}, indent=2)
            for n in numbers]


def requests() -> list[Request]:
    """Twenty requests: alice (tagged, with MFA, in the office) and bob (no MFA, from
    elsewhere, another region), so the mix holds allows, explicit and implicit denies."""
    alice = Caller.from_arn(f"arn:aws:iam::{ACCOUNT}:user/alice")
    bob = Caller.from_arn(f"arn:aws:iam::{ACCOUNT}:user/bob")
    alice_context = make_context({
        "aws:username": "alice", "aws:SourceIp": "10.1.2.3",
        "aws:CurrentTime": "2026-11-29T12:00:00Z", "aws:MultiFactorAuthPresent": True,
        "aws:MultiFactorAuthAge": "120", "aws:PrincipalTag/team": "team-0",
        "aws:RequestedRegion": "us-east-1", "aws:TagKeys": ["team", "cost-center"],
    })
    bob_context = make_context({
        "aws:username": "bob", "aws:SourceIp": "203.0.113.9",
        "aws:CurrentTime": "2026-11-29T12:00:00Z", "aws:MultiFactorAuthPresent": False,
        "aws:RequestedRegion": "eu-central-1", "aws:TagKeys": ["owner"],
    })
    cases = [
        ("s3:GetObject", "arn:aws:s3:::corp/reports/q3.csv"),
        ("s3:PutObject", f"arn:aws:s3:us-east-1:{ACCOUNT}:team-0/x"),
        ("s3:DeleteObject", "arn:aws:s3:::corp/reports/q3.csv"),
        ("ec2:DescribeInstances", f"arn:aws:ec2:eu-west-1:{ACCOUNT}:instance/i-1"),
        ("ec2:TagResource", f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-2"),
        ("dynamodb:GetItem", f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"),
        ("iam:CreateUser", f"arn:aws:iam::{ACCOUNT}:user/carol"),
        ("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{ACCOUNT}:secret-4-queue"),
        ("kms:UpdateAlias", f"arn:aws:kms:us-east-1:{ACCOUNT}:key/abc"),
        ("lambda:InvokeFunction", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"),
    ]
    return [Request(action, resource, caller, context)
            for caller, context in ((alice, alice_context), (bob, bob_context))
            for action, resource in cases]


def measure(fn, seconds: float) -> list[float]:
    """Per-call times in seconds, in batches of 100 calls, for about ``seconds``."""
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        for _ in range(100):
            fn()
        times.append((time.perf_counter() - start) / 100)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    texts = documents()
    statements = sum(len(json.loads(t)["Statement"]) for t in texts)
    parse_times = []
    for _ in range(20):
        _parse.cache_clear()
        for text in texts:
            start = time.perf_counter()
            parse_policy(text)
            parse_times.append(time.perf_counter() - start)
    new_times = []
    for text in documents(range(10, 210)):
        start = time.perf_counter()
        parse_policy(text)
        new_times.append(time.perf_counter() - start)
    policies = PolicySet(identity=tuple(Bound(parse_policy(t), f"P{i}") for i, t in enumerate(texts)))
    batch = requests()
    decisions = {}

    def cycle(explain):
        state = {"i": 0}

        def one():
            request = batch[state["i"] % len(batch)]
            state["i"] += 1
            decision = evaluate(request, policies, explain=explain).decision
            decisions[decision] = decisions.get(decision, 0) + 1
        return one

    print(f"policies: {len(texts)}, statements: {statements}, "
          f"average document: {sum(map(len, texts)) // len(texts)} characters")
    print(f"parse: median {statistics.median(parse_times) * 1e6:,.0f} µs per policy "
          f"(cache cleared), {statistics.median(new_times) * 1e6:,.0f} µs per new policy")
    for explain in (False, True):
        times = measure(cycle(explain), args.seconds)
        median = statistics.median(times)
        label = "with explanation   " if explain else "without explanation"
        print(f"decide {label}: {1 / median:,.0f} decisions/s, "
              f"median {median * 1e6:.1f} µs per decision")
    print("mix of decisions made:", ", ".join(f"{d} {n:,}" for d, n in sorted(decisions.items())))


if __name__ == "__main__":
    main()
