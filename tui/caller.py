"""Who a command acts as: the principal ``--as`` names; else the access key in the AWS
CLI's environment variables, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
AWS_SESSION_TOKEN for temporary credentials:
https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html); else the
root user.

Credentials the store refuses (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken)
raise its IamError, so the command words it as the AWS CLI does, for the operation it was
calling, and exits 254.
"""

import os

from store import IamError, Identity, Store

from .output import OTHER_ERROR, Failure


def caller(store: Store, who: str | None) -> Identity | None:
    """The identity ``--as`` or the environment names (None: the store's default, the
    root user)."""
    if who is not None:
        try:
            return store.identity(who)
        except IamError as err:
            raise Failure(f"\n--as {who}: {err.message}", OTHER_ERROR) from None
    key_id = os.environ.get("AWS_ACCESS_KEY_ID")
    if not key_id:
        return None
    secret = os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not secret:  # botocore's PartialCredentialsError
        raise Failure("\nPartial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
                      OTHER_ERROR)
    return store.credentials_caller(key_id, secret, os.environ.get("AWS_SESSION_TOKEN") or None)
