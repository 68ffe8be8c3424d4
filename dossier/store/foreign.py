"""Another analyst's dossier, before anything of it is merged: opened read-only (one of an older
format upgraded in a temporary copy that is no backup of anyone's), its file judged whole first
(a dossier, intact, not this one), then each of its rows judged alone.

A colleague's file is trusted no more than any other input. SQLite enforces foreign keys and
CHECK constraints only on connections that ask for them, so a file written by another tool may
hold an annotation of an article it does not have, a passage that ends before it begins, a
mention 40,000 characters into a text of 1,742, a sha256 that is not its text's, a tag name of
half a million characters. Each such row is named in a sentence and left out; the rest comes in.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core import limits
from dossier.core.models import Annotation, Claim, Entity, Event, Tag
from dossier.core.validity import (
    COLOR,
    annotation_kind_problem,
    claim_problem,
    event_problem,
    is_int,
    published_problem,
    span_problem,
    text_problem,
)
from dossier.core.vocabulary import ENTITY_KINDS, ORIGINS
from dossier.store import Database
from dossier.store.errors import DossierError
from dossier.store.files import NotAFile, check_input, connect, connect_like
from dossier.store.inspect import inspect_dossier
from dossier.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from dossier.store import Database

ORIGINAL_BYTES = 64 * 1024 * 1024  # an article's original file: import refuses over 10 MB
STAMP_CHARS = 64  # a time as the dossier writes it, with room for any ISO form


def check_mergeable(store: Database, path: Path) -> None:
    """Raise DossierError (with a sentence for the user) if `path` can't be merged in: not a
    file, not a dossier, damaged, newer, or this dossier itself."""
    try:
        check_input(path, "dossier file")
    except NotAFile as error:
        raise DossierError(path, str(error)) from None
    try:
        if path.resolve() == Path(store.path).resolve() or path.samefile(store.path):
            raise DossierError(path, "That is this dossier; choose another analyst's dossier to merge.")
    except OSError:
        pass
    inspect_dossier(path, check_integrity=True)  # not a dossier, damaged, newer: refused with its reason


@contextmanager
def other_dossier(path: Path) -> Iterator[Database]:
    """The other dossier, read only. One in an older format is upgraded in a temporary copy:
    their file is never written, and the copy (removed after) needs no backup of its own."""
    version = inspect_dossier(path)
    if version >= SCHEMA_VERSION:
        other = Database.open_readonly(path)
        try:
            yield other
        finally:
            other.close()
        return
    with tempfile.TemporaryDirectory(prefix="dossier-merge-") as folder:
        copy = Path(folder) / "theirs.dossier"
        source = connect(path, mode="ro")
        target = connect_like(source, copy)  # their encrypted file stays encrypted in the copy
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        try:
            upgraded = Database.open(copy, backup=False)
        except (DossierError, sqlite3.Error) as error:
            reason = getattr(error, "message", None) or str(error)
            raise DossierError(path, f"{path} can't be merged: a copy of it could not be brought to this version's "
                                     f"format ({reason}); it holds something a dossier of format {version} does "
                                     "not. Nothing was changed.") from None
        try:
            yield upgraded
        finally:
            upgraded.close()


# -- each row, judged alone: None, or why it is left out (completed into a sentence by the merge) --


def source_problem(name: object, reliability: object, rationale: object) -> str | None:
    return (text_problem(name, limits.NAME, "its name", empty_allowed=False)
            or (None if reliability is None or reliability in tuple("ABCDEF")
                else f"source reliability is graded A to F, not “{str(reliability)[:40]}”")
            or text_problem(rationale, limits.NOTE, "its rationale"))


def tag_problem(tag: Tag) -> str | None:
    return (text_problem(tag.name, limits.TAG_NAME, "its name", empty_allowed=False)
            or (None if isinstance(tag.color, str) and COLOR.fullmatch(tag.color)
                else f"“{str(tag.color)[:40]}” is not a colour (#rrggbb)"))


def entity_problem(entity: Entity) -> str | None:
    if entity.kind not in ENTITY_KINDS:
        return f"“{str(entity.kind)[:40]}” is not a kind of entity"
    return (text_problem(entity.name, limits.NAME, "its name", empty_allowed=False)
            or next((p for a in entity.aliases if (p := text_problem(a, limits.NAME, "an alias", empty_allowed=False))),
                    None)
            or text_problem(entity.notes, limits.NOTE, "its notes"))


def article_problem(title: object, text: object, source: object, url: object, published: object,
                    precision: object, language: object, original_name: object) -> str | None:
    return (text_problem(text, limits.ARTICLE_TEXT, "its text", empty_allowed=False)
            or text_problem(title, limits.TITLE, "its title")
            or text_problem(source, limits.NAME, "its outlet", none_allowed=True)
            or text_problem(url, limits.URL, "its url", none_allowed=True)
            or published_problem(published, precision)
            or text_problem(language, 16, "its language", none_allowed=True)
            or text_problem(original_name, limits.NAME, "its file name", none_allowed=True))


def original_problem(original: tuple[object, object] | None) -> str | None:
    if original is None:
        return None
    name, content = original
    if not isinstance(content, (bytes, bytearray, memoryview)):
        return "its original file is not bytes"
    if len(content) > ORIGINAL_BYTES:
        return f"its original file is {len(content):,} bytes (up to {ORIGINAL_BYTES:,} come in)"
    return text_problem(name, limits.NAME, "its original file's name", none_allowed=True)


def mention_problem(start: object, end: object, length: int, origin: object) -> str | None:
    return span_problem(start, end, length) or (
        None if origin in ORIGINS else f"“{str(origin)[:40]}” is not an origin (auto or user)")


def their_event_problem(e: Event, length: int) -> str | None:
    return event_problem(e.start, e.end, length, e.title, e.date_text, e.earliest, e.latest, e.precision, e.origin)


def made_problem(author: object, created: object, modified: object, assessed_by: object,
                 assessed_at: object) -> str | None:
    return (text_problem(author, limits.NAME, "its author")
            or text_problem(created, STAMP_CHARS, "its time of making")
            or text_problem(modified, STAMP_CHARS, "its time of change")
            or text_problem(assessed_by, limits.NAME, "its assessor")
            or text_problem(assessed_at, STAMP_CHARS, "its time of assessment", none_allowed=True))


def annotation_problem(a: Annotation) -> str | None:
    return (annotation_kind_problem(a.kind, a.anchor_state)
            or text_problem(a.exact, limits.ARTICLE_TEXT, "its quote", empty_allowed=False)
            or text_problem(a.prefix, limits.ARTICLE_TEXT, "its context")
            or text_problem(a.suffix, limits.ARTICLE_TEXT, "its context")
            or text_problem(a.note, limits.NOTE, "its note")
            or text_problem(a.quoted_as, limits.ARTICLE_TEXT, "its first quote", none_allowed=True)
            or made_problem(a.author, a.created, a.modified, a.assessed_by, a.assessed_at)
            or (claim_assessment_problem(a.claim) if a.kind == "claim" else None)
            or (None if is_int(a.start) else f"its offset {a.start!r} is not a number"))


def claim_assessment_problem(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    return claim_problem(claim.status, claim.reliability, claim.credibility, claim.rationale)


def hypothesis_problem(title: object, description: object) -> str | None:
    return (text_problem(title, limits.NAME, "its title", empty_allowed=False)
            or text_problem(description, limits.NOTE, "its description"))


def about(what: str, words: object) -> str:
    """Their row, named for a sentence: its kind and a short form of its words."""
    text = " ".join(str(words).split()) if isinstance(words, str) else repr(words)
    return f"{what} “{limits.shortened(text, 60)}”"
