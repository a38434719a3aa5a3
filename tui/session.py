"""The app's hold on its store: who is acting, the one door every change goes through,
and noticing when the store changed (by us or by another process).

Every check is the store's: ``call`` is ``Store.call`` with the acting principal, so an
operation that principal may not do is refused with AWS's AccessDenied wording."""

import os

from store import Identity, Store
from store.principals import root


class Session:
    def __init__(self, store: Store, acting: Identity | None = None):
        self.store = store
        self.acting = acting or root(store.account_id)
        self.seen = None   # (the state's version, the audit trail's size) last seen

    def account(self):
        """The account as it stands now (reloaded if another process changed the file)."""
        return self.store.view()

    def call(self, operation: str, params: dict | None = None) -> dict:
        """``Store.call`` as the acting principal; raises the store's IamError."""
        return self.store.call(operation, params or {}, self.acting)

    def changed_since_seen(self) -> bool:
        """Whether the store changed since the last time this was asked — or its audit
        trail grew: a call another process made and was refused changes only that."""
        self.store.view()
        try:
            trail = os.stat(self.store.audit_path).st_size
        except FileNotFoundError:
            trail = 0
        now = (self.store.database.version, trail)
        if now == self.seen:
            return False
        self.seen = now
        return True

