"""Edits of what the report says beyond its articles: the analyst's summary, or key judgments,
printed first in the PDF and the editable copy (export.report), kept in the dossier's meta table."""

from __future__ import annotations

from dossier.core.changes import Changes
from dossier.operations import Edit, Refused
from dossier.store import Database
from dossier.store.database import SUMMARY

SUMMARY_LIMIT = 100_000  # characters: a summary, not a second dossier


class SetSummary(Edit):
    text = "Edit summary"

    def __init__(self, summary: str) -> None:
        # Line ends as the dialog gives them; spaces at the ends of the whole text are not kept.
        self.summary = summary.replace("\r\n", "\n").strip()

    def validate(self, store: Database) -> None:
        if len(self.summary) > SUMMARY_LIMIT:
            raise Refused(f"A summary can be up to {SUMMARY_LIMIT:,} characters; this one has {len(self.summary):,}.")
        if "\x00" in self.summary:
            raise Refused("A summary can't contain a NUL character.")

    def apply(self, store: Database) -> Changes:
        store.set_meta(SUMMARY, self.summary)
        return Changes()
