"""Checks on the document as a whole: its Version, the variables it relies on, its Sids
and its size. All Access Analyzer's.

Without ``"Version": "2012-10-17"`` a policy is read as Version 2008-10-17, under which
``${aws:username}`` is literal text, not a variable
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html):
so a variable under either is VARIABLE_UNSUPPORTED_IN_VERSION, beside MISSING_VERSION.
"""

import re

from evaluator import IDENTITY

from ..account import DEFAULT_QUOTAS
from .issues import Problem

_VARIABLE = re.compile(r"\$\{[^}*?$]+\}")  # not the ${*} ${?} ${$} escapes
_WHITESPACE = re.compile(r"\s+")
_SIZE_QUOTA = DEFAULT_QUOTAS["PolicySizeQuota"]


def check(doc):
    version = doc.tree.get("Version")
    if version is None:
        yield Problem("MISSING_VERSION", "We recommend that you specify the Version element to "
                      "help you with debugging permission issues.", ())
    if version != "2012-10-17":
        for stmt in doc.statements:
            places = [([e.value], e.path) for e in stmt.resources]
            places += [(values, path) for _, _, values, path in stmt.conditions()]
            for values, path in places:
                if any(_VARIABLE.search(value) for value in values):
                    yield Problem("VARIABLE_UNSUPPORTED_IN_VERSION", "To include variables in "
                                  "your policy, use the policy version 2012-10-17 or later.", path)
    for stmt in doc.statements:
        if stmt.raw.get("Sid") == "":
            yield Problem("EMPTY_SID_VALUE", "Add a value to the empty string in the Sid element.",
                          stmt.path + ("Sid",))
    size = len(_WHITESPACE.sub("", doc.text))
    if doc.kind == IDENTITY and size > _SIZE_QUOTA:
        yield Problem("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "The characters in the "
                      f"identity policy, excluding whitespace ({size:,}), exceed the character "
                      f"maximum for managed policies ({_SIZE_QUOTA:,}). We recommend that you "
                      "use multiple granular policies.", ())
