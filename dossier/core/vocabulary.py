"""The closed vocabularies of the dossier format, with the wording users see.

These values are stored in the file and checked by the schema, so they are part of the public
format: add values only with a migration, never rename one.
"""

from __future__ import annotations

ENTITY_KINDS = ("person", "organisation", "place", "unit", "other")
ORIGINS = ("auto", "user")
EVENT_PRECISIONS = ("day", "week", "month", "year", "range", "approximate")
PUBLISHED_PRECISIONS = ("day", "month", "year", "unknown")
PROVENANCE_KINDS = ("telegram", "web_archive")  # articles.provenance: how a message or page came in
ANNOTATION_KINDS = ("highlight", "note", "claim")
ANCHOR_STATES = ("anchored", "moved", "orphaned")
CLAIM_STATUSES = ("unverified", "confirmed", "partially_true", "disputed", "false")
EVIDENCE_RELATIONS = ("supports", "contradicts", "context")

# Admiralty / NATO grading: reliability belongs to the source, credibility to the information.
RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

# Analysis of Competing Hypotheses: how consistent a piece of evidence is with a hypothesis
# (stored in ach_ratings.rating; analysis.ach scores them).
ACH_RATINGS = ("CC", "C", "N", "I", "II", "NA")
ACH_RATING_WORDS = {"CC": "very consistent", "C": "consistent", "N": "neutral", "I": "inconsistent",
                    "II": "very inconsistent", "NA": "not applicable"}

CLAIM_STATUS_LABELS = {
    "unverified": "Unverified",
    "confirmed": "Confirmed",
    "partially_true": "Partially true",
    "disputed": "Disputed",
    "false": "False",
}


# A tag is a word or a short phrase: longer text typed into the tag field is a note or a
# rationale by mistake (a 150-character "tag" came from a Tab that went to the wrong field).
MAX_TAG_LENGTH = 40
