"""LadybugDB (`ladybug`, the maintained fork of Kùzu): the embedded default store.

One file (plus its WAL); no server. Bulk loads go through `COPY … FROM` an
Arrow table (see shared/notes/stack-findings.md: UNWIND/MERGE is 10-20x
slower); a store opened read-only refuses every write in the engine itself.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from . import settings
from .builder import RelRow
from .schema import FLOAT, INT, NODE_BY_LABEL, NODES, REL_BY_TYPE, RELS, STRING, STRINGS
from .store import GraphStore, QueryError, QueryResult, StoreError

# LadybugDB's page cache (0: the engine's default, most of the machine's memory).
BUFFER_POOL_MB = settings.get_int("REFORMKG_LADYBUG_BUFFER_MB")
# Below one node group (2,048 rows) a table's new rows are CREATEd, not COPYed:
# measured on 50 documents, the 6 shared labels' COPYs held ~150 MB until the
# database was closed, their CREATEs 33 MB, in a fifth of the time
COPY_MIN_ROWS = 2048
_LOCKED = re.compile(r"Could not set lock|lock is held|Lock is held", re.I)
_RECOVERY = re.compile(r"recovery is pending|checkpoint recovery", re.I)


def _arrow_type(t: str):
    import pyarrow as pa

    return {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(),
            STRINGS: pa.list_(pa.string())}[t]


def _plain(value: Any) -> Any:
    """LadybugDB values as plain Python: nodes/rels as property dicts."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {"nodes": [_plain(n) for n in value["_NODES"]],
                    "relationships": [_plain(r) for r in value["_RELS"]]}
        if "_LABEL" in value and "_ID" in value:
            props = {k: _plain(v) for k, v in value.items()
                     if not k.startswith("_") and v is not None}
            if "_SRC" in value:
                return {"_type": value["_LABEL"], **props}
            return {"_labels": [value["_LABEL"]], **props}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class LadybugStore(GraphStore):
    backend = "ladybug"

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"embedded store {self.path} does not exist; run `reformkg build` first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connect()
        self._lock = threading.Lock()   # writes: one statement at a time on self._conn
        self._local = threading.local() # reads: a connection per thread, so that users
        self._schema_ready = False      # of one explorer neither wait for nor share settings

    def _connect(self) -> None:
        """Open the database file and the write (or first read) connection."""
        import ladybug

        try:
            try:
                self._db = ladybug.Database(str(self.path), read_only=self.read_only,
                                            buffer_pool_size=BUFFER_POOL_MB << 20)
            except RuntimeError as e:
                if not (self.read_only and _RECOVERY.search(str(e))):
                    raise
                # a checkpoint left pending (a crash mid-write): one read-write
                # open replays it, then the read-only open works again
                ladybug.Database(str(self.path)).close()
                self._db = ladybug.Database(str(self.path), read_only=True,
                                            buffer_pool_size=BUFFER_POOL_MB << 20)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            if _LOCKED.search(str(e)):
                raise StoreError(f"embedded store {self.path} is open for writing in another process "
                                 f"(stop it, or query read-only)") from None
            raise StoreError(f"cannot open embedded store {self.path}: {e}") from None

    # --- the load marker: a file beside the store --------------------------
    @property
    def _marker(self) -> Path:
        return Path(str(self.path) + ".loading")

    def pending_load(self) -> list[str]:
        try:
            return list(json.loads(self._marker.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return []

    def mark_load(self, doc_ids: list[str] | None) -> None:
        if doc_ids is None:
            self._marker.unlink(missing_ok=True)
        else:
            tmp = self._marker.with_suffix(".tmp")
            tmp.write_text(json.dumps(doc_ids, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self._marker)

    def reopen_spec(self) -> tuple[dict, dict]:
        return {"backend": "ladybug", "db": str(self.path)}, {}

    # --- schema ----------------------------------------------------------
    def tables(self) -> set[str]:
        res = self._conn.execute("CALL show_tables() RETURN *")
        names = set()
        cols = res.get_column_names()
        idx = cols.index("name")
        while res.has_next():
            names.add(res.get_next()[idx])
        return names

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        existing = self.tables()
        self._check_existing(existing)
        for n in NODES:
            if n.label not in existing:
                cols = ", ".join(f"`{k}` {t}" + (" PRIMARY KEY" if k == "id" else "")
                                 for k, t in n.properties.items())
                self._conn.execute(f"CREATE NODE TABLE {n.label}({cols})")
        for r in RELS:
            if r.type not in existing:
                pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
                props = "".join(f", `{k}` {t}" for k, t in r.properties.items())
                self._conn.execute(f"CREATE REL TABLE {r.type}({pairs}{props})")
        self._schema_ready = True

    def _check_existing(self, existing: set[str]) -> None:
        """A store built by an older schema cannot be loaded into: say how to rebuild."""
        wanted = {n.label: n.properties for n in NODES} | {r.type: r.properties for r in RELS}
        for name in sorted(existing & set(wanted)):
            res = self._conn.execute(f"CALL table_info('{name}') RETURN *")
            col = res.get_column_names().index("name")
            have = set()
            while res.has_next():
                have.add(res.get_next()[col])
            if have != set(wanted[name]):
                raise StoreError(f"embedded store {self.location} was built with another schema "
                                 f"({name}: {', '.join(sorted(set(wanted[name]) ^ have))}); "
                                 f"rebuild it with `reformkg build --fresh`")

    # --- primitives -----------------------------------------------------------
    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        props = NODE_BY_LABEL[label].properties
        if len(rows) < COPY_MIN_ROWS:
            # few rows (the shared nodes a batch adds): CREATE appends them to the
            # table's last node group; a COPY starts a new one (~13 MB of column
            # buffers held until the database is closed, and its file space)
            keys = ", ".join(f"`{k}`: r.`{k}`" for k in props)
            with self._lock:
                for i in range(0, len(rows), 500):
                    self._conn.execute(f"UNWIND $rows AS r CREATE (:{label} {{{keys}}})",
                                       {"rows": [{k: r.get(k) for k in props} for r in rows[i:i + 500]]})
            return
        table = pa.table({k: pa.array([r.get(k) for r in rows], type=_arrow_type(t))
                          for k, t in props.items()})
        with self._lock:
            self._conn.execute(f"COPY {label} FROM $rows", {"rows": table})

    def create_rels(self, rtype: str, src_label: str, dst_label: str, rows: list[RelRow]) -> None:
        import pyarrow as pa

        props = REL_BY_TYPE[rtype].properties
        cols = {"from": pa.array([r.src for r in rows], type=pa.string()),
                "to": pa.array([r.dst for r in rows], type=pa.string())}
        dicts = [r.properties for r in rows]
        for k, t in props.items():
            cols[k] = pa.array([d.get(k) for d in dicts], type=_arrow_type(t))
        table = pa.table(cols)
        with self._lock:
            self._conn.execute(f"COPY {rtype} FROM $rows (from='{src_label}', to='{dst_label}')",
                               {"rows": table})

    def release_memory(self) -> None:
        """LadybugDB keeps about 2 MB per loaded document in its process until
        the database is closed (measured: 1,000 documents, 2.4 GB); closing and
        reopening between batches, and handing freed pages back to the OS,
        keeps a build's memory flat."""
        import ctypes

        with self._lock:
            self.close()
            try:
                ctypes.CDLL("libc.so.6").malloc_trim(0)
            except (OSError, AttributeError):
                pass   # not glibc: the allocator keeps its pages, nothing else changes
            self._connect()
            self._local = threading.local()

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        with self._lock:
            self._conn.execute(cypher, params or {})

    def _reader(self):
        """This thread's connection (the write connection in a read-write store)."""
        import ladybug

        if not self.read_only:
            return self._conn, self._lock
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = ladybug.Connection(self._db)
            self._local.lock = threading.Lock()
        return conn, self._local.lock

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              timeout_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
        start = time.perf_counter()
        conn, lock = self._reader()
        with lock:
            try:
                conn.set_query_timeout(int(timeout_ms) if timeout_ms else 0)
                res = conn.execute(cypher, params or {})
            except RuntimeError as e:
                msg = str(e)
                if "Interrupted" in msg:
                    raise QueryError(f"query stopped after the {timeout_ms} ms time limit") from None
                if "read-only" in msg or "read only" in msg:
                    raise QueryError("the store is read-only here: writes are refused") from None
                if "Cannot find property" in msg:   # a store built by an older schema says so
                    try:
                        self._check_existing(self.tables())
                    except StoreError as stale:
                        raise QueryError(str(stale)) from None
                if re.search(r"\.end\b", cypher) and "Parser exception" in msg:
                    msg += " (hint: `end` is a keyword in LadybugDB; write r.`end`)"
                raise QueryError(msg.strip().splitlines()[0] if msg.strip() else "query failed") from None
            finally:
                conn.set_query_timeout(0)
            if isinstance(res, list):
                raise QueryError("one statement at a time, please")
            columns = res.get_column_names()
            rows, truncated = [], False
            while res.has_next():
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([_plain(v) for v in res.get_next()])
        return QueryResult(columns, rows, truncated, (time.perf_counter() - start) * 1000)

    def close(self) -> None:
        for obj in ("_conn", "_db"):
            thing = getattr(self, obj, None)
            if thing is not None and hasattr(thing, "close"):
                try:
                    thing.close()
                except Exception:
                    pass
            setattr(self, obj, None)


@contextlib.contextmanager
def staged_writer(path: Path | str):
    """A writer on a copy of the store; when the load succeeds the copy
    replaces the store in one rename, so a reader opening the store sees the
    old graph or the new one, never half a load, and a load killed half-way
    leaves the store as it was. One writer at a time (a lock file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stage = path.with_name(path.name + ".staged")
    lock = open(path.with_name(path.name + ".lock"), "w")
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"embedded store {path} is being written by another build; "
                             f"wait for it to finish") from None
        for f in (stage, Path(str(stage) + ".wal"), Path(str(stage) + ".loading")):
            f.unlink(missing_ok=True)   # left by a build that was killed
        if path.exists():
            shutil.copy2(path, stage)
            if Path(str(path) + ".wal").exists():
                shutil.copy2(str(path) + ".wal", str(stage) + ".wal")
        store = LadybugStore(stage)
        store.location = str(path)   # what a user is told was built
        try:
            yield store
        except BaseException:
            store.close()
            for f in (stage, Path(str(stage) + ".wal"), Path(str(stage) + ".loading")):
                f.unlink(missing_ok=True)
            raise
        store.close()   # checkpoints: the staged file is complete
        Path(str(stage) + ".wal").unlink(missing_ok=True)
        os.replace(stage, path)
        Path(str(path) + ".wal").unlink(missing_ok=True)
    finally:
        lock.close()
