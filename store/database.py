"""The store file as a TinyDB database: read the latest state, or change it in a
transaction that either commits whole or leaves nothing behind."""

import contextlib
import os

from tinydb import TinyDB

from .errors import StoreUnusable
from .storage import AtomicStorage, exclusive_lock

SCHEMA = 1          # the layout of the tables; stored in the file's "meta" table
MARKER = "iamtui"   # what says a TinyDB file is an iamtui store


def default_path() -> str:
    """``$IAMTUI_DB``, else ``$XDG_DATA_HOME/iamtui/iam.json`` (``~/.local/share`` when
    XDG_DATA_HOME is unset)."""
    if os.environ.get("IAMTUI_DB"):
        return os.environ["IAMTUI_DB"]
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return os.path.join(base, "iamtui", "iam.json")


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
        self._indexes = {}
        self._in_transaction = False

    @property
    def version(self) -> int:
        """Changes whenever the state in memory does (a reload or a write)."""
        return self.storage.version

    def read(self) -> TinyDB:
        """The latest committed state (reloaded if another process changed the file)."""
        if self.db is None or (not self._in_transaction and self.storage.changed_on_disk()):
            self._load()
        return self.db

    @contextlib.contextmanager
    def transaction(self):
        """Lock, bring the state up to date, run the block, and write the result
        atomically. An exception in the block discards every change it made."""
        if self._in_transaction:  # nested: part of the enclosing transaction
            yield self.db
            return
        with exclusive_lock(self.path + ".lock"):
            if self.db is None or self.storage.changed_on_disk():
                self._load()
            self._in_transaction = True
            try:
                yield self.db
                if self.storage.dirty:
                    self.storage.remove_stale_temporaries()
                    self.storage.flush()
            except BaseException:
                self.db = None  # forget what the block changed: reload on next use
                raise
            finally:
                self._in_transaction = False

    def index(self, table: str, field: str, fold: bool = False) -> dict:
        """``{document[field]: doc_id}`` over a table (the value lower-cased with
        ``fold``), rebuilt only when the state changed."""
        cached = self._indexes.get((table, field, fold))
        if cached is None or cached[0] != self.version:
            self.read()  # may reload, and so change the version
            cached = (self.version, _index(self.storage.table(table), field, fold))
            self._indexes[(table, field, fold)] = cached
        return cached[1]

    def _load(self) -> None:
        """Read the file; a file that is not a store this version can use is refused, and
        stays refused (nothing is kept from it, so nothing can be written over it)."""
        self.db = None
        exists = self.storage.load()
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
    entries = {}
    for doc_id, doc in documents.items():
        value = doc.get(field)
        if value is not None:
            entries[value.lower() if fold else value] = int(doc_id)
    return entries
