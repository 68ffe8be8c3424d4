"""A web archive's revisit records: the same page captured again, written without its content.

A crawler that finds a page unchanged (the same payload digest as a capture it has) writes a
revisit record naming that capture instead of a second copy. It is another capture of the page:
its time and record id join the provenance of the article the capture became, as a second
capture of an unchanged page does, so the article says when the page was seen and that it had
not changed. A revisit of a capture the dossier does not hold is left out, and the report says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.core.provenance import Provenance

if TYPE_CHECKING:
    from dossier.store import Database


def store_revisit(store: Database, revisit: Provenance) -> tuple[int | None, bool, str]:
    """Record `revisit` on its article: (the article, whether it was recorded before, why none)."""
    known = store.provenance.article_by_identity(revisit.identity)
    if known is not None:
        return known, True, ""
    article_id = store.provenance.article_by_capture(revisit.target_url, revisit.digest)
    if article_id is None:
        return None, False, ("a revisit of a page whose capture is not in the dossier"
                             + (f" ({revisit.target_url})" if revisit.target_url else ""))
    store.provenance.add(article_id, revisit)
    return article_id, False, ""
