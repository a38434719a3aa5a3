"""Shared helpers for the evaluator tests, handed out as fixtures.

``decide`` runs one identity policy against one request and returns the Decision
(checking on the way that the fast path, ``explain=False``, decides the same);
``holds`` answers whether a Condition block lets an Allow statement apply;
``invalid`` returns the PolicyValidationError a Condition block raises at parse time.
"""

import json

import pytest

import policies

from evaluator import ALLOWED, PolicyValidationError, parse_policy


def policy_text(policy) -> str:
    """A policy given as text or as a dict, as the text parse_policy takes."""
    return policy if isinstance(policy, str) else json.dumps(policy)


def one_statement(condition, effect="Allow", action="s3:GetObject", resource="*") -> dict:
    """A Version 2012-10-17 policy whose only statement carries ``condition``."""
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": effect, "Action": action, "Resource": resource,
                           "Condition": condition}]}


def _decide(policy, action="s3:GetObject", resource="*", context=None):
    return policies.decide(action, resource, caller=None,
                           identity=[policy_text(policy)], context=context)


def _holds(condition, context=None) -> bool:
    return _decide(one_statement(condition), context=context).decision == ALLOWED


def _invalid(condition) -> PolicyValidationError:
    with pytest.raises(PolicyValidationError) as caught:
        parse_policy(policy_text(one_statement(condition)))
    return caught.value


@pytest.fixture
def decide():
    """decide(policy_dict_or_text, action, resource="*", context=None)."""
    return _decide


@pytest.fixture
def holds():
    """holds(condition_block, context=None) -> does an Allow with it apply?"""
    return _holds


@pytest.fixture
def invalid():
    """invalid(condition_block) -> the PolicyValidationError parse_policy raises."""
    return _invalid
