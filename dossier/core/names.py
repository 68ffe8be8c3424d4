"""When two names are the same name: ignoring case, accents, spacing and the apostrophe's form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


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


# -- one name in several scripts ------------------------------------------------------------------

# Spellings that transliteration gives one sound in several ways: "Пашинян" Pashinyan, "Paşinyan"
# Pasinyan, "Փաշինյան" P'ashinyan; "Алиев" Aliev, "Əliyev" Eliyev.
_SOUNDS = (("sh", "s"), ("zh", "z"), ("ch", "c"), ("kh", "h"), ("ts", "c"), ("dz", "z"), ("gh", "g"),
           ("yu", "u"), ("ya", "a"), ("yo", "o"), ("ye", "e"), ("y", "i"), ("j", "i"), ("w", "v"), ("q", "k"),
           ("x", "h"))


@lru_cache(maxsize=65_536)
def script_key(name: str) -> str:
    """A name in any script as plain Latin letters, for comparing spellings across scripts:
    "Nikol Pashinyan", "Никол Пашинян", "Նիկոլ Փաշինյան" and "Nikol Paşinyan" all give "nikol pasinan".
    Arabic script writes no short vowels, so its names give keys that match nothing: "" for them."""
    if any(unicodedata.bidirectional(ch) == "AL" for ch in name):
        return ""
    from anyascii import anyascii  # loaded on first use

    # Armenian writes the vowel u with two letters, which one by one read "ow".
    name = name.replace("ու", "u").replace("Ու", "U").replace("ՈՒ", "U")
    text = anyascii(name).lower()
    text = re.sub(r"[^a-z ]+", "", text.replace("-", " "))
    for written, sound in _SOUNDS:
        text = text.replace(written, sound)
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters once
    return " ".join(text.split())


def allowance(key: str) -> int:
    """How many edits two keys may differ by and still be proposed as one name."""
    return 1 if len(key) < 10 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is sure to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class KeyIndex:
    """Keys looked up by closeness without comparing each with all: every key is filed under
    itself and each of its one-letter deletions, so two keys within two edits share a file."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._files: dict[str, set[str]] = {}
        for key in keys:
            for variant in _deletions(key):
                self._files.setdefault(variant, set()).add(key)

    def close(self, key: str) -> list[str]:
        """The indexed keys within `allowance` edits of `key`, nearest first."""
        candidates = {k for variant in _deletions(key) for k in self._files.get(variant, ())}
        limit = allowance(key)
        scored = sorted((edit_distance(key, k, limit), k) for k in candidates)
        return [k for distance, k in scored if distance <= limit]


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def script_of(name: str) -> str:
    """The script of a name's first letter ("LATIN", "CYRILLIC", "ARMENIAN", "ARABIC"…)."""
    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "UNKNOWN").split()[0]
    return ""


def _other_spelling(a: str, b: str, script_a: str, script_b: str) -> bool:
    """Two names a transliteration apart: in two scripts, or one written with letters English
    doesn't use ("Paşinyan", "Əliyev"). Two plain English spellings are left alone."""
    return script_a != script_b or not (a.isascii() and b.isascii())


def same_name_across_scripts(entities: list[tuple[int, str, str, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(keep, merge) ids of entities of one kind whose names, written in different scripts (or
    with another language's letters), transliterate to the same name within an edit or two
    ("Pashinyan", "Пашинян", "Փաշինյան", "Paşinyan").
    Entities are (id, kind, name, aliases), the one to keep given first (the most mentioned);
    each pair is proposed once, to the first entity that matches."""
    keyed: dict[str, list[tuple[int, str, str]]] = {}
    for entity_id, kind, name, aliases in entities:
        for spelling in (name, *aliases):
            key = script_key(spelling)
            if len(key) >= 4:
                keyed.setdefault(key, []).append((entity_id, kind, script_of(spelling)))
    index = KeyIndex(keyed)
    order = {entity_id: i for i, (entity_id, *_rest) in enumerate(entities)}
    scripts = {entity_id: script_of(name) for entity_id, _k, name, _a in entities}
    names = {entity_id: name for entity_id, _k, name, _a in entities}
    pairs: set[tuple[int, int]] = set()
    for key, owners in keyed.items():
        for near in index.close(key):
            for a, kind_a, _script_a in owners:
                for b, kind_b, _script_b in keyed[near]:
                    if a == b or kind_a != kind_b or not _other_spelling(names[a], names[b], scripts[a], scripts[b]):
                        continue
                    keep, merge = (a, b) if order[a] < order[b] else (b, a)
                    pairs.add((keep, merge))
    merged: set[int] = set()
    result = []
    for keep, merge in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]])):
        if merge in merged or keep in merged:
            continue
        result.append((keep, merge))
        merged.add(merge)
    return result
