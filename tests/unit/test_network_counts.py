"""Counting who is named with whom: a sentence naming both, an event involving both (the same
passage counted once), what merging and deleting entities does, the filters, and the
GraphML and GEXF files read back with networkx: the store's reading with analysis.network's counting
(the counting and the layout alone: test_analysis_network)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from dossier.analysis.network import Network, build_network
from dossier.core.models import NewArticle, NewEvent, NewMention
from dossier.core.network import NetworkFilter
from dossier.export.graph_files import write_graph, write_matrix_csv
from dossier.operations import perform, undo
from dossier.operations.entities import DeleteEntity, MergeEntities
from dossier.store import Database

TEXT = ("Pashinyan met Putin in Moscow. Lavrov was there too.\n\n"
        "Aliyev spoke in Baku. Pashinyan answered Aliyev.")


def _dossier(store: Database) -> dict[str, int]:
    article = store.articles.add(NewArticle("Talks", TEXT, source="Reuters", published="2021-05-14",
                                           published_precision="day"))
    other = store.articles.add(NewArticle("Later", "Putin and Aliyev spoke by phone.", source="TASS",
                                         published="2022-01-10", published_precision="day"))
    ids = {name: store.entities.add(name, "place" if name in ("Moscow", "Baku") else "person")
           for name in ("Pashinyan", "Putin", "Moscow", "Lavrov", "Aliyev", "Baku")}
    mentions = []
    for name in ids:
        start = 0
        while (at := TEXT.find(name, start)) >= 0:
            mentions.append(NewMention(article, ids[name], at, at + len(name), name))
            start = at + 1
    mentions += [NewMention(other, ids["Putin"], 0, 5, "Putin"), NewMention(other, ids["Aliyev"], 10, 16, "Aliyev")]
    store.entities.add_mentions(mentions)
    # An event dated by the first sentence involves Pashinyan and Putin (the same passage as the
    # sentence: counted once) and Lavrov, named only in the next sentence (a context of its own).
    first = TEXT.index(".") + 1
    store.events.add_many([NewEvent(article, 0, first, "Talks", "today", "2021-05-14", "2021-05-14", "day", "auto",
                               (ids["Pashinyan"], ids["Putin"], ids["Lavrov"]))])
    return ids


def _network(store: Database, f: NetworkFilter = NetworkFilter()) -> Network:
    return build_network(store.network.network(f), f)


def _links(store: Database, f: NetworkFilter = NetworkFilter()) -> dict[frozenset[str], int]:
    network = _network(store, f)
    names = {n.id: n.name for n in network.nodes}
    return {frozenset((names[link.source], names[link.target])): link.passages for link in network.links}


def test_a_sentence_or_an_event_naming_two_links_them_once_per_passage(store: Database) -> None:
    _dossier(store)
    links = _links(store)
    assert links[frozenset(("Pashinyan", "Putin"))] == 1  # the sentence and its event: one passage
    assert links[frozenset(("Pashinyan", "Lavrov"))] == 1  # through the event only
    assert links[frozenset(("Putin", "Moscow"))] == 1
    assert links[frozenset(("Pashinyan", "Aliyev"))] == 1
    assert links[frozenset(("Putin", "Aliyev"))] == 1  # the other article
    assert frozenset(("Lavrov", "Baku")) not in links and frozenset(("Aliyev", "Baku")) in links
    (passage,) = store.network.link_passages(*_pair(store, "Putin", "Aliyev"))
    assert passage[3] == "Putin and Aliyev spoke by phone."


def _pair(store: Database, a: str, b: str) -> tuple[int, int]:
    ids = {e.name: e.id for e in store.entities.all()}
    return ids[a], ids[b]


def test_merged_and_deleted_entities_count_as_they_now_are(store: Database) -> None:
    ids = _dossier(store)
    merged = perform(store, MergeEntities(ids["Lavrov"], ids["Putin"]))  # Lavrov folds into Putin
    links = _links(store)
    assert "Lavrov" not in {name for pair in links for name in pair}
    # The event's passage named both already; "Lavrov was there too" now names Putin alone.
    assert links[frozenset(("Pashinyan", "Putin"))] == 1 and links[frozenset(("Putin", "Moscow"))] == 1
    undo(store, merged)
    assert frozenset(("Pashinyan", "Lavrov")) in _links(store)
    perform(store, DeleteEntity(ids["Aliyev"]))
    assert all("Aliyev" not in pair for pair in _links(store))


def test_the_filters(store: Database) -> None:
    ids = _dossier(store)
    assert set().union(*_links(store, NetworkFilter(kinds=frozenset({"person"})))) == {
        "Pashinyan", "Putin", "Lavrov", "Aliyev"}
    assert _links(store, NetworkFilter(min_count=2)) == {}
    assert _links(store, NetworkFilter(published_from="2022")) == {frozenset(("Putin", "Aliyev")): 1}
    assert _links(store, NetworkFilter(published_to="2021-05")) and frozenset(("Putin", "Aliyev")) not in _links(
        store, NetworkFilter(published_to="2021-05"))
    around = _network(store, NetworkFilter(around=ids["Lavrov"], steps=1))
    # The event involving Lavrov is dated by the first sentence: he shares that passage with all it names.
    assert {n.name for n in around.nodes} == {"Lavrov", "Pashinyan", "Putin", "Moscow"}
    farther = _network(store, NetworkFilter(around=ids["Lavrov"], steps=2))
    assert {"Aliyev", "Moscow"} <= {n.name for n in farther.nodes}
    busiest = _network(store, NetworkFilter(limit=2))
    assert [n.name for n in busiest.nodes] == ["Aliyev", "Pashinyan"] and busiest.hidden_nodes == 4
    article = store.articles.ids()[-1]
    tag = store.tags.add("talks", "#e6a23c")
    store.annotations.add(article, "highlight", 0, 5, tag_ids=[tag])
    assert set(_links(store, NetworkFilter(tag_id=tag))) == set(_links(store, NetworkFilter(article_id=article)))


def test_graphml_gexf_and_the_matrix_read_back(store: Database, tmp_path: Path) -> None:
    _dossier(store)
    assert write_graph(store, tmp_path / "n.graphml", "graphml") == (6, 9)
    graph = nx.read_graphml(tmp_path / "n.graphml")
    labels = {data["label"]: node for node, data in graph.nodes(data=True)}
    assert graph.nodes[labels["Pashinyan"]]["kind"] == "person" and graph.nodes[labels["Pashinyan"]]["mentions"] == 2
    assert graph.edges[labels["Putin"], labels["Aliyev"]]["weight"] == 1
    write_graph(store, tmp_path / "n.gexf", "gexf")
    gexf = nx.read_gexf(tmp_path / "n.gexf")
    assert gexf.number_of_nodes() == 6 and gexf.number_of_edges() == 9
    assert write_matrix_csv(store, tmp_path / "m.csv") == 6
    rows = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].split(",")[:2] == ["entity", "kind"] and len(rows) == 7
