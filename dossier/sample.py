"""The sample dossier a new user sees first: one SouthFront article with two annotations."""

from __future__ import annotations

from pathlib import Path

from dossier.core.anchoring import find_quote
from dossier.core.colors import tag_color
from dossier.core.models import Claim
from dossier.ingest.extract import extract_articles
from dossier.ingest.pipeline import ImportOptions, add_document, with_options
from dossier.ingest.text_reader import read_text
from dossier.paths import resources_dir
from dossier.store import Database
from dossier.store.database import PENDING_EXTRACTION
from dossier.store.lock import DossierLock, lock_path

SAMPLE_ARTICLE = "sample/russian-forces-armenia-border.txt"
SAMPLE_TITLE = "Armenia–Azerbaijan border, May 2021"
WITHDRAWAL_TAG_COLOR = tag_color(0)

CLAIM_QUOTE = "the agreement was not implemented in full"
CLAIM_RATIONALE = (
    "Pashinyan himself, quoted by Interfax in the same article, says the agreement \"has been "
    "partially fulfilled; there are territories that the Azerbaijanis did indeed leave\". So it "
    "was implemented in part: true as far as it goes, but \"not in full\" should not be read as "
    "\"not at all\"."
)
NOTE_QUOTE = "request assassinate"
NOTE_TEXT = (
    "Almost certainly a transcription error for \"request assistance\": Pashinyan's quote below "
    "reads \"…for military assistance\". Quote the source as it stands, with [sic]."
)


def sample_path() -> Path:
    return resources_dir() / SAMPLE_ARTICLE




def write_sample(path: Path, extract: bool = True) -> Database:
    """Create the sample dossier at `path` (which must not exist) and return it open. With
    `extract`, its entities and events are extracted now (spaCy); without, the article is
    marked for extraction later."""
    raw = sample_path().read_bytes()
    document = read_text(raw.decode("utf-8"), original_name=sample_path().name, original_bytes=raw)
    store = Database.create(path, SAMPLE_TITLE)
    try:
        with store.transaction():
            # The same path as `dossier import`: stored verbatim with its original file.
            options = ImportOptions(published=("2021-05-14", "day"), source="SouthFront", extract=False)
            article_id = add_document(store, with_options(document, options))
            text = store.articles.get(article_id).text
            # It quotes Reuters and Interfax: its passages are not independent evidence for theirs.
            store.articles.set_reports(article_id, ["Reuters", "Interfax"])
            tag_id = store.tags.add("withdrawal agreement", WITHDRAWAL_TAG_COLOR)
            claim = find_quote(text, CLAIM_QUOTE)
            store.annotations.add(
                article_id, "claim", claim.start, claim.end,
                claim=Claim(status="partially_true", credibility=2, rationale=CLAIM_RATIONALE),
                tag_ids=[tag_id],
            )
            note = find_quote(text, NOTE_QUOTE)
            store.annotations.add(article_id, "note", note.start, note.end, note=NOTE_TEXT)
            if not extract:
                store.set_meta(PENDING_EXTRACTION, str(article_id))
        if extract:
            extract_articles(store, [article_id])
    except BaseException:
        store.close()
        raise
    return store


def replace_with_sample(path: Path) -> Database:
    """`dossier sample --force`: build the sample beside `path`, then swap it in, refusing
    while `path` is open in the app."""
    fresh = path.with_name(f".{path.name}.new")
    _remove_with_sidecars(fresh)
    try:
        write_sample(fresh).close()
    except BaseException:
        _remove_with_sidecars(fresh)
        lock_path(fresh).unlink(missing_ok=True)
        raise
    lock_path(fresh).unlink(missing_ok=True)
    lock = DossierLock(path)
    try:
        lock.acquire()
    except BaseException:
        _remove_with_sidecars(fresh)
        raise
    try:
        # A WAL left beside the old file would be replayed into the new one: remove it first.
        for sidecar in ("-wal", "-shm"):
            path.with_name(path.name + sidecar).unlink(missing_ok=True)
        fresh.replace(path)
    finally:
        lock.release()
    return Database.open(path)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
