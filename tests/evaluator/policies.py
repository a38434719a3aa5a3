"""Building blocks for evaluator tests: policy documents from statements, and one call
that evaluates a request both ways (explained and fast) and checks they agree."""

import json

from evaluator import (IDENTITY, RESOURCE, Bound, Caller, PolicySet, Request, evaluate,
                       make_context, parse_policy)

ACCOUNT = "111122223333"
OTHER_ACCOUNT = "444455556666"
USER_ARN = f"arn:aws:iam::{ACCOUNT}:user/alice"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/examplerole"
SESSION_ARN = f"arn:aws:sts::{ACCOUNT}:assumed-role/examplerole/examplerolesessionname"
ROOT_ARN = f"arn:aws:iam::{ACCOUNT}:root"


def statement(effect="Allow", action="*", resource="*", **elements) -> dict:
    """One statement; ``action`` / ``resource`` of None leave the element out, and
    ``elements`` adds others as written (``NotAction=...``, ``Principal=...``)."""
    out = {"Effect": effect}
    if action is not None:
        out["Action"] = action
    if resource is not None:
        out["Resource"] = resource
    out.update(elements)
    return out


def document(*statements, version="2012-10-17") -> str:
    """A policy document's text: a Statement list, with ``version`` (None: no Version)."""
    doc = {} if version is None else {"Version": version}
    doc["Statement"] = list(statements)
    return json.dumps(doc)


def bound(text_or_statement, source_id="P1", kind=IDENTITY) -> Bound:
    text = text_or_statement if isinstance(text_or_statement, str) \
        else document(text_or_statement)
    return Bound(parse_policy(text, kind), source_id)


def decide(action, resource="*", *, caller=USER_ARN, identity=(), resource_policy=None,
           boundary=(), session=(), scps=(), rcps=(), context=None, resource_account=None,
           resource_must_allow=False, resource_kind=RESOURCE):
    """Evaluate a request; policies are given as texts or single statements (the
    resource-based one parsed as ``resource_kind``: RESOURCE, or TRUST for a role).

    Returns the explained Decision after checking the fast path (explain=False)
    reaches the same decision.
    """
    if isinstance(caller, str):
        caller = Caller.from_arn(caller)
    policies = PolicySet(
        identity=tuple(bound(p, f"identity{i}") for i, p in enumerate(identity, 1)),
        resource=None if resource_policy is None else bound(resource_policy, "resource",
                                                            resource_kind),
        boundary=tuple(bound(p, f"boundary{i}") for i, p in enumerate(boundary, 1)),
        session=tuple(bound(p, f"session{i}") for i, p in enumerate(session, 1)),
        scps=tuple(bound(p, f"scp{i}") for i, p in enumerate(scps, 1)),
        rcps=tuple(bound(p, f"rcp{i}") for i, p in enumerate(rcps, 1)),
        resource_must_allow=resource_must_allow)
    request = Request(action, resource, caller, make_context(context or {}),
                      resource_account)
    explained = evaluate(request, policies)
    fast = evaluate(request, policies, explain=False)
    assert fast.decision == explained.decision, (explained, fast)
    return explained
