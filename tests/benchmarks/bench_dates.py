"""Dates read from the hand-marked world set (run by hand; not a test).

    python tests/benchmarks/bench_dates.py [--errors] [--heldout-errors]

Runs the import's extraction (`analyse`, each set in one batch, with each article's publication
day) over tests/data/entities/world (twelve articles of other regions, tuned on) and, apart, its
heldout/ folder (ten never tuned on), and compares the events' dates with the marked ones
({{words|earliest|latest|precision}}, world/ABOUT). A marked date is found when an event of its
sentence carries date words overlapping it, and read exactly when that event's earliest, latest
and precision are the marked ones (both None where the mark says the sentence does not date it).
A sentence that names one date twice ("KYIV, Aug 8 - … said on Thursday") has one event for it
(extract._events): a mark no event's words overlap is read exactly when an event of its sentence
has its date. An event whose words overlap no mark is an extra date (a duration read as a date, say).
Prints JSON lines: date_exact (the share read exactly), date_found, date_extra, for each set;
--errors lists each date not read exactly and each extra one of the set tuned on;
--heldout-errors those of the held-out set too (look at them only once the rules are fixed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.ingest.extract import ProposedEvent, analyse
from dossier.ingest.nlp import load_pipeline
from tests.entity_gold import WORLD, WORLD_HELD_OUT, GoldDate, load


def words_at(text: str, event: ProposedEvent) -> list[tuple[int, int]]:
    """Where the event's date words stand in its sentence (each place they are written)."""
    sentence, places, at = text[event.start:event.end], [], 0
    while (found := sentence.find(event.date.text, at)) >= 0 and event.date.text:
        places.append((event.start + found, event.start + found + len(event.date.text)))
        at = found + 1
    return places


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list dates not read exactly, and extra ones")
    parser.add_argument("--heldout-errors", action="store_true", help="list them for the held-out set too")
    args = parser.parse_args()
    nlp = load_pipeline()
    for label, folder in (("world_", WORLD), ("world_heldout_", WORLD_HELD_OUT)):
        articles = load(folder)
        proposals = analyse(nlp, [a.text for a in articles], [a.published for a in articles])
        gold_count = exact = found = extra = 0
        errors: list[str] = []
        for article, proposal in zip(articles, proposals):
            placed = [(event, spot) for event in proposal.events for spot in words_at(article.text, event)]
            for mark in article.dates:
                gold_count += 1
                words = article.text[mark.start:mark.end]
                matches = [e for e, spot in placed if overlaps(spot, (mark.start, mark.end))] or [
                    e for e in proposal.events if e.start <= mark.start < e.end and _same(e, mark)]
                if matches:
                    found += 1
                if any(_same(e, mark) for e in matches):
                    exact += 1
                else:
                    got = "; ".join(f"“{e.date.text}” {e.date.earliest}..{e.date.latest} {e.date.precision}"
                                    for e in matches) or "nothing"
                    errors.append(f"{article.name}: “{words}” {mark.earliest}..{mark.latest} {mark.precision}"
                                  f" <- {got}")
            for event, spot in placed:
                if not any(overlaps(spot, (m.start, m.end)) for m in article.dates):
                    extra += 1
                    errors.append(f"{article.name}: EXTRA “{event.date.text}” {event.date.earliest}.."
                                  f"{event.date.latest} {event.date.precision}")
        share = exact / gold_count if gold_count else 1.0
        print(json.dumps({"metric": f"{label}date_exact", "value": round(share, 3), "exact": exact,
                          "gold": gold_count, "articles": len(articles)}))
        print(json.dumps({"metric": f"{label}date_found", "value": round(found / gold_count if gold_count else 1.0, 3),
                          "found": found, "gold": gold_count}))
        print(json.dumps({"metric": f"{label}date_extra", "value": extra}))
        if args.errors and (folder == WORLD or args.heldout_errors):
            print(*errors, sep="\n  ")


def _same(event: ProposedEvent, mark: GoldDate) -> bool:
    d = event.date
    if mark.earliest is None:
        return d.earliest is None
    return (d.earliest, d.latest, d.precision) == (mark.earliest, mark.latest, mark.precision)


if __name__ == "__main__":
    main()
