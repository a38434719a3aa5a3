"""Who a command acts as: the principal ``--as`` names, or the root user."""

from store import IamError, Identity, Store

from .output import OTHER_ERROR, Failure


def caller(store: Store, who: str | None) -> Identity | None:
    """The identity ``--as`` names (None: the store's default, the root user)."""
    if who is None:
        return None
    try:
        return store.identity(who)
    except IamError as err:
        raise Failure(f"\n--as {who}: {err.message}", OTHER_ERROR) from None
