"""The store file as a TinyDB database: read the latest state, or change it in a
transaction that either commits whole or leaves nothing behind."""

import contextlib
import gc
import os

from tinydb import TinyDB

from .errors import StoreUnusable
from .storage import AtomicStorage, exclusive_lock

SCHEMA = 1          # the layout of the tables; stored in the file's "meta" table
MARKER = "iamtui"   # what says a TinyDB file is an iamtui store


def default_path() -> str:
    """``$IAMTUI_DB``, else ``iam.json`` in the data directory."""
    return os.environ.get("IAMTUI_DB") or os.path.join(data_directory(), "iam.json")


def data_directory() -> str:
    """``$XDG_DATA_HOME/iamtui`` (``~/.local/share/iamtui`` when XDG_DATA_HOME is unset)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return os.path.join(base, "iamtui")


class Database:
    """One store file. ``read()`` gives the latest committed state; ``transaction()``
    holds the file's lock from reading to writing."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        directory = os.path.dirname(self.path)
        try:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        except OSError as err:
            raise StoreUnusable(f"cannot create {directory}: {err.strerror}") from None
        self.storage = AtomicStorage(self.path)
        self.db = None
        self._derived = {}
        self._in_transaction = False
        self._finished = []  # finish hooks of transactions nested in the current one

    @property
    def version(self) -> int:
        """Changes whenever the state in memory does (a reload or a write)."""
        return self.storage.version

    @property
    def stamp(self):
        """Which write of the file the state was read from: new after any write, ours or
        another process's; the same after a refused change (it re-reads the same file,
        though ``version`` changes)."""
        return self.storage.stamp

    def read(self) -> TinyDB:
        """The latest committed state (reloaded if another process changed the file)."""
        if self.db is None or (not self._in_transaction and self.storage.changed_on_disk()):
            self._load()
        return self.db

    @contextlib.contextmanager
    def transaction(self, finish=None):
        """Lock, bring the state up to date, run the block, and write the result
        atomically. An exception in the block discards every change it made.

        ``finish(error)`` runs once the outcome is settled — after the write (error None)
        or after the rollback (the exception) — still under the lock, so what it
        records (the audit trail) is in the same order as the changes. A transaction
        inside another is part of it: its ``finish`` runs when the outer one has
        written, and not at all if the outer one rolls back (nothing happened).
        """
        if self._in_transaction:
            yield self.db
            if finish is not None:
                self._finished.append(finish)
            return
        with exclusive_lock(self.path + ".lock"):
            if self.db is None or self.storage.changed_on_disk():
                self._load()
            self._in_transaction = True
            self._finished = []
            try:
                yield self.db
                if self.storage.dirty:
                    self.storage.remove_stale_temporaries()
                    self.storage.flush()
            except BaseException as error:
                self.db = None  # forget what the block changed: reload on next use
                if finish is not None:
                    finish(error)
                raise
            else:
                for nested in self._finished:
                    nested(None)
                if finish is not None:
                    finish(None)
            finally:
                self._in_transaction = False
                self._finished = []

    def index(self, table: str, field: str, fold: bool = False) -> dict:
        """``{document[field]: doc_id}`` over a table (the value lower-cased with
        ``fold``), rebuilt only when the state changed."""
        return self.derived(("index", field, fold), table,
                            lambda documents: _index(documents, field, fold))

    def derived(self, key, table: str, compute):
        """``compute(documents)`` — worked out from one table as stored, to read only — kept
        until that table changes. (TinyDB writes a changed table as a new object, and a
        reload makes every table new, so "the same object" means "unchanged".)"""
        self.read()  # may reload
        documents = self.storage.table(table)
        cached = self._derived.get((key, table))
        if cached is None or cached[0] is not documents:
            cached = (documents, compute(documents))
            self._derived[(key, table)] = cached
        return cached[1]

    def current(self, key, compute):
        """``compute()`` — worked out from the whole state, to read only — kept until the
        state changes (a write or a reload), for views that read several tables."""
        self.read()  # may reload
        cached = self._derived.get((key, None))
        if cached is None or cached[0] != self.version:
            cached = (self.version, compute())
            self._derived[(key, None)] = cached
        return cached[1]

    def _load(self) -> None:
        """Read the file; a file that is not a store this version can use is refused, and
        stays refused (nothing is kept from it, so nothing can be written over it)."""
        self.db = None
        # The loaded state is a few hundred thousand dicts and lists that live until the
        # next reload: loaded with the cyclic collector paused (it would scan them again
        # and again as they are made), then kept out of its passes, which cost ~40 ms each
        # on a 10,000-user store. They hold no cycles, so reference counting still frees
        # them when a reload replaces them.
        collecting = gc.isenabled()
        gc.collect()   # what is garbage now must not be frozen below, where it would stay
        gc.disable()
        try:
            exists = self.storage.load()
        finally:
            if collecting:
                gc.enable()
        gc.freeze()
        db = TinyDB(storage=lambda: self.storage)  # fresh: no stale TinyDB caches
        if exists:
            self._check(db.table("meta").get(doc_id=1))
        self.db = db

    def _check(self, meta: dict | None) -> None:
        if meta is None or meta.get("marker") != MARKER:
            raise StoreUnusable(f"{self.path} is a JSON file but not an iamtui store; "
                                "it was left untouched")
        if meta.get("schema", 0) > SCHEMA:
            raise StoreUnusable(f"{self.path} was written by a newer iamtui (schema "
                                f"{meta['schema']}; this one reads up to {SCHEMA})")


def _index(documents: dict, field: str, fold: bool) -> dict:
    """Read straight from the stored documents: no per-document copy, as iterating a
    TinyDB table would make."""
    if fold:
        return {doc[field].lower(): int(doc_id) for doc_id, doc in documents.items()
                if doc.get(field) is not None}
    return {doc[field]: int(doc_id) for doc_id, doc in documents.items()
            if doc.get(field) is not None}
