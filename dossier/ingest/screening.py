"""Screening as material comes in, and again when a list changes; watchlists read from CSV.

Every article stored through `pipeline.add_document` (import, paste, drop, the sample) is screened
in the same transaction: its hits are stored with it, or not at all. The screener is built once
from all the dossier's watched names and kept on `db.watchlists` until a name changes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from dossier.analysis.screening import Screener, Watched, passage
from dossier.core.sentences import sentence_spans
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.store import Database
from dossier.store.merge_report import MergeReport
from dossier.store.screening import ALIAS_SEPARATOR, FoundHit, NameRow, WatchName

KINDS = ENTITY_KINDS
MAX_LIST_NAMES = 100_000  # a CSV longer than this is refused, not read into memory whole


def screener_for(store: Database) -> Screener | None:
    """The screener for the dossier's names now, or None when nothing is watched."""
    lists = store.watchlists
    revision = lists.revision
    if revision != lists.screener_revision:
        names = store.watchlists.names()
        lists.screener = Screener(watched(names)) if names else None
        lists.screener_revision = revision
    screener = lists.screener
    return screener if isinstance(screener, Screener) else None


def watched(names: Iterable[WatchName]) -> list[Watched]:
    return [Watched(n.id, n.spellings) for n in names]


def hits_in(screener: Screener, article_id: int, text: str) -> list[FoundHit]:
    """The hits of one article, each with its passage."""
    matches = screener.screen(text)
    if not matches:
        return []
    spans = sentence_spans(text)
    return [FoundHit(m.name_id, article_id, m.start, m.end, text[m.start:m.end], passage(text, m.start, m.end, spans))
            for m in matches]


def screen_article(store: Database, article_id: int, text: str) -> int:
    """Screen a newly stored article and keep its hits: how many were found."""
    screener = screener_for(store)
    if screener is None:
        return 0
    return store.hits.add(hits_in(screener, article_id, text))


def screen_texts(names: Sequence[WatchName], texts: Iterable[tuple[int, str]],
                 cancelled: Callable[[], bool] = lambda: False) -> Iterator[list[FoundHit]]:
    """The hits of `names` in each (article id, text), article by article (a re-screen on a
    worker: plain data in, plain data out)."""
    screener = Screener(watched(names))
    for article_id, text in texts:
        if cancelled():
            return
        yield hits_in(screener, article_id, text)


def rescreen(store: Database, list_id: int | None = None) -> int:
    """Screen every stored article again for one list's names (all lists' when None), keeping
    what the analyst made of hits still found and every "not this person" mark: new hits."""
    names = store.watchlists.names(list_id)
    # Every list's names: the dossier's own screener, built already and taught by the articles it read.
    screener = screener_for(store) if list_id is None else (Screener(watched(names)) if names else None)
    found = []
    if screener is not None:
        for article_id, text in store.hits.article_texts():
            found += hits_in(screener, article_id, text)
    return store.hits.replace_for_names([n.id for n in names], found)


def screen_merged(store: Database, report: MergeReport) -> int:
    """After a merge: every article screened for the names that came or gained a spelling, and
    the articles that came screened for every name; their marks then spread to the hits here over
    the same words, before hits of those names no longer found go ("not this person" stays).
    Counts the new hits in `report` and returns them."""
    wanted = set(report.screen_name_ids)
    names = [n for n in store.watchlists.names() if n.id in wanted] if wanted else []
    hits = [hit for batch in screen_texts(names, store.hits.article_texts()) for hit in batch] if names else []
    found = store.hits.add(hits)
    screener = screener_for(store) if report.new_article_ids else None
    if screener is not None:
        for article_id in report.new_article_ids:
            found += store.hits.add(hits_in(screener, article_id, store.articles.get(article_id).text))
    if report.marked_article_ids:
        store.hits.spread_marks(report.marked_article_ids)
    if names:
        found += store.hits.replace_for_names([n.id for n in names], hits)
    report.hits_found += found
    return found


class ListError(ValueError):
    """A watchlist file that can't be read, and why, in words for the user."""


def read_list_csv(data: bytes | str, source: str = "the file") -> list[NameRow]:
    """Names from CSV with a header naming its columns: name (required), kind, aliases (separated
    by "|"), note. A name given twice is one name with both rows' aliases."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data.lstrip("\ufeff")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(h or "").strip().casefold() for h in reader.fieldnames or ()]
    if "name" not in header:
        raise ListError(f"{source} has no “name” column: its first line must name the columns "
                        "(name, kind, aliases, note).")
    reader.fieldnames = header
    rows: dict[str, NameRow] = {}
    for number, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_LIST_NAMES:
            raise ListError(f"{source} holds more than {MAX_LIST_NAMES:,} names; split it into several lists.")
        name = " ".join((raw.get("name") or "").split())
        if not name:
            continue
        kind = (raw.get("kind") or "").strip().casefold() or "person"
        if kind not in KINDS:
            raise ListError(f"Line {number} of {source}: the kind “{kind}” is not one of {', '.join(KINDS)}.")
        aliases = [" ".join(a.split()) for a in (raw.get("aliases") or "").split(ALIAS_SEPARATOR)]
        note = (raw.get("note") or "").strip()
        known = rows.get(name)
        if known is not None:
            aliases = known.aliases.split(ALIAS_SEPARATOR) + aliases
            note = known.note or note
        unique = list(dict.fromkeys(a for a in aliases if a and a != name))
        rows[name] = NameRow(name, kind, ALIAS_SEPARATOR.join(unique), note)
    return list(rows.values())


def rows_from_lines(text: str, kind: str = "person", note: str = "") -> list[NameRow]:
    """Names typed one a line, aliases after "|" ("Пашинян | Nikol Pashinyan | Փաշինյան")."""
    rows: dict[str, NameRow] = {}
    for line in text.splitlines():
        parts = [" ".join(p.split()) for p in line.split(ALIAS_SEPARATOR)]
        if not parts[0]:
            continue
        aliases = list(dict.fromkeys(p for p in parts[1:] if p and p != parts[0]))
        rows[parts[0]] = NameRow(parts[0], kind, ALIAS_SEPARATOR.join(aliases), note)
    return list(rows.values())


def read_list_file(path: Path) -> list[NameRow]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ListError(f"{path.name} can't be read: {error.strerror or error}.") from None
    return read_list_csv(data, path.name)
