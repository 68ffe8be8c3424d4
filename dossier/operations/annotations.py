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
from dossier.operations import Operation, Refused, existing, within
from dossier.store import Store


def _annotation(store: Store, annotation_id: int) -> Annotation:
    return existing(store, "annotation", store.annotation, annotation_id)  # type: ignore[no-any-return]


def _check_passage(store: Store, article_id: int, start: int, end: int) -> None:
    article = existing(store, "article", store.article, article_id)
    if not 0 <= start < end <= len(article.text):
        raise Refused("Select a passage of the article first.")


def _touched(store: Store, annotation: Annotation) -> Changes:
    """An annotation and the claims its evidence links join it to (their editors list it)."""
    linked = {link.annotation_id for link in store.evidence(annotation.id)} | set(store.claims_citing(annotation.id))
    return Changes(annotations={annotation.id, *linked}, content=[annotation.article_id])


class AddAnnotation(Operation):
    def __init__(self, article_id: int, kind: str, start: int, end: int, tag_ids: Sequence[int] = ()) -> None:
        self.text = f"Add {kind}"
        self.article_id, self.kind, self.start, self.end, self.tag_ids = article_id, kind, start, end, tuple(tag_ids)

    def validate(self, store: Store) -> None:
        if self.kind not in ANNOTATION_KINDS:
            raise Refused(f"“{self.kind}” is not a kind of annotation.")
        _check_passage(store, self.article_id, self.start, self.end)

    def apply(self, store: Store) -> Changes:
        self.result = store.add_annotation(self.article_id, self.kind, self.start, self.end, tag_ids=self.tag_ids)
        return Changes(annotations=[self.result], content=[self.article_id], tags=self.tag_ids)


class DeleteAnnotation(Operation):
    text = "Delete annotation"

    def __init__(self, annotation_id: int) -> None:
        self.annotation_id = annotation_id

    def validate(self, store: Store) -> None:
        _annotation(store, self.annotation_id)

    def apply(self, store: Store) -> Changes:
        annotation = store.annotation(self.annotation_id)
        changes = _touched(store, annotation) | Changes(tags=annotation.tag_ids)
        store.delete_annotation(self.annotation_id)
        return changes


class EditNote(Operation):
    text = "Edit note"

    def __init__(self, annotation_id: int, note: str) -> None:
        self.annotation_id, self.note = annotation_id, note

    def validate(self, store: Store) -> None:
        _annotation(store, self.annotation_id)
        within(self.note, "A note", limits.NOTE)

    def apply(self, store: Store) -> Changes:
        store.set_note(self.annotation_id, self.note)
        return Changes(annotations=[self.annotation_id])


class EditClaim(Operation):
    """A claim's status, grades or rationale (`what` names the field, for the Undo menu)."""

    def __init__(self, annotation_id: int, claim: Claim, what: str = "assessment") -> None:
        self.text = f"Change {what}"
        self.annotation_id, self.claim = annotation_id, claim

    def validate(self, store: Store) -> None:
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

    def apply(self, store: Store) -> Changes:
        store.set_claim(self.annotation_id, self.claim)
        return Changes(annotations=[self.annotation_id])


class SetTags(Operation):
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

    def validate(self, store: Store) -> None:
        _annotation(store, self.annotation_id)
        for name in self.names:
            within(name, f"A tag's name (“{limits.shortened(name, 40)}”)", limits.TAG_NAME)
            # A new tag is a word or a short phrase; a longer one already in the dossier (a
            # colleague's, brought by a merge) may stay on the annotation.
            if len(name) > MAX_TAG_LENGTH and store.tag_by_name(name) is None:
                raise Refused(f"A tag is at most {MAX_TAG_LENGTH} characters; “{name[:20]}…” has {len(name)}. "
                              "Write it in the note instead.")

    def apply(self, store: Store) -> Changes:
        old = store.annotation(self.annotation_id).tag_ids
        wanted = []
        self.made = []
        for name in self.names:
            tag = store.find_tag(name)
            if tag is None:
                self.made.append(store.add_tag(name, self._pick_color(len(store.tags()))))
            wanted.append(tag.id if tag else self.made[-1])
        for tag_id in old:
            if tag_id not in wanted:
                store.untag_annotation(self.annotation_id, tag_id)
        for tag_id in wanted:
            store.tag_annotation(self.annotation_id, tag_id)
        for tag_id in old:
            if tag_id in self._made_here and tag_id not in wanted and store.tag_usage(tag_id) == 0 \
                    and store.tag_subtree(tag_id) == [tag_id]:
                store.delete_tag(tag_id)
        annotation = store.annotation(self.annotation_id)
        return Changes(annotations=[annotation.id], content=[annotation.article_id], tags={*old, *wanted})


class AddEvidence(Operation):
    """Link a passage to a claim as supporting, contradicting or context. The passage is an
    annotation, or a selection that becomes a highlight in the same step."""

    def __init__(self, claim_id: int, relation: str, target_id: int | None = None,
                 passage: tuple[int, int, int] | None = None) -> None:
        self.text = f"Add evidence ({relation})"
        self.claim_id, self.relation, self.target_id, self.passage = claim_id, relation, target_id, passage

    def validate(self, store: Store) -> None:
        if _annotation(store, self.claim_id).kind != "claim":
            raise Refused("Evidence is linked to a claim.")
        if self.relation not in EVIDENCE_RELATIONS:
            raise Refused(f"“{self.relation}” is not a kind of evidence.")
        if self.target_id is None and self.passage is None:
            raise Refused("Select the passage that is the evidence first.")
        if self.target_id is None and self.passage is not None:
            _check_passage(store, *self.passage)
            self.target_id = next((a.id for a in store.annotations(self.passage[0])
                                   if (a.start, a.end) == self.passage[1:]), None)
        if self.target_id is not None:
            _annotation(store, self.target_id)
            if self.target_id == self.claim_id:
                raise Refused("A claim can't be evidence for itself.")

    def apply(self, store: Store) -> Changes:
        target = self.target_id
        if target is None:
            assert self.passage is not None
            target = store.add_annotation(self.passage[0], "highlight", *self.passage[1:])
        store.add_evidence(self.claim_id, target, self.relation)
        self.result = target
        return Changes(annotations=[self.claim_id, target], content=[store.annotation(target).article_id])


class RemoveEvidence(Operation):
    text = "Remove evidence"

    def __init__(self, claim_id: int, annotation_id: int) -> None:
        self.claim_id, self.annotation_id = claim_id, annotation_id

    def validate(self, store: Store) -> None:
        if not any(link.annotation_id == self.annotation_id for link in store.evidence(self.claim_id)):
            raise Refused("That passage is no longer linked to the claim.")

    def apply(self, store: Store) -> Changes:
        store.remove_evidence(self.claim_id, self.annotation_id)
        return Changes(annotations=[self.claim_id, self.annotation_id])
