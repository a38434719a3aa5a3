"""One TinyDB file, written so that nothing is ever lost or half-written.

TinyDB's stock JSONStorage rewrites the file in place (seek, write, truncate): a crash in
the middle leaves it corrupt, and two processes doing read-modify-write lose each
other's updates. Here instead:

- the whole account is written to a temporary file in the same directory, fsynced,
  renamed over the old one (``os.replace`` is atomic), and the directory fsynced: a
  reader or a crash sees the old file or the new one, never a mix;
- a writer holds an exclusive lock on ``FILE.lock`` from before it reads until after it
  has written, so every write starts from the latest state;
- the file is reloaded whenever it changed underneath (each write is a new inode, and
  the one loaded is held open so that no later file can take its number);
- a file that is not an iamtui store is refused and left untouched;
- files are created mode 0600 (the store holds the account).

orjson serializes: the whole file is rewritten on every change, and orjson does it an
order of magnitude faster than the json module.
"""

import contextlib
import fcntl
import glob
import os
import threading
from collections.abc import Mapping
from types import MappingProxyType

import orjson
from tinydb.storages import Storage

from .errors import StoreUnusable

_NO_TABLE = MappingProxyType({})  # what a table not written yet reads as


class AtomicStorage(Storage):
    """A TinyDB storage over one JSON file: reads come from memory, ``write`` records the
    new state, ``flush`` puts it on disk atomically.

    The file ``data`` came from is kept open. Each write makes a new inode and frees the
    old one, and a filesystem may hand a freed inode number straight to the next file
    (ext4 does): a file held open keeps its number, so a different number on disk means
    another file, however close together the writes and whatever their sizes."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self.data = None    # the account as TinyDB sees it: {table: {doc_id: document}}
        self.stamp = None   # (device, inode, mtime_ns, size) of the file ``data`` came from
        self.dirty = False
        self.version = 0    # bumped whenever ``data`` changes: caches derived from it key on it
        self._held = None   # a descriptor of that file, so its inode number stays taken
        self._table_bytes = {}  # table name -> (the table object, its JSON) last written

    # TinyDB's side
    def read(self):
        return self.data

    def write(self, data) -> None:
        self.data = data
        self.dirty = True
        self.version += 1

    def close(self) -> None:
        self._hold(None)

    __del__ = close

    # ours
    def table(self, name: str) -> Mapping:
        """One table as stored, ``{doc_id (a string): document}``, to read only. A table
        not there yet is always the same empty one, so what is derived from it is kept."""
        return (self.data or {}).get(name, _NO_TABLE)

    def changed_on_disk(self) -> bool:
        try:
            return _stamp(os.stat(self.path)) != self.stamp
        except FileNotFoundError:
            return self.stamp is not None

    def load(self) -> bool:
        """Read the file into memory. False when there is no file yet."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            self._hold(None)
            self.data, self.dirty = {}, False
            self.version += 1
            return False
        except OSError as err:
            raise StoreUnusable(f"cannot read {self.path}: {err.strerror}") from None
        try:
            data = _parse(self.path, fd)
        except BaseException:
            os.close(fd)
            raise
        self._hold(fd)
        self.data, self.dirty = data, False
        self.version += 1
        return True

    def flush(self) -> None:
        """Write ``data`` to disk atomically, if it changed."""
        if not self.dirty:
            return
        directory = os.path.dirname(self.path)
        temp = f"{directory}/.{os.path.basename(self.path)}.tmp-{os.getpid()}"
        chunks = self._serialized()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with open(fd, "wb", closefd=False) as handle:
                handle.writelines(chunks)
            os.fsync(fd)
            os.replace(temp, self.path)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _fsync_directory(directory)
        self._hold(fd, release_in_background=True)
        self.dirty = False

    def _serialized(self) -> list[bytes]:
        """``data`` as JSON, in pieces to write one after another (no copy of the whole),
        re-serializing only the tables that changed.

        TinyDB writes a changed table as a new dict object (Table._update_table), so a
        table that is still the very object serialized last time serializes the same:
        its bytes are reused, and one change to the users costs the users, not the
        whole account."""
        chunks, kept = [b"{"], {}
        for name, table in self.data.items():
            cached = self._table_bytes.get(name)
            if cached is None or cached[0] is not table:
                cached = (table, orjson.dumps(table))
            kept[name] = cached
            chunks += [b"," if len(chunks) > 1 else b"", orjson.dumps(name), b":", cached[1]]
        self._table_bytes = kept
        return chunks + [b"}"]

    def remove_stale_temporaries(self) -> None:
        """Temporary files a killed writer left behind (call with the lock held: then no
        writer is mid-write)."""
        pattern = f"{os.path.dirname(self.path)}/.{os.path.basename(self.path)}.tmp-*"
        for stale in glob.glob(pattern):
            with contextlib.suppress(OSError):
                os.unlink(stale)

    def _hold(self, fd: int | None, release_in_background: bool = False) -> None:
        """Hold ``fd`` (the file ``data`` is now) instead of the file held before.

        Closing the last descriptor of a replaced file makes the kernel free its blocks,
        milliseconds for a large store: after a write that is done off the caller's path.
        """
        if self._held is not None:
            if release_in_background:
                threading.Thread(target=os.close, args=(self._held,), daemon=True).start()
            else:
                os.close(self._held)
        self._held = fd
        self.stamp = None if fd is None else _stamp(os.fstat(fd))


def _stamp(info: os.stat_result) -> tuple:
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)


def _parse(path: str, fd: int) -> dict:
    """The TinyDB data in the open file ``fd``; StoreUnusable if it holds none."""
    try:
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError as err:
        raise StoreUnusable(f"cannot read {path}: {err.strerror}") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise StoreUnusable(f"{path} is not an iamtui store (not valid JSON: {err}); "
                            "it was left untouched") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreUnusable(f"{path} is not an iamtui store (not a TinyDB file); "
                            "it was left untouched")
    return data


@contextlib.contextmanager
def exclusive_lock(path: str):
    """Hold an exclusive lock on ``path`` (created 0600) for the block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_directory(directory: str) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
