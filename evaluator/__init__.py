"""The AWS IAM policy language and the decision AWS makes with it.

Pure: standard library only, no I/O. Parse a document once (``parse_policy``), then
``evaluate`` requests against a ``PolicySet`` as often as needed.
"""

from .decision import (ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, Bound, Decision, Match,
                       PolicySet, evaluate)
from .errors import PolicyValidationError
from .policy import IDENTITY, RESOURCE, TRUST, Policy, Statement, parse_policy
from .request import Caller, ContextValue, Request, make_context

__all__ = [
    "ALLOWED", "EXPLICIT_DENY", "IMPLICIT_DENY", "IDENTITY", "RESOURCE", "TRUST",
    "Bound", "Caller", "ContextValue", "Decision", "Match", "Policy", "PolicySet",
    "PolicyValidationError", "Request", "Statement", "evaluate", "make_context",
    "parse_policy",
]
