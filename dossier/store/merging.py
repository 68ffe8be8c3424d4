"""Merging another analyst's dossier into this one, in one transaction, overwriting nothing.

What is the same is recognised, never stored twice: an article by the sha256 of its text (or of
a capture joined into it), an entity by its name or an alias, an annotation by its identity (the
same IRI its Web Annotation export carries, so a merge after an import adds nothing) or by its
passage, kind and note. What is new comes in with its author and times: articles with their
original files, entities with their aliases, mentions, events, annotations placed by the same
re-anchoring as `import-annotations` (one whose passage can't be found is kept, orphaned, and
listed), evidence links, tags, outlets' grades the dossier lacks, hypotheses and ratings.

Where both analysts assessed one passage differently (status, grades, rationale or note), the
other's assessment is kept whole as a conflict for the user to settle (store/team.py); where the
dossier's outlet grade or a rating differs, the dossier's own stays and the report names it. A
preview runs the same merge and rolls it back, so its counts are the merge's.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core import identity
from dossier.core.anchoring import reanchor
from dossier.core.names import fold
from dossier.core.models import Annotation, Claim, Made, NewArticle, NewEvent, NewMention
from dossier.store.errors import DossierError

if TYPE_CHECKING:
    from dossier.store import Store


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
    new_article_ids: list[int] = field(default_factory=list)

    @property
    def adds_nothing(self) -> bool:
        return not (self.articles_new or self.entities_new or self.mentions_added or self.events_added
                    or self.annotations_new or self.conflicts or self.evidence_added or self.tags_new
                    or self.sources_new or self.hypotheses_new or self.ratings_added)

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
        if self.grades_differ:
            out.append("Outlets graded differently (yours kept): " + ", ".join(self.grades_differ))
        if self.captures_proposed:
            out.append(f"{self.captures_proposed} new article(s) read as another capture of one already here: "
                       "the article list proposes joining them")
        for title, quote in self.orphaned[:20]:
            out.append(f"Orphaned (kept, passage not found): “{quote[:80]}” in {title}")
        return out


class _Preview(Exception):
    def __init__(self, report: MergeReport) -> None:
        super().__init__("preview")
        self.report = report


@contextmanager
def other_dossier(path: Path) -> Iterator[Store]:
    """The other dossier, read only. One in an older format is upgraded in a temporary copy:
    their file is never written."""
    from dossier.store import Store
    from dossier.store.inspect import inspect_dossier
    from dossier.store.schema import SCHEMA_VERSION

    version = inspect_dossier(path)
    if version >= SCHEMA_VERSION:
        other = Store.open_readonly(path)
        try:
            yield other
        finally:
            other.close()
        return
    with tempfile.TemporaryDirectory(prefix="dossier-merge-") as folder:
        copy = Path(folder) / path.name
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        upgraded = Store.open(copy)
        try:
            yield upgraded
        finally:
            upgraded.close()
        shutil.rmtree(folder, ignore_errors=True)


def check_mergeable(store: Store, path: Path) -> None:
    """Raise DossierError (with a sentence for the user) if `path` can't be merged in."""
    from dossier.store.inspect import inspect_dossier

    if not path.exists():
        raise DossierError(path, f"{path} does not exist.")
    try:
        if path.resolve() == Path(store.path).resolve() or path.samefile(store.path):
            raise DossierError(path, "That is this dossier; choose another analyst's dossier to merge.")
    except OSError:
        pass
    inspect_dossier(path)  # not a dossier, damaged, newer: refused with its reason


def preview_merge(store: Store, path: Path, label: str | None = None) -> MergeReport:
    """What merging `path` would do, counted by doing it and rolling it back."""
    try:
        with store.transaction():
            raise _Preview(merge_dossier(store, path, label))
    except _Preview as preview:
        return preview.report


def merge_dossier(store: Store, path: Path, label: str | None = None) -> MergeReport:
    """Merge the dossier at `path` into `store`, in one transaction (see the module's docstring).
    `label` names where it came from (default: its title and file name)."""
    check_mergeable(store, path)
    with other_dossier(path) as other, store.transaction():
        return _Merge(store, other, label or f"{other.title} ({path.name})").run()


class _Merge:
    def __init__(self, mine: Store, theirs: Store, merged_from: str) -> None:
        self.mine, self.theirs = mine, theirs
        self.report = MergeReport(merged_from)
        self.articles: dict[int, int] = {}
        self.entities: dict[int, int] = {}
        self.tags: dict[int, int] = {}
        self.annotations: dict[int, int] = {}
        self.new_entities: set[int] = set()
        self.known_conflicts: set[tuple[int, Claim, str, str]] | None = None

    def run(self) -> MergeReport:
        self._sources()
        self._tags()
        self._entities()
        self._articles()
        for theirs_id, mine_id in self.articles.items():
            self._mentions(theirs_id, mine_id)
            self._events(theirs_id, mine_id)
        self._annotations()
        self._evidence()
        self._conflicts()
        self._hypotheses()
        if self.new_entities:  # a pair with a new entity in it was not proposed before the merge
            self.report.near_matches = len({e for pair in self._proposal_pairs() for e in pair
                                            if e in self.new_entities})
        new = set(self.report.new_article_ids)
        self.report.captures_proposed = sum(1 for p in self.mine.capture_proposals()
                                            if p.keep.id in new or p.other.id in new)
        return self.report

    def _proposal_pairs(self) -> set[tuple[int, int]]:
        m = self.mine
        return {(a.id, b.id) for a, b in m.same_name_proposals() + m.same_organisation_proposals()}

    # -- outlets and tags -------------------------------------------------------------------------

    def _sources(self) -> None:
        m = self.mine
        for source in self.theirs.sources():
            mine = m.source_by_name(source.name)
            if mine is None:
                m.set_source_grade(source.name, source.reliability, source.rationale)
                self.report.sources_new += 1
            elif mine.reliability is None and source.reliability is not None and not mine.rationale:
                m.set_source_grade(mine.name, source.reliability, source.rationale)
            elif source.reliability is not None and mine.reliability != source.reliability:
                self.report.grades_differ.append(f"{mine.name} (yours {mine.reliability or 'ungraded'}, "
                                                 f"theirs {source.reliability})")

    def _tags(self) -> None:
        m = self.mine
        pending = self.theirs.tags()
        while pending:  # parents before children
            ready = [t for t in pending if t.parent_id is None or t.parent_id in self.tags]
            if not ready:
                ready = pending  # a cycle in their tree: put what is left at the top
            for tag in ready:
                parent = self.tags.get(tag.parent_id) if tag.parent_id is not None else None
                found = m.tag_by_name(tag.name, parent)
                if found is None:
                    self.tags[tag.id] = m.add_tag(tag.name, tag.color, parent)
                    self.report.tags_new += 1
                else:
                    self.tags[tag.id] = found.id
            pending = [t for t in pending if t not in ready]

    # -- entities ---------------------------------------------------------------------------------

    def _entities(self) -> None:
        m = self.mine
        by_name: dict[str, list[tuple[int, str]]] = {}
        for e in m.entities():
            for name in (e.name, *e.aliases):
                by_name.setdefault(name.casefold(), []).append((e.id, e.kind))
        rejected = m.rejected_name_keys()
        for e in self.theirs.entities():
            names = [e.name, *e.aliases]
            found = [hit for n in names for hit in by_name.get(n.casefold(), [])]
            if found:
                entity_id = next((i for i, kind in found if kind == e.kind), found[0][0])
                self.entities[e.id] = entity_id
                self.report.entities_matched += 1
                mine = m.entity(entity_id)
                known = {n.casefold() for n in (mine.name, *mine.aliases)}
                for name in names:
                    if name.casefold() not in known:
                        m.add_alias(entity_id, name)
                        known.add(name.casefold())
                continue
            if fold(e.name) in rejected:
                self.report.entities_rejected += 1
                continue
            entity_id = m.add_entity(e.name, e.kind, e.aliases)
            if e.notes:
                with m._write() as conn:
                    conn.execute("UPDATE entities SET notes = ? WHERE id = ?", (e.notes, entity_id))
            self.entities[e.id] = entity_id
            self.new_entities.add(entity_id)
            self.report.entities_new += 1
            for name in names:
                by_name.setdefault(name.casefold(), []).append((entity_id, e.kind))

    # -- articles, mentions, events ---------------------------------------------------------------

    def _articles(self) -> None:
        m, t = self.mine, self.theirs
        for article_id in t.article_ids(order="id", descending=False):
            a = t.article(article_id)
            mine_id = m.article_id_by_sha256(a.sha256)
            if mine_id is not None:
                self.articles[a.id] = mine_id
                self.report.articles_matched += 1
                continue
            (mine_id,) = m.add_articles([NewArticle(
                a.title, a.text, a.source, a.url, a.published, a.published_precision, a.language, a.original_name)],
                imported_at=a.imported_at)
            original = t.original(a.id)
            if original is not None:
                m.keep_original(mine_id, original[0], original[1])
            reports = t.article_reports(a.id)
            if reports:
                m.set_article_reports(mine_id, reports)
            self.articles[a.id] = mine_id
            self.report.articles_new += 1
            self.report.new_article_ids.append(mine_id)
        # Their captures of a story come along with the article they were joined into.
        with m._write() as conn:
            for theirs_id, mine_id in self.articles.items():
                for capture in t.captures(theirs_id):
                    if m.article_id_by_sha256(capture.sha256) is not None:
                        continue
                    row = t._conn.execute(
                        "SELECT title, source, url, published, published_precision, language, text, sha256, "
                        "imported_at, file_name, content, joined_at FROM captures WHERE id = ?", (capture.id,)).fetchone()
                    conn.execute(
                        "INSERT INTO captures (article_id, title, source, url, published, published_precision, "
                        "language, text, sha256, imported_at, file_name, content, joined_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (mine_id, *row))

    def _mentions(self, theirs_id: int, mine_id: int) -> None:
        m = self.mine
        taken = {(x.start, x.end) for x in m.mentions_in_article(mine_id)}
        new = []
        for x in self.theirs.mentions_in_article(theirs_id):
            entity_id = self.entities.get(x.entity_id)
            if entity_id is None or (x.start, x.end) in taken or m.is_rejected_mention(mine_id, x.start, x.end):
                continue
            taken.add((x.start, x.end))
            new.append(NewMention(mine_id, entity_id, x.start, x.end, x.surface, x.origin))
        m.add_mentions(new)
        self.report.mentions_added += len(new)

    def _events(self, theirs_id: int, mine_id: int) -> None:
        m = self.mine
        taken = {(e.start, e.end, e.date_text) for e in m.events(mine_id)}
        taken |= m.extraction_guards(mine_id).kept_events
        new = []
        for e in self.theirs.events(theirs_id):
            if (e.start, e.end, e.date_text) in taken:
                continue
            taken.add((e.start, e.end, e.date_text))
            new.append(NewEvent(mine_id, e.start, e.end, e.title, e.date_text, e.earliest, e.latest, e.precision,
                                e.origin, tuple(self.entities[i] for i in e.entity_ids if i in self.entities)))
        m.add_events(new)
        self.report.events_added += len(new)

    # -- annotations ------------------------------------------------------------------------------

    def _annotations(self) -> None:
        m, t = self.mine, self.theirs
        base = identity.dossier_uuid(t.meta("created"), t.title)
        here: dict[int, list[Annotation]] = {}
        texts: dict[int, str] = {}
        for a in t.annotations():
            iri = identity.annotation_iri(base, a.id, a.created)
            known = m.annotation_for_external_id(iri)
            if known is not None:
                self.annotations[a.id] = known
                self.report.annotations_already += 1
                continue
            mine_article = self.articles[a.article_id]
            if mine_article not in here:
                here[mine_article] = m.annotations(mine_article)
                texts[mine_article] = m.article(mine_article).text
            mine_id = self._place(a, mine_article, texts[mine_article], here[mine_article])
            m.remember_external_id(mine_id, iri)
            self.annotations[a.id] = mine_id

    def _place(self, a: Annotation, article_id: int, text: str, here: list[Annotation]) -> int:
        m = self.mine
        tag_ids = [self.tags[t] for t in a.tag_ids if t in self.tags]
        made = Made(a.author, a.created, a.modified, a.assessed_by, a.assessed_at)
        found = reanchor(text, a.exact, a.prefix, a.suffix, a.start) if a.anchor_state != "orphaned" else None
        if found is not None:
            same = [b for b in here if (b.start, b.end, b.kind) == (found.start, found.end, a.kind)
                    and b.anchor_state != "orphaned"]
            hit = self._match(a, same)
            if hit is not None:
                matched, conflicting = hit
                if not conflicting:
                    self.report.annotations_matched += 1
                for tag_id in tag_ids:
                    m.tag_annotation(matched, tag_id)
                return matched
            new_id = m.add_annotation(article_id, a.kind, found.start, found.end, note=a.note,
                                      claim=a.claim, tag_ids=tag_ids, made=made)
            state = found.state if found.state != "anchored" else a.anchor_state
            if state != "anchored":
                m.set_anchor_state(new_id, state)
            quoted_as = a.quoted_as or (a.exact if a.exact != text[found.start:found.end] else None)
            if quoted_as:
                m.set_quoted_as(new_id, quoted_as)
            here.append(m.annotation(new_id))
        else:
            new_id = m.add_orphan(article_id, a.kind, a.exact, a.prefix, a.suffix, note=a.note, claim=a.claim,
                                  made=made)
            for tag_id in tag_ids:
                m.tag_annotation(new_id, tag_id)
            self.report.orphaned.append((m.article(article_id).title, a.exact))
        self.report.annotations_new += 1
        return int(new_id)

    def _match(self, a: Annotation, same: list[Annotation]) -> tuple[int, bool] | None:
        """The annotation here that is theirs already, and whether the two conflict (None:
        theirs is new). Two claims on one passage assessed differently are one annotation with
        a conflict to settle."""
        if a.kind != "claim":
            return next(((b.id, False) for b in same if b.note == a.note), None)
        if not same:
            return None
        theirs = a.claim or Claim()
        for b in same:
            if (b.claim or Claim()) == theirs and (b.note == a.note or not a.note):
                return b.id, False
        mine = same[0]
        blank = Claim()
        if theirs == blank and not a.note:  # they never assessed it: nothing of theirs to keep
            return mine.id, False
        if (mine.claim or blank) == blank and not mine.note:  # we never did: theirs fills it
            self.mine.set_claim(mine.id, theirs, by=a.assessed_by, at=a.assessed_at)
            if a.note:
                self.mine.set_note(mine.id, a.note)
            return mine.id, False
        self._add_conflict(mine.id, theirs, a.note, a.author, a.assessed_by, a.assessed_at, a.created,
                           self.report.merged_from)
        return mine.id, True

    def _add_conflict(self, annotation_id: int, theirs: Claim, note: str, author: str, assessed_by: str,
                      assessed_at: str | None, created: str | None, merged_from: str) -> None:
        """Keep their assessment as a conflict, unless the same one is waiting already."""
        if self.known_conflicts is None:
            self.known_conflicts = {(c.annotation_id, c.theirs, c.note, c.assessed_by)
                                    for c in self.mine.conflicts()}
        key = (annotation_id, theirs, note, assessed_by)
        if key in self.known_conflicts:
            return
        self.known_conflicts.add(key)
        self.report.conflicts.append(self.mine.add_conflict(
            annotation_id, theirs, note, author, assessed_by, assessed_at, created, merged_from))

    def _evidence(self) -> None:
        m = self.mine
        for theirs_claim, mine_claim in self.annotations.items():
            if m.annotation(mine_claim).kind != "claim":
                continue
            have = {link.annotation_id: link.relation for link in m.evidence(mine_claim)}
            for link in self.theirs.evidence(theirs_claim):
                target = self.annotations.get(link.annotation_id)
                if target is None or target == mine_claim or target in have:
                    continue
                m.add_evidence(mine_claim, target, link.relation, author=link.author, created=link.created)
                have[target] = link.relation
                self.report.evidence_added += 1

    def _conflicts(self) -> None:
        """Conflicts they had not settled yet stay unsettled here."""
        for c in self.theirs.conflicts():
            mine_id = self.annotations.get(c.annotation_id)
            if mine_id is not None:
                self._add_conflict(mine_id, c.theirs, c.note, c.author, c.assessed_by, c.assessed_at, c.created,
                                   c.merged_from)

    # -- competing hypotheses ---------------------------------------------------------------------

    def _hypotheses(self) -> None:
        m, t = self.mine, self.theirs
        mine_by_title = {h.title.casefold(): h.id for h in m.hypotheses()}
        hypotheses: dict[int, int] = {}
        for h in t.hypotheses():
            found = mine_by_title.get(h.title.casefold())
            if found is None:
                found = m.add_hypothesis(h.title, h.description)
                mine_by_title[h.title.casefold()] = found
                self.report.hypotheses_new += 1
            hypotheses[h.id] = found
        their_rows = {r.id: r.annotation_id for r in t.ach_rows()}
        wanted = [self.annotations[a] for a in their_rows.values() if a in self.annotations]
        m.add_ach_rows(wanted)
        mine_rows = {r.annotation_id: r.id for r in m.ach_rows()}
        mine_ratings = m.ach_ratings()
        raters = t.ach_raters()
        for (row_id, hypothesis_id), rating in t.ach_ratings().items():
            annotation = self.annotations.get(their_rows.get(row_id, -1))
            if annotation is None or hypothesis_id not in hypotheses:
                continue
            cell = (mine_rows[annotation], hypotheses[hypothesis_id])
            if cell not in mine_ratings:
                author, rated_at = raters.get((row_id, hypothesis_id), ("", None))
                m.rate(*cell, rating, author=author, rated_at=rated_at)
                self.report.ratings_added += 1
            elif mine_ratings[cell] != rating:
                self.report.ratings_differ += 1
