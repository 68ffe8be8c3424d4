"""Opening, creating and closing a dossier file; transactions; meta; counts.

The order of opening is what keeps a user's file safe:
1. take the writer lock (a second copy of the app is refused before it touches anything);
2. judge the file read-only (not a dossier, damaged, newer: refused, file unchanged);
3. only then open it for writing, back it up if it needs migrating, and migrate.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from dossier.core.models import DossierInfo
from dossier.store import backups
from dossier.store.ach import Ach
from dossier.store.annotations import Annotations
from dossier.store.articles import Articles, Sources
from dossier.store.claims import ClaimQueries
from dossier.store.copies import CopyRecords
from dossier.store.entities import Entities, Events
from dossier.store.errors import DossierError, MigrationError, ReadOnlyDossier
from dossier.store.evidence import Evidence
from dossier.store.extraction import Extraction
from dossier.store.files import connect
from dossier.store.inspect import connect_readonly, inspect_dossier, integrity_problem, quick_check
from dossier.store.journal import Journal
from dossier.store.lock import DossierLock
from dossier.store.network import NetworkQueries
from dossier.store.ocr_pages import OcrPages
from dossier.store.places import Places
from dossier.store.provenance import ProvenanceRecords
from dossier.store.schema import MIGRATIONS, PUBLIC_TABLES, SCHEMA_VERSION, Migration
from dossier.store.screening import Hits, SavedSearches, Watchlists
from dossier.store.search import Search
from dossier.store.sentence_index import articles_replayed, forget_sentences, index_sentences
from dossier.store.tags import Tags
from dossier.store.targets import check_target
from dossier.store.team import Team
from dossier.store.transactions import Transactions, transaction, utc_now

# Meta key listing articles whose entities and events are still to be extracted (comma-separated
# ids): the app's first start writes the sample without waiting for spaCy and extracts it in the
# background; if the app closes first, the next start does it.
PENDING_EXTRACTION = "pending_extraction"
SUMMARY = "summary"  # the analyst's summary, or key judgments, printed first in the report


def _connect_for_writing(path: Path) -> sqlite3.Connection:
    conn: sqlite3.Connection = connect(path)  # by its quoted URI: "#" and "?" stay part of the name
    conn.execute("PRAGMA busy_timeout = 1000")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: each commit is on disk when it returns, power cut included. The cost (one fsync
    # per commit) is measured by the store benchmark's annotation_save figure.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # A row that INSERT OR REPLACE pushes out fires its delete triggers, so the undo journal sees it.
    conn.execute("PRAGMA recursive_triggers = ON")
    # A 64 MB page cache and memory-mapped reads: search touches many index pages once each,
    # and reading them through a map instead of copying them keeps a cold query fast.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA mmap_size = 268435456")
    return conn


def migrate(
    conn: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION,
    steps: Sequence[Migration] = MIGRATIONS,
) -> None:
    """Apply the missing migration steps, each in its own transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for step in steps[version:target]:
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it before
        conn.execute("BEGIN IMMEDIATE")
        try:
            step.apply(conn)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(path, f"migration {step.version} broke references: {broken[:3]}")
            conn.execute(f"PRAGMA user_version = {step.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")


class Database:
    """An open dossier: one write connection, the writer lock, transactions, meta and counts;
    what is in it is read and written through its query objects, one per area:
    `db.articles`, `db.sources`, `db.entities`, `db.events`, `db.annotations`, `db.evidence`,
    `db.tags`, `db.claims`, `db.extraction`, `db.network`, `db.ach`, `db.team`, `db.search`,
    `db.provenance`, `db.watchlists`, `db.hits`, `db.saved_searches`. No other layer gets the
    connection: what they need is a method of these."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: DossierLock | None) -> None:
        self.path = path
        self._tx = Transactions(path, conn)
        self._open = True
        self._lock = lock
        self._journal = Journal(conn)
        tx = self._tx
        self.sources = Sources(tx)
        self.articles = Articles(tx, self.sources)
        self.entities = Entities(tx)
        self.events = Events(tx)
        self.tags = Tags(tx)
        self.annotations = Annotations(tx, self.articles)
        self.evidence = Evidence(tx)
        self.copies = CopyRecords(tx)
        self.claims = ClaimQueries(tx, self.annotations, self.articles, self.sources, self.tags, self.copies)
        self.extraction = Extraction(tx, self.events)
        self.network = NetworkQueries(tx)
        self.ach = Ach(tx, self.annotations, self.sources)
        self.team = Team(tx, self.articles, self.annotations, self.tags, self.entities, self.events)
        self.search = Search(tx.conn)
        self.ocr_pages = OcrPages(tx)
        self.provenance = ProvenanceRecords(tx, self.ocr_pages)
        self.places = Places(tx)
        self.watchlists = Watchlists(tx)
        self.hits = Hits(tx)
        self.saved_searches = SavedSearches(tx)

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._tx.conn

    @property
    def author(self) -> str:
        """The analyst whose edits these are: stamped on every annotation, assessment, evidence
        link and rating written through this store (the app sets it from Preferences)."""
        return self._tx.author

    @author.setter
    def author(self, name: str) -> None:
        self._tx.author = name

    # -- opening and closing --------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, verify: bool = True, backup: bool = True) -> Self:
        """Open an existing dossier for reading and writing. Raises a DossierError if it can't.

        The file's schema is always checked. With `verify` (the command line), SQLite's
        quick_check must pass before anything is written. Without it (the app, which shows the
        dossier at once), writes are refused until `integrity_problem()` has run, off the GUI
        thread, and `mark_verified()` has been called; a file that needs an upgrade, or was left
        open by a crash, is checked here all the same. Without `backup` an upgrade is made
        without a backup first: only for a temporary copy that is itself the backup (a
        colleague's file being merged)."""
        path = Path(path)
        lock = DossierLock(path)
        inspect_dossier(path)  # not found / not a dossier, before a lock file appears beside it
        lock.acquire()
        try:
            version = inspect_dossier(path)
            check = verify or lock.previous_exit_unclean or version < SCHEMA_VERSION
            if check:
                inspect_dossier(path, check_integrity=True, backup=backups.newest_good_backup(path))
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise ReadOnlyDossier(
                    path, f"{path} is read-only; copy it to a folder you can write to."
                )
            backups.remove_dead_partials()  # what a backup killed halfway (an upgrade's) left behind
            if version < SCHEMA_VERSION and backup:
                backups.make_backup(path)  # before any migration, always
            conn = _connect_for_writing(path)
            try:
                migrate(conn, path)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.abandon()
            raise
        store = cls(path, conn, lock)
        store._tx.verified = check
        return store

    @classmethod
    def open_readonly(cls, path: Path | str) -> Self:
        """Open for reading only (exports, `info`): no lock, so it works while the app has the
        dossier open, and nothing is written."""
        path = Path(path)
        version = inspect_dossier(path)
        if version < SCHEMA_VERSION:
            raise DossierError(path, f"{path} is in an older format (version {version}); open it once with "
                                     "`dossier open` or the app to upgrade it (a backup is made first).")
        return cls(path, connect_readonly(path), None)

    @classmethod
    def reading(cls, path: Path | str) -> Self:
        """A second, read-only connection to a dossier this process has open and has checked
        already (a worker's view of it): no lock, and no checking again."""
        return cls(Path(path), connect_readonly(Path(path)), None)

    @classmethod
    def second_writer(cls, path: Path | str) -> Self:
        """A second writing connection to a dossier this process has open, checked and locked: a
        long edit (a merge) runs on a worker through it, so the window stays live. Its edits are
        journaled as any are, and their undo replays on the first connection (plain SQL)."""
        return cls(Path(path), _connect_for_writing(Path(path)), None)

    @classmethod
    def create(cls, path: Path | str, title: str) -> Self:
        """Create a new, empty dossier. Refuses an existing file."""
        path = Path(path)
        if path.exists():
            raise DossierError(path, f"{path} already exists; choose another name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = DossierLock(path)
        lock.acquire()
        try:
            conn = _connect_for_writing(path)
            try:
                migrate(conn, path)
                now = utc_now()
                with transaction(conn):
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [("title", title), ("created", now), ("format", "dossier")],
                    )
            except BaseException:
                conn.close()
                for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    leftover.unlink(missing_ok=True)
                raise
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, lock)

    def close(self) -> None:
        if not self._open:
            return
        self._open = False
        if self._lock is None:  # read-only: nothing to fold back, nothing to unlock
            self._conn.close()
            return
        # Fold the WAL back into the file so the dossier is one self-contained file again; a
        # checkpoint is housekeeping (the data is already committed), so a failure is let be.
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._open

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write. Nested calls join the outer transaction as savepoints: an edit made
        of several store calls commits once or not at all, and a nested part that fails (one
        file of an import batch) is rolled back alone."""
        with self._tx.write():
            yield

    @property
    def verified(self) -> bool:
        """Whether the file passed its integrity check, so it may be written."""
        return self._tx.verified

    def integrity_problem(self) -> str:
        """'ok', or what quick_check finds wrong. Its own connection: safe on a worker thread."""
        return integrity_problem(self.path)

    def mark_verified(self) -> None:
        self._tx.verified = True

    @property
    def in_transaction(self) -> bool:
        return self._tx.depth > 0

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """One transaction whose changes are written down so they can be undone exactly: the
        list holds the undo statements once the block has committed (see journal.py)."""
        if self._tx.depth:
            raise RuntimeError("an undoable edit can't start inside another transaction")
        with self._tx.write(), self._journal.recording() as statements:
            yield statements

    def replay(self, statements: Sequence[str]) -> list[str]:
        """Undo (or redo) a recorded edit in one transaction; returns the statements that undo
        the replay. Raises (changing nothing) if the rows it needs have changed meanwhile."""
        if self._tx.depth:
            raise RuntimeError("an undo can't run inside another transaction")
        self.watchlists.changed()  # the names may come or go: a screener built from them is stale
        with self._tx.write() as conn:
            # Plain SQL knows nothing of the sentence index (store/sentence_index.py): the articles
            # the replay touches leave it before and come back after, each read once.
            touched = articles_replayed(conn, statements)
            forget_sentences(conn, touched)
            inverse = self._journal.replay(statements)
            index_sentences(conn, touched)
            return inverse

    # -- meta, counts, checks ---------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._tx.write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def pending_extraction(self) -> list[int]:
        """Articles whose entities and events are still to be extracted (kept in the file, so a
        quit before extraction ends loses nothing)."""
        return [int(part) for part in (self.meta(PENDING_EXTRACTION) or "").split(",") if part.strip().isdigit()]

    def mark_pending_extraction(self, article_ids: Sequence[int]) -> None:
        ids = list(dict.fromkeys(self.pending_extraction() + list(article_ids)))
        self.set_meta(PENDING_EXTRACTION, ",".join(map(str, ids)))

    def forget_pending_extraction(self, article_ids: Sequence[int]) -> None:
        done = set(article_ids)
        self.set_meta(PENDING_EXTRACTION, ",".join(str(i) for i in self.pending_extraction() if i not in done))

    @property
    def title(self) -> str:
        return self.meta("title") or self.path.stem

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def counts(self) -> dict[str, int]:
        return table_counts(self._conn)

    def summary_counts(self) -> dict[str, int]:
        """The counts the status bar shows: cheap even at 100,000 articles."""
        return {
            table: self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "annotations")
        }

    def quick_check(self) -> str:
        return quick_check(self._conn)

    def backup_if_due(self) -> Path | None:
        """Make a rotating backup if the newest is over a day old. Safe on a worker thread: it
        reads through its own connection."""
        if backups.backup_is_due(self.path):
            return backups.make_backup(self.path)
        return None

    def save_copy(self, target: Path | str) -> None:
        """Save a consistent copy of this dossier elsewhere (File > Save a Copy…). Never onto
        itself or another dossier (TargetRefused)."""
        check_target(Path(target), self.path)
        backups.copy_dossier(self._conn, Path(target))


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in PUBLIC_TABLES
        if table in existing
    }


def read_info(path: Path | str) -> DossierInfo:
    """What `dossier info` prints, read without writing anything (the app may have it open)."""
    path = Path(path)
    version = inspect_dossier(path)
    conn = connect_readonly(path)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'left_out'").fetchone()
        return DossierInfo(schema_version=version, counts=table_counts(conn), integrity=quick_check(conn),
                           left_out=row[0] if row else None)
    finally:
        conn.close()
