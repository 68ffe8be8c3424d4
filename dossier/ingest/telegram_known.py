"""A Telegram message meeting what the dossier knows: its forward's outlet, its earlier text.

A forward reports its outlet by the name the dossier knows that outlet's Telegram id by.

A message edited since it was imported: its last text comes in, the earlier one stays.

A later export holds the message's last text. The article the dossier made of the earlier text is
never altered (not a byte: the user's quotes and offsets point into it), so the last text comes in
as an article of its own and the two are made captures of one story (store.team.join_capture), the
way a page archived twice is. Which of the two stays the article depends on the user's work:

- nothing of the user's hangs on the earlier text (no annotation, no mention or event made by hand,
  no decision on copies): the last text becomes the article, and the earlier text is kept, word for
  word, as its capture ("Also captured as"): the message reads as it last did, and says it was edited;
- the user has worked on the earlier text: it stays the article, and the last text is kept as its
  capture. Re-anchoring the user's passages onto the new words could move or orphan them; an
  analyst's quote must keep pointing at the words quoted, so the report says the message changed
  and the last text is read beside the article (Article Properties, "Also captured as").

Either way the message's identity leads to its article, and the same edit imported again adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from dossier.core.provenance import TELEGRAM, Provenance, stamp_words
from dossier.store.articles import text_sha256

if TYPE_CHECKING:
    from dossier.ingest.document import Document
    from dossier.store import Database


def forward_named_as_known(store: Database, document: Document) -> Document:
    """A forward reports its outlet by the name the dossier knows that outlet's Telegram id by
    (the channel's own name, or its first forward's): a renamed channel stays one outlet."""
    p = document.provenance
    if p is None or not p.forwarded_from_id or not document.reports:
        return document
    known = store.provenance.outlet_of(p.forwarded_from_id)
    return replace(document, reports=(known,)) if known and known != document.reports[0] else document


def is_edit(store: Database, article_id: int, document: Document) -> bool:
    """Whether `document` is a message of `article_id`'s, edited to words the dossier hasn't kept
    (neither as the article nor as one of its captures)."""
    p = document.provenance
    if p is None or p.kind != TELEGRAM or not p.edited_at:
        return False
    digest = text_sha256(document.text)
    if store.articles.get(article_id).sha256 == digest:
        return False
    return all(c.sha256 != digest for c in store.team.captures(article_id))


def store_edit(store: Database, document: Document, earlier_id: int, add: Callable[[Document], int],
               apply_proposal: Callable[[int], None]) -> tuple[int, str]:
    """Bring in the edited message `document` beside its earlier text (`earlier_id`) as the module
    says, in one transaction (`add` stores a document, `apply_proposal` puts the import's proposals
    on an article): the article the message now reads as, and what became of it, in words."""
    p = document.provenance
    assert p is not None
    kept = {a.sha256 for a in store.provenance.attachments(earlier_id)}
    document = replace(document, attachments=tuple(
        a for a in document.attachments if hashlib.sha256(a.content).hexdigest() not in kept))  # listed once
    keep_earlier = store.team.worked_on(earlier_id)
    with store.transaction():
        if keep_earlier:  # the last text is a capture; its record is this edit's, the message's stays
            later_id = add(replace(document, provenance=replace(p, identity=_version(p))))
            store.team.join_capture(earlier_id, later_id)
            article_id = earlier_id
        else:  # the last text is the article; the earlier one's record goes with it as its capture
            earlier = next(r for r in store.provenance.of(earlier_id) if r.identity == p.identity)
            store.provenance.rename(p.identity, _version(earlier))
            article_id = add(document)
            apply_proposal(article_id)
            store.team.join_capture(article_id, earlier_id)
    when = stamp_words(p.edited_at) or "again"
    if keep_earlier:
        return article_id, (f"edited {when} since it was imported: the text you worked on stays the article, "
                            "and the last text is kept as its capture (Also captured as)")
    return article_id, (f"edited {when} since it was imported: the article now has the last text, and the "
                        "earlier text is kept as its capture (Also captured as)")


def _version(p: Provenance) -> str:
    """The identity of one text of a message: the message's, and when that text was written."""
    return f"{p.identity}@{p.edited_at or p.posted_at or 'first'}"
