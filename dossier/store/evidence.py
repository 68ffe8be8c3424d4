"""Evidence links: a passage (in any article) linked to a claim as supporting, contradicting
or giving context."""

from __future__ import annotations

from dossier.core.models import EvidenceLink
from dossier.core.vocabulary import EVIDENCE_RELATIONS
from dossier.store.transactions import Transactions, named_rows, record, utc_now


class Evidence:
    """`db.evidence`: the passages linked to each claim."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn = tx.conn
        self._write = tx.write

    def add(self, claim_id: int, annotation_id: int, relation: str, *, author: str | None = None,
                     created: str | None = None) -> None:
        """Link a passage to a claim (or change the link's relation): by this store's author now,
        unless `author` and `created` say whose link it was."""
        if relation not in EVIDENCE_RELATIONS:
            raise ValueError(f"unknown evidence relation {relation!r}")
        with self._write() as conn:
            kind = conn.execute("SELECT kind FROM annotations WHERE id = ?", (claim_id,)).fetchone()
            if not kind or kind[0] != "claim":
                raise ValueError(f"annotation {claim_id} is not a claim")
            conn.execute(
                "INSERT INTO evidence (claim_id, annotation_id, relation, author, created) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (claim_id, annotation_id) DO UPDATE SET relation = excluded.relation, "
                "author = excluded.author, created = excluded.created WHERE relation IS NOT excluded.relation",
                (claim_id, annotation_id, relation, self._tx.author if author is None else author,
                 created or utc_now()),
            )

    def remove(self, claim_id: int, annotation_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                "DELETE FROM evidence WHERE claim_id = ? AND annotation_id = ?", (claim_id, annotation_id)
            )

    def of(self, claim_id: int) -> list[EvidenceLink]:
        return [record(EvidenceLink, r) for r in named_rows(
            self._conn, "SELECT claim_id, annotation_id, relation, author, created FROM evidence WHERE claim_id = ? "
            "ORDER BY annotation_id", (claim_id,)
        )]

    def claims_citing(self, annotation_id: int) -> list[int]:
        """The claims that link this passage as evidence."""
        return [r[0] for r in self._conn.execute(
            "SELECT claim_id FROM evidence WHERE annotation_id = ? ORDER BY claim_id", (annotation_id,))]
