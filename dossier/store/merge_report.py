"""What a merge did (or would do), counted, and said in words: the preview, the command's output
and the window's summary all read it."""

from __future__ import annotations

from dataclasses import dataclass, field

LEFT_OUT_LISTED = 20


@dataclass
class MergeReport:
    merged_from: str
    articles_new: int = 0
    articles_matched: int = 0
    entities_new: int = 0
    entities_matched: int = 0
    entities_rejected: int = 0  # names this dossier rejected as "not an entity": left out
    near_matches: int = 0  # new entities the sidebar proposes merging with one already here
    captures_proposed: int = 0  # new articles that read as another capture of one already here
    mentions_added: int = 0
    events_added: int = 0
    annotations_new: int = 0
    annotations_matched: int = 0
    annotations_already: int = 0  # merged (or imported) before
    conflicts: list[int] = field(default_factory=list)
    orphaned: list[tuple[str, str]] = field(default_factory=list)  # (article title, quote)
    evidence_added: int = 0
    tags_new: int = 0
    sources_new: int = 0
    grades_differ: list[str] = field(default_factory=list)  # outlets graded differently: yours kept
    hypotheses_new: int = 0
    ratings_added: int = 0
    ratings_differ: int = 0  # yours kept
    files_added: int = 0  # photos, files and page pictures that came with their articles
    provenance_added: int = 0  # records of the messages and archived pages their articles came from
    pages_added: int = 0  # pages read by OCR, with their word boxes
    watchlists_new: int = 0
    watch_names_new: int = 0
    watch_names_widened: int = 0  # names here that gained their spellings (or their note)
    hit_marks: int = 0  # their hits marked seen or "not this person", kept here
    saved_searches_new: int = 0
    hits_found: int = 0  # new hits from screening what came against the lists (ingest.screening.screen_merged)
    screen_name_ids: list[int] = field(default_factory=list)  # names new or widened: every article to screen for
    marked_article_ids: list[int] = field(default_factory=list)  # articles their marks came onto
    new_article_ids: list[int] = field(default_factory=list)
    # Their rows left out, each with why (an offset outside its text, an id not there…).
    left_out: list[str] = field(default_factory=list)
    fingerprints_wrong: int = 0  # their articles whose recorded sha256 is not their text's

    @property
    def adds_nothing(self) -> bool:
        return not (self.articles_new or self.entities_new or self.mentions_added or self.events_added
                    or self.annotations_new or self.conflicts or self.evidence_added or self.tags_new
                    or self.sources_new or self.hypotheses_new or self.ratings_added or self.files_added
                    or self.provenance_added or self.pages_added or self.watchlists_new or self.watch_names_new
                    or self.watch_names_widened or self.hit_marks or self.saved_searches_new or self.hits_found)

    def lines(self) -> list[str]:
        """The report in words, one line per kind of thing."""
        out = [
            f"Articles: {self.articles_new} new, {self.articles_matched} already here",
            f"Entities: {self.entities_new} new, {self.entities_matched} matched by name or alias"
            + (f", {self.near_matches} proposed as the same as one here (Entities sidebar)" if self.near_matches else "")
            + (f", {self.entities_rejected} left out (you marked them not an entity)" if self.entities_rejected else ""),
            f"Mentions: {self.mentions_added} added; events: {self.events_added} added",
            f"Annotations: {self.annotations_new} new, {self.annotations_matched} matched, "
            f"{len(self.conflicts)} conflicting, {len(self.orphaned)} orphaned"
            + (f", {self.annotations_already} merged before" if self.annotations_already else ""),
            f"Evidence links: {self.evidence_added} added; tags: {self.tags_new} new; outlets: {self.sources_new} new",
        ]
        if self.hypotheses_new or self.ratings_added or self.ratings_differ:
            out.append(f"Hypotheses: {self.hypotheses_new} new; ratings: {self.ratings_added} added"
                       + (f", {self.ratings_differ} differ (yours kept)" if self.ratings_differ else ""))
        if self.files_added or self.provenance_added or self.pages_added:
            out.append(f"Files that came with articles: {self.files_added} added; where articles came from: "
                       f"{self.provenance_added} message(s) or capture(s); pages read by OCR: {self.pages_added}")
        if (self.watchlists_new or self.watch_names_new or self.watch_names_widened or self.hit_marks
                or self.saved_searches_new or self.hits_found):
            out.append(f"Screening: {self.watchlists_new} watchlist(s) new, {self.watch_names_new} watched name(s) new, "
                       f"{self.watch_names_widened} given more spellings; {self.hit_marks} hit mark(s) (seen or "
                       f"not this person) kept; {self.hits_found} new hit(s); saved searches: {self.saved_searches_new} new")
        if self.grades_differ:
            out.append("Outlets graded differently (yours kept): " + ", ".join(self.grades_differ))
        if self.captures_proposed:
            out.append(f"{self.captures_proposed} new article(s) read as another capture of one already here: "
                       "the article list proposes joining them")
        for title, quote in self.orphaned[:20]:
            out.append(f"Orphaned (kept, passage not found): “{quote[:80]}” in {title}")
        if self.fingerprints_wrong:
            out.append(f"{self.fingerprints_wrong} of their articles carry a sha256 that is not their text's: "
                       "matched by their text")
        if self.left_out:
            out.append(f"Left out, {len(self.left_out)} thing(s) their file holds that a dossier can't:")
            out += [f"  {reason}" for reason in self.left_out[:LEFT_OUT_LISTED]]
            if len(self.left_out) > LEFT_OUT_LISTED:
                out.append(f"  … and {len(self.left_out) - LEFT_OUT_LISTED} more")
        return out
