"""Policy documents as IAM accepts them for storage: valid in the policy language (the
evaluator's parser decides) and within IAM's size quotas, which do not count white space
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)."""

import re
import urllib.parse

from evaluator import IDENTITY, PolicyValidationError, parse_policy

from .errors import LimitExceeded, MalformedPolicyDocument

_WHITESPACE = re.compile(r"\s+")


def checked(text: str, account, quota: str, kind: str = IDENTITY, what: str = "") -> str:
    """``text`` if IAM would store it, else MalformedPolicyDocument / LimitExceeded.

    ``quota`` names the size quota (PolicySizeQuota, UserPolicySizeQuota, ...); ``what``
    says whose policy it is for the message. URL-encoded documents (as AWS itself emits
    them) are decoded first.
    """
    text = decoded(text)
    limit = account.quota(quota)
    size = len(_WHITESPACE.sub("", text))
    if size > limit:
        label = quota.removesuffix("Quota")
        raise LimitExceeded(f"Cannot exceed quota for {label}: {limit}"
                            + (f" ({what} is {size:,} characters without white space)"
                               if what else ""))
    try:
        parse_policy(text, kind, max_length=None)
    except PolicyValidationError as err:
        raise MalformedPolicyDocument(str(err)) from None
    return text


def decoded(text: str) -> str:
    """A document AWS URL-encoded (``%7B%22Version%22...``) as plain JSON text."""
    stripped = text.lstrip()
    if stripped.startswith("%7B") or stripped.startswith("%7b"):
        return urllib.parse.unquote(text)
    return text
