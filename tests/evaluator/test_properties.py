"""Properties of the decision and the parser, over generated policies.

- Order does not matter: "The order of the elements doesn't matter" and every
  applicable policy is evaluated, an explicit Deny winning wherever it is
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html,
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html).
- So adding a Deny can only take permissions away and adding an Allow statement to a
  policy can only add them.
- The fast path (explain=False) decides as the explained one does.
- The parser raises nothing but PolicyValidationError, whatever it is given.

Policies come from a small vocabulary so that decisions vary.
"""

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policies import ACCOUNT, ROLE_ARN, SESSION_ARN

from evaluator import (ALLOWED, IDENTITY, RESOURCE, TRUST, Bound, Caller, PolicySet,
                       PolicyValidationError, Request, evaluate, make_context, parse_policy)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

ACTIONS = ["s3:GetObject", "s3:PutObject", "iam:GetUser", "ec2:RunInstances"]
ACTION_PATTERNS = ["s3:*", "s3:Get*", "S3:getobject", "*", "iam:Get?ser", "ec2:RunInstances",
                   "iam:*"]
RESOURCES = ["arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/other",
             f"arn:aws:iam::{ACCOUNT}:user/alice", "*"]
RESOURCE_PATTERNS = ["*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key",
                     "arn:aws:iam::*:user/${aws:username}", "arn:aws:s3:::*o*"]
CONDITIONS = [
    {"StringEquals": {"aws:username": "alice"}},
    {"StringNotEquals": {"aws:username": "alice"}},
    {"Bool": {"aws:SecureTransport": "true"}},
    {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
    {"Null": {"aws:username": "true"}},
    {"StringLikeIfExists": {"s3:prefix": "home/*"}},
]
PRINCIPALS = ["*", {"AWS": ACCOUNT}, {"AWS": ROLE_ARN}, {"AWS": SESSION_ARN},
              {"AWS": f"arn:aws:iam::{ACCOUNT}:user/bob"}]
CONTEXT = {"aws:username": "alice", "aws:SecureTransport": "true",
           "aws:SourceIp": "203.0.113.7", "s3:prefix": "home/alice"}


@st.composite
def statements(draw, effect=None, principal=False):
    if effect is None:  # Allow twice as often, so that some requests end up allowed
        effect = draw(st.sampled_from(["Allow", "Allow", "Deny"]))
    out = {"Effect": effect}
    key = draw(st.sampled_from(["Action", "NotAction"]))
    out[key] = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=2))
    key = draw(st.sampled_from(["Resource", "Resource", "NotResource"]))
    out[key] = draw(st.sampled_from(RESOURCE_PATTERNS))
    if draw(st.sampled_from([False, False, True])):
        out["Condition"] = draw(st.sampled_from(CONDITIONS))
    if principal:
        out["Principal"] = draw(st.sampled_from(PRINCIPALS))
    return out


def policy_lists(principal=False, min_size=1):
    return st.lists(st.lists(statements(principal=principal), min_size=1, max_size=4),
                    min_size=min_size, max_size=2)


@st.composite
def scenarios(draw):
    """(policy statement lists by place, request)."""
    def sometimes(lists):  # guardrails are present one time in three
        return draw(st.sampled_from([False, False, True]).flatmap(
            lambda present: lists if present else st.just([])))
    places = {
        "identity": draw(policy_lists(min_size=0)),
        "boundary": sometimes(policy_lists().map(lambda p: p[:1])),
        "session": sometimes(policy_lists()),
        "scps": sometimes(policy_lists()),
        "resource": draw(st.one_of(st.just([]), policy_lists(principal=True)
                                   .map(lambda p: p[:1]))),
    }
    keys = draw(st.sets(st.sampled_from(sorted(CONTEXT))))
    request = Request(draw(st.sampled_from(ACTIONS)), draw(st.sampled_from(RESOURCES)),
                      Caller.from_arn(SESSION_ARN),
                      make_context({k: CONTEXT[k] for k in keys}),
                      draw(st.sampled_from([ACCOUNT, None, "444455556666"])))
    return places, request


def text(stmts):
    return json.dumps({"Version": "2012-10-17", "Statement": stmts})


def policy_set(places) -> PolicySet:
    def bounds(name, kind=IDENTITY):
        return tuple(Bound(parse_policy(text(p), kind), f"{name}{i}")
                     for i, p in enumerate(places[name]))
    resource = bounds("resource", RESOURCE)
    return PolicySet(identity=bounds("identity"), boundary=bounds("boundary"),
                     session=bounds("session"), scps=bounds("scps"),
                     resource=resource[0] if resource else None)


def decision(places, request) -> str:
    policies = policy_set(places)
    explained = evaluate(request, policies).decision
    assert evaluate(request, policies, explain=False).decision == explained
    return explained


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_never_matters(scenario, rnd: random.Random):
    places, request = scenario
    before = decision(places, request)
    shuffled = {}
    for name, policies in places.items():
        policies = [rnd.sample(p, len(p)) for p in policies]
        shuffled[name] = rnd.sample(policies, len(policies))
    assert decision(shuffled, request) == before


def with_statement(places, name, index, new):
    out = {k: [list(p) for p in v] for k, v in places.items()}
    if index < len(out[name]):
        out[name][index].append(new)
    elif name == "identity":
        out[name].append([new])
    return out


@SETTINGS
@given(scenarios(), st.sampled_from(["identity", "boundary", "session", "scps", "resource"]),
       st.integers(0, 2), st.data())
def test_adding_a_deny_never_allows(scenario, name, index, data):
    places, request = scenario
    before = decision(places, request)
    deny = data.draw(statements(effect="Deny", principal=name == "resource"))
    after = decision(with_statement(places, name, index, deny), request)
    if before != ALLOWED:
        assert after != ALLOWED


@SETTINGS
@given(scenarios(), st.sampled_from(["identity", "boundary", "session", "scps", "resource"]),
       st.integers(0, 2), st.data())
def test_adding_an_allow_never_denies(scenario, name, index, data):
    places, request = scenario
    before = decision(places, request)
    allow = data.draw(statements(effect="Allow", principal=name == "resource"))
    after = decision(with_statement(places, name, index, allow), request)
    if before == ALLOWED:
        assert after == ALLOWED


# --- the parser never fails any other way ----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.sampled_from(["*", "Allow", "Deny", "s3:*", "arn:aws:s3:::b/*",
                                              "2012-10-17", "${aws:username}", "10.0.0.300"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["Version", "Statement", "Effect", "Action", "NotAction",
                                       "Resource", "NotResource", "Principal", "Condition",
                                       "Sid", "Id", "AWS", "StringEquals", "IpAddress",
                                       "aws:SourceIp", "ForAnyValue:StringLike"])
                      | st.text(max_size=8), children, max_size=5),
    max_leaves=30)

policy_like = st.fixed_dictionaries(
    {"Version": st.sampled_from(["2012-10-17", "2008-10-17"]),
     "Statement": st.lists(st.dictionaries(
         st.sampled_from(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                          "Principal", "NotPrincipal", "Condition"]),
         json_values, min_size=1), min_size=1, max_size=3)})


def parses_or_rejects(value_text, kind):
    try:
        parse_policy(value_text, kind)
    except PolicyValidationError as err:
        assert str(err)


@SETTINGS
@given(st.one_of(json_values, policy_like), st.sampled_from([IDENTITY, RESOURCE, TRUST]),
       st.sampled_from([None, 2]))
def test_parser_on_any_json_value(value, kind, indent):
    parses_or_rejects(json.dumps(value, indent=indent), kind)


@SETTINGS
@given(st.text(max_size=300), st.sampled_from([IDENTITY, RESOURCE, TRUST]))
def test_parser_on_any_text(value, kind):
    parses_or_rejects(value, kind)
