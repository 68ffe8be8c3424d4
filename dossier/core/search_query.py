"""What a search query says: words, "phrases", prefix*, NEAR/n, AND / OR / NOT, parentheses and
fields, read into a tree and written out as a safe FTS5 expression plus plain filters.

Every word and phrase becomes a quoted FTS5 string, so no typing can make the expression invalid;
an operator where it can't stand (a trailing AND, a NOT with nothing before it, "NEAR(") is read as
a word, and an unbalanced quote or parenthesis as closed at the end. Operators are written in
capitals, as FTS5 and most search tools have them: "and" is a word. The query is bounded as
before: its first MAX_QUERY_CHARS characters, MAX_TERMS words and phrases, parentheses MAX_DEPTH
deep, NEAR/n at most MAX_NEAR.

Fields: `note:`, `rationale:`, `tag:` and `quote:` search those parts of annotations (FTS5 column
filters); `kind:` (highlight, note, claim), `status:` (a claim's), `outlet:`, `lang:` and
`published:` (2021, 2021-05 or 2021-05-14) are filters, applied when they stand at the top level
of the query (joined to the rest by AND); elsewhere they are words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_TERMS = 16
MAX_QUERY_CHARS = 1_000
MAX_DEPTH = 8
MAX_NEAR = 100
MAX_SPELLINGS = 6  # other spellings a name brings into a query (Пашинян for Pashinyan)

ANNOTATION_COLUMNS = {"note": "note", "rationale": "rationale", "tag": "tags", "quote": "quote"}
FILTERS = ("kind", "status", "outlet", "lang", "published")
ANNOTATION_FILTERS = ("kind", "status")
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORD = re.compile(r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f]+")
_NEAR = re.compile(r"NEAR/(\d{1,4})")
_PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Words:
    """A word (prefix: it ends in *) or a phrase (several words, in order)."""

    words: tuple[str, ...]
    prefix: bool = False
    spellings: tuple[str, ...] = ()  # the same name in other scripts, found in the dossier

    def fts(self, others: bool = True) -> str:
        own = _quote(" ".join(self.words)) + ("*" if self.prefix else "")
        if not self.spellings or not others:
            return own
        return "(" + " OR ".join([own, *(_quote(s) + "*" for s in self.spellings)]) + ")"  # with its endings


@dataclass(frozen=True)
class Near:
    parts: tuple[Words, ...]
    distance: int

    def fts(self, others: bool = True) -> str:
        return "NEAR(" + " ".join(_quote(" ".join(p.words)) + ("*" if p.prefix else "") for p in self.parts) \
            + f", {self.distance})"


@dataclass(frozen=True)
class Column:
    """Words searched in one part of annotations (note:, rationale:, tag:, quote:)."""

    column: str
    inner: Words

    def fts(self, others: bool = True) -> str:
        return f"{self.column} : {self.inner.fts(others)}"


@dataclass(frozen=True)
class Both:
    operator: str  # AND, OR, NOT
    left: Node
    right: Node

    def fts(self, others: bool = True) -> str:
        left, right = self.left.fts(others), self.right.fts(others)
        if self.operator == "AND":  # AND binds tighter than OR, as FTS5 has it: no parentheses needed
            plain = _phrases(self.left, others) and _phrases(self.right, others)
            return f"{left}{' ' if plain else ' AND '}{right}"  # FTS5 joins phrases only without an AND
        return f"({left} {self.operator} {right})"


Node = Words | Near | Column | Both


@dataclass
class Query:
    """A query read: its FTS5 part (None when it is only filters), its filters, and whether it
    can only find annotations (a field of theirs is in it)."""

    tree: Node | None
    filters: dict[str, str] = field(default_factory=dict)
    annotations_only: bool = False

    def fts(self, others: bool = True) -> str | None:
        """The FTS5 expression; without `others`, names only as typed (not their other spellings)."""
        return None if self.tree is None else self.tree.fts(others)

    @property
    def has_spellings(self) -> bool:
        return self.fts() != self.fts(others=False)

    @property
    def empty(self) -> bool:
        return self.tree is None and not self.filters


def parse(text: str, spellings: Callable[[str], list[str]] | None = None) -> Query:
    """Read what a user typed; never raises. `spellings(word)` gives the dossier's other
    spellings of a name (in other scripts), which the word then also finds."""
    reader = _Reader(_tokens(text[:MAX_QUERY_CHARS]), spellings)
    filters: dict[str, str] = {}
    parts: list[Node] = []
    annotations_only = False
    while not reader.done():
        conjunct = reader.filter()
        if conjunct is not None:
            name, value = conjunct
            filters.setdefault(name, value)
            annotations_only = annotations_only or name in ANNOTATION_FILTERS
            continue
        node = reader.expression(0, top=True)
        if node is not None:
            parts.append(node)
    tree: Node | None = None
    for part in parts:
        tree = part if tree is None else Both("AND", tree, part)
    return Query(tree, filters, annotations_only or reader.annotation_column)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class _Reader:
    """A recursive-descent reader over the tokens: OR binds loosest, then AND (or nothing), then
    NOT, then NEAR/n; a token that can't be read where it stands is a word."""

    def __init__(self, tokens: list[str], spellings: Callable[[str], list[str]] | None) -> None:
        self.tokens, self.at = tokens, 0
        self.spellings = spellings
        self.terms = 0
        self.seen: set[tuple[str | None, tuple[str, ...], bool]] = set()
        self.annotation_column = False

    def done(self) -> bool:
        return self.at >= len(self.tokens) or self.terms >= MAX_TERMS

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def filter(self) -> tuple[str, str] | None:
        """A top-level filter (outlet:Reuters, status:disputed), when the next token is one."""
        token = self.peek()
        if token is None or ":" not in token or token.startswith('"'):
            return None
        name, _, value = token.partition(":")
        name = name.casefold()
        if name not in FILTERS:
            return None
        if not value and self.at + 1 < len(self.tokens) and self.tokens[self.at + 1].startswith('"'):
            self.at += 1
            value = self.tokens[self.at].strip('"')
        value = value.strip()
        if not value or (name == "published" and not _PUBLISHED.fullmatch(value)):
            return None
        self.at += 1
        return name, value

    def expression(self, depth: int, top: bool = False) -> Node | None:
        """OR of ANDs; at the top level it stops before a filter, which is read apart."""
        left = self.conjunction(depth, top)
        while left is not None and self.peek() == "OR" and self.at + 1 < len(self.tokens):
            self.at += 1
            right = self.conjunction(depth, top)
            if right is None:
                break
            left = Both("OR", left, right)
        return left

    def conjunction(self, depth: int, top: bool) -> Node | None:
        left = self.negation(depth)
        while left is not None and not self.done():
            token = self.peek()
            if token in (")", "OR") or (top and self.filter_ahead()):
                break
            if token == "AND":
                self.at += 1
                if self.done():
                    break
            right = self.negation(depth)
            if right is None:
                break
            left = Both("AND", left, right)
        return left

    def filter_ahead(self) -> bool:
        at = self.at
        found = self.filter() is not None
        self.at = at
        return found

    def negation(self, depth: int) -> Node | None:
        left = self.proximity(depth)
        while left is not None and self.peek() == "NOT" and self.at + 1 < len(self.tokens):
            self.at += 1
            right = self.proximity(depth)
            if right is None:
                break
            left = Both("NOT", left, right)
        return left

    def proximity(self, depth: int) -> Node | None:
        first = self.primary(depth)
        token = self.peek()
        near = _NEAR.fullmatch(token or "")
        if not isinstance(first, Words) or near is None:
            return first
        parts = [Words(first.words, first.prefix)]  # NEAR takes phrases only: a name's other spellings stay out
        distance = min(int(near.group(1)), MAX_NEAR)
        while (near := _NEAR.fullmatch(self.peek() or "")) is not None and self.at + 1 < len(self.tokens):
            self.at += 1
            nxt = self.primary(depth)
            if not isinstance(nxt, Words):
                return Both("AND", _near_or_word(parts, distance), nxt) if nxt is not None else _near_or_word(parts, distance)
            parts.append(Words(nxt.words, nxt.prefix))
            distance = max(distance, min(int(near.group(1)), MAX_NEAR))
        return _near_or_word(parts, distance)

    def primary(self, depth: int) -> Node | None:
        while not self.done():
            token = self.tokens[self.at]
            self.at += 1
            if token == "(":
                if depth >= MAX_DEPTH:
                    continue  # too deep: its parentheses are dropped, its words kept
                inner = self.expression(depth + 1)
                if self.peek() == ")":
                    self.at += 1
                if inner is not None:
                    return inner
                continue
            if token == ")":
                continue  # unmatched: dropped
            node = self.words(token)
            if node is not None:
                return node
        return None

    def words(self, token: str) -> Node | None:
        """A word, a prefix, a phrase, or an annotation column with its words."""
        column = None
        if not token.startswith('"') and ":" in token:
            name, _, rest = token.partition(":")
            if name.casefold() in ANNOTATION_COLUMNS:
                column = ANNOTATION_COLUMNS[name.casefold()]
                token = rest
                if not token and self.peek() is not None and self.peek() not in ("(", ")"):
                    token = self.tokens[self.at]
                    self.at += 1
        phrase = token.startswith('"')
        words = tuple(_WORD.findall(token))
        if not words:
            return None
        if phrase:
            found: list[Words] = [Words(words)]
        else:  # "Russian-brokered", "title:Russia": each word of the token, as before operators
            prefix = token.endswith("*") and len(token) > 1
            found = [Words((w,), prefix and i == len(words) - 1) for i, w in enumerate(words)]
        node: Node | None = None
        for part in found:
            # A word or phrase given twice counts once: 500 repeats of one word made FTS5
            # intersect the same list 500 times (11 s on 2,000 articles).
            seen = (column, tuple(w.casefold() for w in part.words), part.prefix)
            if seen in self.seen or self.terms >= MAX_TERMS:
                continue
            self.seen.add(seen)
            self.terms += 1
            if len(part.words) == 1 and not part.prefix and not phrase:
                part = Words(part.words, False, self.other_spellings(part.words[0]))
            leaf: Node = part
            if column is not None:
                self.annotation_column = True
                leaf = Column(column, part)
            node = leaf if node is None else Both("AND", node, leaf)
        return node

    def other_spellings(self, word: str) -> tuple[str, ...]:
        if self.spellings is None or not word[:1].isupper():
            return ()
        folded = word.casefold()
        others = [s for s in self.spellings(word) if s.casefold() != folded]
        return tuple(dict.fromkeys(others))[:MAX_SPELLINGS]


def _phrases(node: Node, others: bool) -> bool:
    """Words, or words joined by AND: what FTS5 lets stand side by side without an AND."""
    if isinstance(node, Words):
        return not (node.spellings and others)
    return isinstance(node, Both) and node.operator == "AND" and _phrases(node.left, others) \
        and _phrases(node.right, others)


def _near_or_word(parts: list[Words], distance: int) -> Node:
    return parts[0] if len(parts) == 1 else Near(tuple(parts), distance)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
