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
    if name.isascii():  # most words screened are: no script to read, nothing to transliterate
        text = name.lower()
    else:
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


_DIGITS = re.compile(r"\d+")


def numbers_in(name: str) -> tuple[int, ...]:
    """The numbers a name holds, in any script's digits ("102nd Base" -> (102,)): two names that
    differ by a number are two things, however alike their letters."""
    return tuple(int(run) for run in _DIGITS.findall(name))


_Where = tuple[str, tuple[int, ...], str]  # (kind, numbers, key): where a spelling is filed


def same_name_across_scripts(entities: list[tuple[int, str, str, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(keep, merge) ids of entities of one kind whose names, written in different scripts (or
    with another language's letters), transliterate to the same name within an edit or two
    ("Pashinyan", "Пашинян", "Փաշինյան", "Paşinyan"), holding the same numbers.
    Entities are (id, kind, name, aliases), the one to keep given first (the most mentioned);
    each is merged into the first entity that matches it and is not itself merged.

    Sub-quadratic however many names share a key: spellings are filed by (kind, numbers, key);
    keys are compared through KeyIndex, once per distinct key; and each entity, once it has been
    offered as the one to keep, leaves the files, as does each one merged, so no pair is looked
    at twice and no entity is looked at again after it found its place. Ten thousand people
    named "Ivan Petrov 1" to "Ivan Petrov 10000" cost as many steps, not a hundred million."""
    order = {entity_id: i for i, (entity_id, *_rest) in enumerate(entities)}
    files: dict[_Where, _File] = {}
    filed: dict[int, list[tuple[_Where, _File]]] = {}
    for entity_id, kind, name, aliases in entities:
        plain = _plain_class(name)
        for spelling in (name, *aliases):
            key = script_key(_DIGITS.sub("", spelling))  # its numbers apart: one key for "Ivan Petrov 1" to "… 9999"
            if len(key) < 4:
                continue
            where = (kind, numbers_in(spelling), key)
            file = files.setdefault(where, _File())
            if file.add(entity_id, plain):
                filed.setdefault(entity_id, []).append((where, file))
    index = KeyIndex({key for _kind, _numbers, key in files})
    close: dict[str, list[str]] = {}  # each distinct key compared once
    near: dict[_Where, list[_File]] = {}
    result: list[tuple[int, int]] = []
    merged: set[int] = set()
    for entity_id, _kind, name, _aliases in entities:
        if entity_id in merged or entity_id not in filed:
            continue
        plain = _plain_class(name)
        for _where, file in filed[entity_id]:
            file.remove(entity_id)  # offered as the one to keep: never merged into a later one
        found: list[int] = []
        for (k, numbers, key), _file in filed[entity_id]:
            if (k, numbers, key) not in near:
                if key not in close:
                    close[key] = index.close(key)
                near[(k, numbers, key)] = [files[(k, numbers, other)] for other in close[key]
                                           if (k, numbers, other) in files]
            for other_file in near[(k, numbers, key)]:
                found += other_file.take_all_but(plain)
        for other in sorted(set(found), key=order.__getitem__):
            if other not in merged:
                merged.add(other)
                result.append((entity_id, other))
                for _where, file in filed[other]:
                    file.remove(other)
    return sorted(result, key=lambda pair: (order[pair[0]], order[pair[1]]))


def _plain_class(name: str) -> str | None:
    """Names in plain ASCII of one script are never proposed as one another's spelling (that is
    two English spellings, or two names): their class; None for any other name."""
    return script_of(name) if name.isascii() else None


class _File:
    """The entities filed under one (kind, numbers, key), by class, in the order they were given:
    ordered dicts, so taking or removing one costs the same however many there are."""

    looked_at = 0  # entities ever taken from a file, over all calls: the work tests bound

    def __init__(self) -> None:
        self.by_class: dict[str | None, dict[int, None]] = {}

    def add(self, entity_id: int, plain: str | None) -> bool:
        members = self.by_class.setdefault(plain, {})
        if entity_id in members:
            return False
        members[entity_id] = None
        return True

    def remove(self, entity_id: int) -> None:
        for members in self.by_class.values():
            members.pop(entity_id, None)

    def take_all_but(self, plain: str | None) -> list[int]:
        """Every entity filed here that may be a spelling of a name of class `plain` (all but the
        plain ones of that same class)."""
        taken = [e for cls, members in self.by_class.items() if cls is None or cls != plain for e in members]
        _File.looked_at += len(taken)
        return taken
