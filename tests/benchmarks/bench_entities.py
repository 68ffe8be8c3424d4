"""Entity extraction against the hand-marked set (run by hand; not a test).

    python tests/benchmarks/bench_entities.py [--errors] [--heldout-errors] [--language hy|az|ru]

Runs the import's extraction (the same pipeline and the same `analyse`, each set in one batch as
an import does) over tests/data/entities (ten articles the rules of ingest/refine.py were made
on) and, apart, over its heldout/ folder (six written after, never tuned on), then over world/
(twelve articles of other regions, tuned on) and world/heldout/ (ten never tuned on), and compares
the proposed mentions with the marks: a mention is right when its span and kind are exactly those
marked. Mentions of kind "other" (nationalities, events, laws) are not counted in the scores; the
world set marks its ships, treaties and operations as "other", scored apart as world_entity_other.
Prints JSON lines: entity_precision, entity_recall, entity_f1 and per kind, then the same as
heldout_entity_…, world_entity_… and world_heldout_entity_…; --errors lists what was missed and
what was proposed wrongly (of the world set, the part tuned on; --heldout-errors the held-out part
too: look at it only once the rules are fixed). --language scores the Armenian, Azerbaijani or
Russian set instead (tests/data/entities_abroad: see `bench_language`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.ingest.extract import analyse
from dossier.ingest.nlp import load_pipeline
from tests.entity_gold import FOLDER, HELD_OUT, KINDS, WORLD, WORLD_HELD_OUT, load


def score(gold: set[tuple[str, int, int, str]], found: set[tuple[str, int, int, str]]) -> tuple[float, float]:
    right = len(gold & found)
    return (right / len(found) if found else 1.0), (right / len(gold) if gold else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list misses and false proposals")
    parser.add_argument("--heldout-errors", action="store_true", help="list them for the world's held-out set too")
    parser.add_argument("--language", choices=("hy", "az", "ru"), help="score that language's set instead")
    args = parser.parse_args()
    nlp = load_pipeline()
    if args.language:
        bench_language(nlp, args.language, args.errors)
        return
    sets = (("", FOLDER), ("heldout_", HELD_OUT), ("world_", WORLD), ("world_heldout_", WORLD_HELD_OUT))
    for label, folder in sets:
        articles = load(folder)
        proposals = analyse(nlp, [a.text for a in articles], [a.published for a in articles])
        every = {(a.name, s, e, k) for a in articles for s, e, k in a.entities}
        gold = {g for g in every if g[3] in KINDS}
        proposed = {(a.name, m.start, m.end, m.kind) for a, p in zip(articles, proposals) for m in p.mentions}
        found = {f for f in proposed if f[3] in KINDS}
        precision, recall = score(gold, found)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        for metric, value in (("precision", precision), ("recall", recall), ("f1", f1)):
            print(json.dumps({"metric": f"{label}entity_{metric}", "value": round(value, 3), "gold": len(gold),
                              "proposed": len(found), "articles": len(articles)}))
        for kind in KINDS:
            p, r = score({g for g in gold if g[3] == kind}, {f for f in found if f[3] == kind})
            print(json.dumps({"metric": f"{label}entity_{kind}", "precision": round(p, 3), "recall": round(r, 3),
                              "gold": sum(1 for g in gold if g[3] == kind)}))
        others = {g for g in every if g[3] == "other"}
        if others:  # ships, treaties, operations: proposed as "other" among the model's other guesses
            print(json.dumps({"metric": f"{label}entity_other", "recall": round(len(others & proposed) / len(others), 3),
                              "gold": len(others)}))
        if args.errors and (folder != WORLD_HELD_OUT or args.heldout_errors):
            texts = {a.name: a.text for a in articles}

            def show(t: tuple[str, int, int, str], texts: dict[str, str] = texts) -> str:
                return f"{t[0]}: “{texts[t[0]][t[1]:t[2]]}” {t[3]}"

            print("MISSED:", *(show(g) for g in sorted(gold - found)), sep="\n  ")
            print("WRONG:", *(show(f) for f in sorted(found - gold)), sep="\n  ")


def bench_language(nlp: object, language: str, errors: bool) -> None:
    """The set of one language read as its import reads it (`analyse` with the article's language,
    nothing known beforehand), scored word by word (a name's case ending may or may not be in
    its span); `linked`: of the marks that name their entity, how many join it."""
    from dossier.core.names import fold
    from tests.entity_gold_abroad import as_words, folders, whole_words
    from tests.entity_gold_abroad import load as load_marked

    for label, folder in zip(("", "heldout_"), folders(language)):
        articles = load_marked(folder)
        proposals = analyse(nlp, [a.text for a in articles], [None] * len(articles),
                            languages=[language] * len(articles))
        gold = {(a.name, *g) for a in articles for g in as_words(a.text, a.entities)}
        found = {(a.name, *f) for a, p in zip(articles, proposals)
                 for f in as_words(a.text, ((m.start, m.end, m.kind) for m in p.mentions if m.kind in KINDS))}
        precision, recall = score(gold, found)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        named = {(a.name, *whole_words(a.text, *span)): name for a in articles for span, name in a.names.items()}
        joined = {(a.name, *whole_words(a.text, m.start, m.end)): m.name for a, p in zip(articles, proposals)
                  for m in p.mentions}
        linked = sum(1 for key, name in named.items() if fold(joined.get(key, "")) == fold(name))
        prefix = f"{language}_{label}entity_"
        for metric, value in (("precision", precision), ("recall", recall), ("f1", f1)):
            print(json.dumps({"metric": prefix + metric, "value": round(value, 3), "gold": len(gold),
                              "proposed": len(found), "articles": len(articles)}))
        for kind in KINDS:
            p, r = score({g for g in gold if g[3] == kind}, {f for f in found if f[3] == kind})
            print(json.dumps({"metric": prefix + kind, "precision": round(p, 3), "recall": round(r, 3),
                              "gold": sum(1 for g in gold if g[3] == kind)}))
        print(json.dumps({"metric": prefix + "linked", "value": round(linked / len(named), 3) if named else 1.0,
                          "marked": len(named)}))
        if errors:
            texts = {a.name: a.text for a in articles}

            def show(t: tuple[str, int, int, str], texts: dict[str, str] = texts) -> str:
                return f"{t[0]}: “{texts[t[0]][t[1]:t[2]]}” {t[3]}"

            print("MISSED:", *(show(g) for g in sorted(gold - found)), sep="\n  ")
            print("WRONG:", *(show(f) for f in sorted(found - gold)), sep="\n  ")
            print("NOT LINKED:", *(f"{k[0]}: “{texts[k[0]][k[1]:k[2]]}” -> {joined.get(k)} (not {n})"
                                   for k, n in sorted(named.items()) if fold(joined.get(k, "")) != fold(n)),
                  sep="\n  ")


if __name__ == "__main__":
    main()
