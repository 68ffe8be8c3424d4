"""Edits of annotations: add, delete, note, claim assessment, tags, evidence links."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from dossier.core import limits
from dossier.core.changes import Changes
from dossier.core.models import Annotation, Claim
from dossier.core.vocabulary import (
    ANNOTATION_KINDS,
    CLAIM_STATUSES,
    CREDIBILITY,
    EVIDENCE_RELATIONS,
    MAX_TAG_LENGTH,
    RELIABILITY,
)
from dossier.operations import Edit, Operation, Refused, existing, within
from dossier.store import Database


def _annotation(store: Database, annotation_id: int) -> Annotation:
    return existing(store, "annotation", store.annotations.get, annotation_id)


def _check_passage(store: Database, article_id: int, start: int, end: int) -> None:
    article = existing(store, "article", store.articles.get, article_id)
    if not 0 <= start < end <= len(article.text):
        raise Refused("Select a passage of the article first.")


def _touched(store: Database, annotation: Annotation) -> Changes:
    """An annotation and the claims its evidence links join it to (their editors list it)."""
    linked = {link.annotation_id for link in store.evidence.of(annotation.id)} | set(store.evidence.claims_citing(annotation.id))
    return Changes(annotations={annotation.id, *linked}, content=[annotation.article_id])


class AddAnnotation(Operation[int]):
    def __init__(self, article_id: int, kind: str, start: int, end: int, tag_ids: Sequence[int] = ()) -> None:
        self.text = f"Add {kind}"
        self.article_id, self.kind, self.start, self.end, self.tag_ids = article_id, kind, start, end, tuple(tag_ids)

    def validate(self, store: Database) -> None:
        if self.kind not in ANNOTATION_KINDS:
            raise Refused(f"“{self.kind}” is not a kind of annotation.")
        _check_passage(store, self.article_id, self.start, self.end)

    def apply(self, store: Database) -> Changes:
        self.result = store.annotations.add(self.article_id, self.kind, self.start, self.end, tag_ids=self.tag_ids)
        return Changes(annotations=[self.result], content=[self.article_id], tags=self.tag_ids)


class DeleteAnnotation(Edit):
    text = "Delete annotation"

    def __init__(self, annotation_id: int) -> None:
        self.annotation_id = annotation_id

    def validate(self, store: Database) -> None:
        _annotation(store, self.annotation_id)

    def apply(self, store: Database) -> Changes:
        annotation = store.annotations.get(self.annotation_id)
        changes = _touched(store, annotation) | Changes(tags=annotation.tag_ids)
        store.annotations.delete(self.annotation_id)
        return changes


class EditNote(Edit):
    text = "Edit note"

    def __init__(self, annotation_id: int, note: str) -> None:
        self.annotation_id, self.note = annotation_id, note

    def validate(self, store: Database) -> None:
        _annotation(store, self.annotation_id)
        within(self.note, "A note", limits.NOTE)

    def apply(self, store: Database) -> Changes:
        store.annotations.set_note(self.annotation_id, self.note)
        return Changes(annotations=[self.annotation_id])


class EditClaim(Edit):
    """A claim's status, grades or rationale (`what` names the field, for the Undo menu)."""

    def __init__(self, annotation_id: int, claim: Claim, what: str = "assessment") -> None:
        self.text = f"Change {what}"
        self.annotation_id, self.claim = annotation_id, claim

    def validate(self, store: Database) -> None:
        if _annotation(store, self.annotation_id).kind != "claim":
            raise Refused("Only a claim carries an assessment.")
        c = self.claim
        if c.status not in CLAIM_STATUSES:
            raise Refused(f"“{c.status}” is not a claim status.")
        if c.reliability is not None and c.reliability not in RELIABILITY:
            raise Refused(f"Source reliability is graded A to F, not “{c.reliability}”.")
        if c.credibility is not None and c.credibility not in CREDIBILITY:
            raise Refused(f"Credibility is graded 1 to 6, not “{c.credibility}”.")
        within(c.rationale, "A rationale", limits.NOTE)

    def apply(self, store: Database) -> Changes:
        store.annotations.set_claim(self.annotation_id, self.claim)
        return Changes(annotations=[self.annotation_id])


class SetTags(Edit):
    """An annotation's tags, by name; a name that is no tag yet becomes one (undone with it).

    `made_here`: tags this annotation's tag field made earlier (a word typed by mistake, then
    corrected). One of them that the edit leaves on no annotation, with no tag nested under it,
    goes in the same step: an edit of the field leaves no orphan tag behind. Tags made or shaped
    elsewhere (Annotate > Tags…) stay even when unused."""

    text = "Tag annotation"

    def __init__(self, annotation_id: int, names: Sequence[str], pick_color: Callable[[int], str],
                 made_here: Collection[int] = ()) -> None:
        self.annotation_id = annotation_id
        self.names = list({n.strip().casefold(): n.strip() for n in names if n.strip()}.values())
        self._pick_color = pick_color
        self._made_here = set(made_here)
        self.made: list[int] = []  # the tags this edit made

    def validate(self, store: Database) -> None:
        _annotation(store, self.annotation_id)
        for name in self.names:
            within(name, f"A tag's name (“{limits.shortened(name, 40)}”)", limits.TAG_NAME)
            # A new tag is a word or a short phrase; a longer one already in the dossier (a
            # colleague's, brought by a merge) may stay on the annotation.
            if len(name) > MAX_TAG_LENGTH and store.tags.by_name(name) is None:
                raise Refused(f"A tag is at most {MAX_TAG_LENGTH} characters; “{name[:20]}…” has {len(name)}. "
                              "Write it in the note instead.")

    def apply(self, store: Database) -> Changes:
        old = store.annotations.get(self.annotation_id).tag_ids
        wanted = []
        self.made = []
        for name in self.names:
            tag = store.tags.find(name)
            if tag is None:
                self.made.append(store.tags.add(name, self._pick_color(len(store.tags.all()))))
            wanted.append(tag.id if tag else self.made[-1])
        for tag_id in old:
            if tag_id not in wanted:
                store.tags.detach(self.annotation_id, tag_id)
        for tag_id in wanted:
            store.tags.attach(self.annotation_id, tag_id)
        for tag_id in old:
            if tag_id in self._made_here and tag_id not in wanted and store.tags.usage(tag_id) == 0 \
                    and store.tags.subtree(tag_id) == [tag_id]:
                store.tags.delete(tag_id)
        annotation = store.annotations.get(self.annotation_id)
        return Changes(annotations=[annotation.id], content=[annotation.article_id], tags={*old, *wanted})


class AddEvidence(Operation[int]):
    """Link a passage to a claim as supporting, contradicting or context. The passage is an
    annotation, or a selection that becomes a highlight in the same step."""

    def __init__(self, claim_id: int, relation: str, target_id: int | None = None,
                 passage: tuple[int, int, int] | None = None) -> None:
        self.text = f"Add evidence ({relation})"
        self.claim_id, self.relation, self.target_id, self.passage = claim_id, relation, target_id, passage

    def validate(self, store: Database) -> None:
        if _annotation(store, self.claim_id).kind != "claim":
            raise Refused("Evidence is linked to a claim.")
        if self.relation not in EVIDENCE_RELATIONS:
            raise Refused(f"“{self.relation}” is not a kind of evidence.")
        if self.target_id is None and self.passage is None:
            raise Refused("Select the passage that is the evidence first.")
        if self.target_id is None and self.passage is not None:
            _check_passage(store, *self.passage)
        target_id = self._target(store)
        if target_id is not None:
            _annotation(store, target_id)
            if target_id == self.claim_id:
                raise Refused("A claim can't be evidence for itself.")

    def _target(self, store: Database) -> int | None:
        """The annotation that is the evidence: the one named, or the one already on the
        selected passage (None: the passage is to become a highlight)."""
        if self.target_id is not None or self.passage is None:
            return self.target_id
        article_id, start, end = self.passage
        return next((a.id for a in store.annotations.all(article_id) if (a.start, a.end) == (start, end)), None)

    def apply(self, store: Database) -> Changes:
        target = self._target(store)
        if target is None:
            assert self.passage is not None
            target = store.annotations.add(self.passage[0], "highlight", *self.passage[1:])
        store.evidence.add(self.claim_id, target, self.relation)
        self.result = target
        return Changes(annotations=[self.claim_id, target], content=[store.annotations.get(target).article_id])


class RemoveEvidence(Edit):
    text = "Remove evidence"

    def __init__(self, claim_id: int, annotation_id: int) -> None:
        self.claim_id, self.annotation_id = claim_id, annotation_id

    def validate(self, store: Database) -> None:
        if not any(link.annotation_id == self.annotation_id for link in store.evidence.of(self.claim_id)):
            raise Refused("That passage is no longer linked to the claim.")

    def apply(self, store: Database) -> Changes:
        store.evidence.remove(self.claim_id, self.annotation_id)
        return Changes(annotations=[self.claim_id, self.annotation_id])
