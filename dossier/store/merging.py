"""Merging another analyst's dossier into this one, in one transaction, overwriting nothing.

What is the same is recognised, never stored twice: an article by the sha256 of its text (or of
a capture joined into it), an entity by its name or an alias, an annotation by its identity (the
same IRI its Web Annotation export carries, so a merge after an import adds nothing) or by its
passage, kind and note. What is new comes in with its author and times: articles with their
original files, the files, provenance and OCR pages that came with them (store/merging_files.py),
entities with their aliases, mentions, events, annotations placed by the same
re-anchoring as `import-annotations` (one whose passage can't be found is kept, orphaned, and
listed), evidence links, tags, outlets' grades the dossier lacks, hypotheses and ratings,
watchlists with their names, hits' marks and saved searches (store/merging_screening.py).

Where both analysts assessed one passage differently (status, grades, rationale or note), the
other's assessment is kept whole as a conflict for the user to settle (store/team.py); where the
dossier's outlet grade or a rating differs, the dossier's own stays and the report names it. A
preview runs the same merge and rolls it back, so its counts are the merge's.

Nothing of theirs is trusted (store/foreign.py): each row is judged before it is written, one
the format does not allow (an offset outside its text, an id not there, a value the schema
forbids, a string beyond its limit) is left out and named, and each is written in a savepoint of
its own. An article is matched by the sha256 of its text, not the one their file records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core import identity, limits
from dossier.core.anchoring import CONTEXT_CHARS, reanchor
from dossier.core.models import Annotation, Article, Claim, Entity, Made, NewArticle, NewEvent, NewMention
from dossier.core.names import fold
from dossier.core.places import position_problem
from dossier.core.validity import text_problem
from dossier.core.vocabulary import EVIDENCE_RELATIONS
from dossier.store import foreign
from dossier.store.articles import text_sha256
from dossier.store.foreign import about, check_mergeable, other_dossier
from dossier.store.merge_report import MergeReport
from dossier.store.merging_ach import merge_hypotheses
from dossier.store.merging_files import merge_article_files
from dossier.store.merging_screening import merge_screening

if TYPE_CHECKING:
    from dossier.store import Database


class _Preview(Exception):
    def __init__(self, report: MergeReport) -> None:
        super().__init__("preview")
        self.report = report


def preview_merge(store: Database, path: Path, label: str | None = None) -> MergeReport:
    """What merging `path` would do, counted by doing it and rolling it back."""
    try:
        with store.transaction():
            raise _Preview(merge_dossier(store, path, label))
    except _Preview as preview:
        return preview.report


def merge_dossier(store: Database, path: Path, label: str | None = None) -> MergeReport:
    """Merge the dossier at `path` into `store`, in one transaction (see the module's docstring).
    `label` names where it came from (default: its title and file name)."""
    check_mergeable(store, path)
    with other_dossier(path) as other, store.transaction():
        return _Merge(store, other, label or f"{other.title} ({path.name})").run()


class _Merge:
    def __init__(self, mine: Database, theirs: Database, merged_from: str) -> None:
        self.mine, self.theirs = mine, theirs
        self.report = MergeReport(merged_from)
        self.articles: dict[int, int] = {}
        self.texts: dict[int, str] = {}  # their article id -> its text (the same as the one it is here)
        self.entities: dict[int, int] = {}
        self.tags: dict[int, int] = {}
        self.annotations: dict[int, int] = {}
        self.new_entities: set[int] = set()
        self.left_out_articles: set[int] = set()
        self.known_conflicts: set[tuple[int, Claim, str, str]] | None = None

    def run(self) -> MergeReport:
        self._sources()
        self._tags()
        self._entities()
        self._place_positions()
        self._articles()
        merge_article_files(self)
        for theirs_id, mine_id in self.articles.items():
            self.alone(f"The mentions of their article {theirs_id}", lambda: self._mentions(theirs_id, mine_id))
            self.alone(f"The events of their article {theirs_id}", lambda: self._events(theirs_id, mine_id))
        self.alone("Their copies of one story", lambda: self.mine.copies.merge_from(self.theirs._conn, self.articles))
        self._annotations()
        self._evidence()
        self._conflicts()
        merge_hypotheses(self)
        merge_screening(self)
        if self.new_entities:  # a pair with a new entity in it was not proposed before the merge
            self.report.near_matches = len({e for pair in self._proposal_pairs() for e in pair
                                            if e in self.new_entities})
        new = set(self.report.new_article_ids)
        self.report.captures_proposed = sum(1 for p in self.mine.team.capture_proposals()
                                            if p.keep.id in new or p.other.id in new)
        return self.report

    def leave_out(self, what: str, why: str) -> None:
        self.report.left_out.append(f"{what}: {why}.")

    def alone(self, what: str, write: Callable[[], object]) -> bool:
        """Write one thing of theirs in a savepoint: if the dossier refuses it all the same (a
        constraint no check above foresaw), it is undone alone and named."""
        try:
            with self.mine.transaction():
                write()
        except (ValueError, KeyError, TypeError, sqlite3.IntegrityError, sqlite3.InterfaceError) as error:
            self.leave_out(what, f"it could not be stored ({type(error).__name__}: {limits.words_of(error)})")
            return False
        return True

    def _proposal_pairs(self) -> set[tuple[int, int]]:
        m = self.mine
        return {(a.id, b.id) for a, b in m.entities.same_name_proposals() + m.entities.same_organisation_proposals()}

    # -- outlets and tags -------------------------------------------------------------------------

    def _sources(self) -> None:
        m = self.mine
        for source in self.theirs.sources.all():
            problem = foreign.source_problem(source.name, source.reliability, source.rationale)
            if problem:
                self.leave_out(about("Their outlet", source.name), problem)
                continue
            mine = m.sources.by_name(source.name)
            if mine is None:
                if self.alone(about("Their outlet", source.name),
                               lambda: m.sources.set_grade(source.name, source.reliability, source.rationale)):
                    self.report.sources_new += 1
            elif mine.reliability is None and source.reliability is not None and not mine.rationale:
                m.sources.set_grade(mine.name, source.reliability, source.rationale)
            elif source.reliability is not None and mine.reliability != source.reliability:
                self.report.grades_differ.append(f"{mine.name} (yours {mine.reliability or 'ungraded'}, "
                                                 f"theirs {source.reliability})")

    def _tags(self) -> None:
        m = self.mine
        pending = []
        for tag in self.theirs.tags.all():
            problem = foreign.tag_problem(tag)
            if problem:
                self.leave_out(about("Their tag", tag.name), problem)
            else:
                pending.append(tag)
        while pending:  # parents before children
            ready = [t for t in pending if t.parent_id is None or t.parent_id in self.tags]
            if not ready:
                ready = pending  # a cycle in their tree, or a parent left out: what is left goes to the top
            for tag in ready:
                parent = self.tags.get(tag.parent_id) if tag.parent_id is not None else None
                found = m.tags.by_name(tag.name, parent)
                if found is not None:
                    self.tags[tag.id] = found.id
                elif self.alone(about("Their tag", tag.name),
                                 lambda: self.tags.__setitem__(tag.id, m.tags.add(tag.name, tag.color, parent))):
                    self.report.tags_new += 1
            pending = [t for t in pending if t not in ready]

    # -- entities ---------------------------------------------------------------------------------

    def _entities(self) -> None:
        m = self.mine
        by_name: dict[str, list[tuple[int, str]]] = {}
        for e in m.entities.all():
            for name in (e.name, *e.aliases):
                by_name.setdefault(name.casefold(), []).append((e.id, e.kind))
        rejected = m.entities.rejected_name_keys()
        for e in self.theirs.entities.all():
            problem = foreign.entity_problem(e)
            if problem:
                self.leave_out(about(f"Their entity {e.id}", e.name), problem)
                continue
            names = [e.name, *e.aliases]
            found = [hit for n in names for hit in by_name.get(n.casefold(), [])]
            if found:
                entity_id = next((i for i, kind in found if kind == e.kind), found[0][0])
                self.entities[e.id] = entity_id
                self.report.entities_matched += 1
                mine = m.entities.get(entity_id)
                known = {n.casefold() for n in (mine.name, *mine.aliases)}
                for name in names:
                    if name.casefold() not in known:
                        m.entities.add_alias(entity_id, name)
                        known.add(name.casefold())
                continue
            if fold(e.name) in rejected:
                self.report.entities_rejected += 1
                continue
            if not self.alone(about(f"Their entity {e.id}", e.name), lambda: self._new_entity(e)):
                continue
            for name in names:
                by_name.setdefault(name.casefold(), []).append((self.entities[e.id], e.kind))

    def _place_positions(self) -> None:
        """Where they put their places: kept for a place this dossier has not placed itself."""
        for theirs_id, decision in self.theirs.places.decisions().items():
            entity_id = self.entities.get(theirs_id)
            if entity_id is None:
                continue
            if decision.latitude is not None and decision.longitude is not None:
                problem = position_problem(decision.latitude, decision.longitude)
                if problem:
                    self.leave_out(f"The position of their entity {theirs_id}", problem.rstrip("."))
                    continue
            self.alone(f"The position of their entity {theirs_id}",
                       partial(self.mine.places.add_decision, decision._replace(entity_id=entity_id)))

    def _new_entity(self, e: Entity) -> None:
        m = self.mine
        entity_id = m.entities.add(e.name, e.kind, e.aliases)
        if e.notes:
            m.entities.set_notes(entity_id, e.notes)
        self.entities[e.id] = entity_id
        self.new_entities.add(entity_id)
        self.report.entities_new += 1

    # -- articles, mentions, events ---------------------------------------------------------------

    def _articles(self) -> None:
        m, t = self.mine, self.theirs
        for article_id in t.articles.ids(order="id", descending=False):
            a = t.articles.get(article_id)
            problem = foreign.article_problem(a.title, a.text, a.source, a.url, a.published, a.published_precision,
                                              a.language, a.original_name)
            original = t.articles.original(a.id, among_files=False) if not problem else None  # the rest: merging_files
            problem = problem or foreign.original_problem(original)
            if problem:
                self.leave_out(about(f"Their article {a.id}", a.title), problem)
                self.left_out_articles.add(a.id)
                continue
            sha256 = text_sha256(a.text)  # theirs as it is: a forged fingerprint matches nothing
            self.report.fingerprints_wrong += sha256 != a.sha256
            mine_id = m.articles.id_by_sha256(sha256)
            if mine_id is not None:
                self.articles[a.id], self.texts[a.id] = mine_id, a.text
                if mine_id not in self.report.new_article_ids:
                    self.report.articles_matched += 1
                continue
            if self.alone(about(f"Their article {a.id}", a.title), lambda: self._new_article(a, original)):
                self.texts[a.id] = a.text
            else:
                self.left_out_articles.add(a.id)
        self._captures()

    def _new_article(self, a: Article, original: tuple[str | None, bytes] | None) -> None:
        m, t = self.mine, self.theirs
        (mine_id,) = m.articles.add_many([NewArticle(
            a.title, a.text, a.source, a.url, a.published, a.published_precision, a.language, a.original_name)],
            imported_at=a.imported_at)
        if original is not None:
            m.articles.keep_original(mine_id, original[0], bytes(original[1]))
        reports = [r for r in t.articles.reports(a.id) if not text_problem(r, limits.NAME, "", empty_allowed=False)]
        if reports:
            m.articles.set_reports(mine_id, reports)
        self.articles[a.id] = mine_id
        self.report.articles_new += 1
        self.report.new_article_ids.append(mine_id)

    def _captures(self) -> None:
        """Their captures of a story come along with the article they were joined into."""
        m, t = self.mine, self.theirs
        for theirs_id, mine_id in self.articles.items():
            for capture in t.team.captures(theirs_id):
                row = t._conn.execute(
                    "SELECT title, source, url, published, published_precision, language, text, imported_at, "
                    "file_name, content, joined_at FROM captures WHERE id = ?", (capture.id,)).fetchone()
                title, source, url, published, precision, language, text, imported_at, file_name, content, joined = row
                what = about(f"Their capture {capture.id}", title)
                problem = (foreign.article_problem(title, text, source, url, published, precision, language, file_name)
                           or foreign.original_problem((file_name, content) if content is not None else None)
                           or text_problem(imported_at, foreign.STAMP_CHARS, "its time of import", empty_allowed=False)
                           or text_problem(joined, foreign.STAMP_CHARS, "its time of joining", empty_allowed=False))
                if problem:
                    self.leave_out(what, problem)
                    continue
                sha256 = text_sha256(text)
                if m.articles.id_by_sha256(sha256) is not None:
                    continue
                self.alone(what, lambda: m._conn.execute(
                    "INSERT INTO captures (article_id, title, source, url, published, published_precision, "
                    "language, text, sha256, imported_at, file_name, content, joined_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (mine_id, title, source, url, published, precision, language, text, sha256, imported_at,
                     file_name, content, joined)))

    def _mentions(self, theirs_id: int, mine_id: int) -> None:
        m, text = self.mine, self.texts[theirs_id]
        taken = {(x.start, x.end) for x in m.entities.mentions_in(mine_id)}
        new = []
        for x in self.theirs.entities.mentions_in(theirs_id):
            problem = foreign.mention_problem(x.start, x.end, len(text), x.origin)
            if problem:
                self.leave_out(about(f"Their mention {x.id}", x.surface), problem)
                continue
            entity_id = self.entities.get(x.entity_id)
            if entity_id is None or (x.start, x.end) in taken or m.entities.is_rejected_mention(mine_id, x.start, x.end):
                continue  # an entity rejected here (or left out, and said so), or a place taken
            taken.add((x.start, x.end))
            new.append(NewMention(mine_id, entity_id, x.start, x.end, text[x.start:x.end], x.origin))
        m.entities.add_mentions(new)
        self.report.mentions_added += len(new)

    def _events(self, theirs_id: int, mine_id: int) -> None:
        m, text = self.mine, self.texts[theirs_id]
        taken = {(e.start, e.end, e.date_text) for e in m.events.all(mine_id)}
        taken |= m.extraction.guards(mine_id).kept_events
        new = []
        for e in self.theirs.events.all(theirs_id):
            problem = foreign.their_event_problem(e, len(text))
            if problem:
                self.leave_out(about(f"Their event {e.id}", e.title), problem)
                continue
            if (e.start, e.end, e.date_text) in taken:
                continue
            taken.add((e.start, e.end, e.date_text))
            new.append(NewEvent(mine_id, e.start, e.end, e.title, e.date_text, e.earliest, e.latest, e.precision,
                                e.origin, tuple(self.entities[i] for i in e.entity_ids if i in self.entities)))
        m.events.add_many(new)
        self.report.events_added += len(new)

    # -- annotations ------------------------------------------------------------------------------

    def _annotations(self) -> None:
        m, t = self.mine, self.theirs
        base = identity.dossier_uuid(t.meta("created"), t.title)
        here: dict[int, list[Annotation]] = {}
        texts: dict[int, str] = {}
        for a in t.annotations.all():
            what = about(f"Their annotation {a.id}", a.exact)
            problem = foreign.annotation_problem(a)
            if problem is None and a.article_id not in self.articles:
                problem = ("its article was left out" if a.article_id in self.left_out_articles
                           else f"its article ({a.article_id}) is not in their file")
            if problem:
                self.leave_out(what, problem)
                continue
            iri = identity.annotation_iri(base, a.id, a.created)
            known = m.annotations.by_external_id(iri)
            if known is not None:
                self.annotations[a.id] = known
                self.report.annotations_already += 1
                continue
            mine_article = self.articles[a.article_id]
            if mine_article not in here:
                here[mine_article] = m.annotations.all(mine_article)
                texts[mine_article] = m.articles.get(mine_article).text
            # Their context as this app writes it: a longer one would only make the search longer.
            a = a._replace(prefix=a.prefix[-CONTEXT_CHARS:] if a.prefix else "", suffix=a.suffix[:CONTEXT_CHARS],
                           start=min(max(a.start, 0), len(texts[mine_article])))

            def place(a: Annotation = a, article: int = mine_article) -> None:
                mine_id = self._place(a, article, texts[article], here[article])
                m.annotations.remember_external_id(mine_id, iri)
                self.annotations[a.id] = mine_id

            self.alone(what, place)

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
                    m.tags.attach(matched, tag_id)
                return matched
            new_id = m.annotations.add(article_id, a.kind, found.start, found.end, note=a.note,
                                      claim=a.claim, tag_ids=tag_ids, made=made)
            state = found.state if found.state != "anchored" else a.anchor_state
            if state != "anchored":
                m.annotations.set_anchor_state(new_id, state)
            quoted_as = a.quoted_as or (a.exact if a.exact != text[found.start:found.end] else None)
            if quoted_as:
                m.annotations.set_quoted_as(new_id, quoted_as)
            here.append(m.annotations.get(new_id))
        else:
            new_id = m.annotations.add_orphan(article_id, a.kind, a.exact, a.prefix, a.suffix, note=a.note, claim=a.claim,
                                  made=made)
            for tag_id in tag_ids:
                m.tags.attach(new_id, tag_id)
            self.report.orphaned.append((m.articles.get(article_id).title, a.exact))
        self.report.annotations_new += 1
        return int(new_id)

    def _match(self, a: Annotation, same: list[Annotation]) -> tuple[int, bool] | None:
        """The annotation here that is theirs already, and whether the two conflict (None:
        theirs is new). Two claims on one passage assessed differently are one annotation with
        a conflict to settle."""
        # No note of theirs, or no rationale, is nothing to add (a copy shared without notes or
        # rationales merged back must add nothing): it matches whatever stands on the passage here.
        if a.kind != "claim":
            return next(((b.id, False) for b in same if b.note == a.note or not a.note), None)
        if not same:
            return None
        theirs = a.claim or Claim()
        for b in same:
            if _same_assessment(b.claim or Claim(), theirs) and (b.note == a.note or not a.note):
                return b.id, False
        mine = same[0]
        blank = Claim()
        if theirs == blank and not a.note:  # they never assessed it: nothing of theirs to keep
            return mine.id, False
        if (mine.claim or blank) == blank and not mine.note:  # we never did: theirs fills it
            self.mine.annotations.set_claim(mine.id, theirs, by=a.assessed_by, at=a.assessed_at)
            if a.note:
                self.mine.annotations.set_note(mine.id, a.note)
            return mine.id, False
        self._add_conflict(mine.id, theirs, a.note, a.author, a.assessed_by, a.assessed_at, a.created,
                           self.report.merged_from)
        return mine.id, True

    def _add_conflict(self, annotation_id: int, theirs: Claim, note: str, author: str, assessed_by: str,
                      assessed_at: str | None, created: str | None, merged_from: str) -> None:
        """Keep their assessment as a conflict, unless the same one is waiting already."""
        if self.known_conflicts is None:
            self.known_conflicts = {(c.annotation_id, c.theirs, c.note, c.assessed_by)
                                    for c in self.mine.team.conflicts()}
        key = (annotation_id, theirs, note, assessed_by)
        if key in self.known_conflicts:
            return
        self.known_conflicts.add(key)
        self.report.conflicts.append(self.mine.team.add_conflict(
            annotation_id, theirs, note, author, assessed_by, assessed_at, created, merged_from))

    def _evidence(self) -> None:
        m = self.mine
        for theirs_claim, mine_claim in self.annotations.items():
            if m.annotations.get(mine_claim).kind != "claim":
                continue
            have = {link.annotation_id: link.relation for link in m.evidence.of(mine_claim)}
            for link in self.theirs.evidence.of(theirs_claim):
                target = self.annotations.get(link.annotation_id)
                if target is None or target == mine_claim or target in have:
                    continue
                what = f"Their evidence link {theirs_claim} → {link.annotation_id}"
                problem = ((None if link.relation in EVIDENCE_RELATIONS
                            else f"“{str(link.relation)[:40]}” is not a kind of evidence")
                           or text_problem(link.author, limits.NAME, "its author")
                           or text_problem(link.created, foreign.STAMP_CHARS, "its time", none_allowed=True))
                if problem:
                    self.leave_out(what, problem)
                elif self.alone(what, lambda: m.evidence.add(mine_claim, target, link.relation, author=link.author,
                                                              created=link.created)):
                    have[target] = link.relation
                    self.report.evidence_added += 1

    def _conflicts(self) -> None:
        """Conflicts they had not settled yet stay unsettled here."""
        for c in self.theirs.team.conflicts():
            mine_id = self.annotations.get(c.annotation_id)
            if mine_id is None:
                continue
            problem = (foreign.claim_assessment_problem(c.theirs)
                       or text_problem(c.note, limits.NOTE, "its note")
                       or foreign.made_problem(c.author, c.created or "", c.created or "", c.assessed_by, c.assessed_at)
                       or text_problem(c.merged_from, limits.TITLE, "where it came from"))
            if problem:
                self.leave_out(f"Their conflict {c.id}", problem)
                continue
            self.alone(f"Their conflict {c.id}", lambda: self._add_conflict(
                mine_id, c.theirs, c.note, c.author, c.assessed_by, c.assessed_at, c.created, c.merged_from))


def _same_assessment(mine: Claim, theirs: Claim) -> bool:
    """The same status and grades, and their rationale is ours or none at all."""
    return mine == theirs or (not theirs.rationale and mine._replace(rationale="") == theirs)
