"""The audit trail as CloudTrail's event history shows it: newest first, to a caller who
may ``cloudtrail:LookupEvents``.

Viewing event history is authorized like any other call: an IAM user or role needs an
Allow for ``cloudtrail:LookupEvents``, an action with no resource type, so the request's
resource is ``*``
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html,
https://docs.aws.amazon.com/awscloudtrail/latest/userguide/security_iam_id-based-policy-examples.html).
The root user may always look.
"""

from .authorize import authorize
from .principals import Identity

LOOKUP_EVENTS = "LookupEvents"


def lookup_events(store, caller: Identity) -> list[dict]:
    """Every record of the trail, newest first; AccessDenied unless ``caller`` may
    look up events."""
    authorize(store.view(), caller, f"cloudtrail:{LOOKUP_EVENTS}", "*", {})
    return store.audit_trail()
