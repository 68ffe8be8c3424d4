"""When two names are the same name: ignoring case, accents, spacing and the apostrophe's form."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """The key names are matched by ("Kəlbəcər" ~ "kəlbəcər", "Şuşa" ~ "susa", "Azerbaijan’s" ~ "azerbaijan's")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("’", "'").split())


# Organisations written both ways round: "Defence Ministry" and "Ministry of Defence", "Foreign
# Ministry" and "Ministry of Foreign Affairs", "Security Council" and "Council of Security".
INVERTIBLE_NOUNS = ("ministry", "committee", "council", "service", "agency", "commission", "department", "office")
_SAME_FIELD = {"defense": "defence", "internal": "interior", "affairs": "", "the": ""}


def organisation_key(name: str) -> str | None:
    """One key for both ways of writing an organisation's name ("ministry:defence"), or None
    when the name is not of that shape."""
    words = fold(name).split()
    if len(words) >= 3 and words[0] in INVERTIBLE_NOUNS and words[1] == "of":
        noun, field = words[0], words[2:]
    elif len(words) >= 2 and words[-1] in INVERTIBLE_NOUNS:
        noun, field = words[-1], words[:-1]
    else:
        return None
    field = [_SAME_FIELD.get(w, w) for w in field]
    field = [w for w in field if w and w not in ("and", "of")]
    return f"{noun}:{' '.join(field)}" if field else None


def same_organisation_pairs(names: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(keep, merge) ids of organisations whose names are one name written both ways round: in
    each pair the one given first (callers give the most mentioned first) and another."""
    by_key: dict[str, list[int]] = {}
    for entity_id, name in names:
        key = organisation_key(name)
        if key is not None:
            by_key.setdefault(key, []).append(entity_id)
    return [(ids[0], other) for ids in by_key.values() for other in ids[1:]]
