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
        self.seen = None   # (the store file's stamp, the audit trail's size) last seen

    def account(self):
        """The account as it stands now (reloaded if another process changed the file)."""
        return self.store.view()

    def call(self, operation: str, params: dict | None = None) -> dict:
        """``Store.call`` as the acting principal; raises the store's IamError."""
        return self.store.call(operation, params or {}, self.acting)

    def changed_since_seen(self) -> str | None:
        """What changed since the last time this was asked: ``"state"`` (the store's
        state, by us or another process), ``"trail"`` (only the audit trail grew: a
        refused call, ours or another process's, changes nothing else), or None."""
        self.store.view()
        try:
            trail = os.stat(self.store.audit_path).st_size
        except FileNotFoundError:
            trail = 0
        # The file the state was read from, not the state's version: a refused write
        # rolls back by re-reading the same file, which bumps the version.
        now = (self.store.database.stamp, trail)
        seen, self.seen = self.seen, now
        if now == seen:
            return None
        return "trail" if seen is not None and seen[0] == now[0] else "state"
