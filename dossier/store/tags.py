"""Tags: coloured, nestable labels on annotations."""

from __future__ import annotations

from dossier.core.models import Tag
from dossier.store.transactions import Transactions, named_rows, record


class Tags:
    """`db.tags`: the tag tree and which annotations carry which tag."""

    def __init__(self, tx: Transactions) -> None:
        self._conn = tx.conn
        self._write = tx.write

    def add(self, name: str, color: str, parent_id: int | None = None) -> int:
        with self._write() as conn:
            return int(conn.execute(
                "INSERT INTO tags (name, color, parent_id) VALUES (?, ?, ?)", (name, color, parent_id)
            ).lastrowid or 0)  # an INSERT always sets it

    def all(self) -> list[Tag]:
        return [record(Tag, r) for r in named_rows(
            self._conn, "SELECT id, name, color, parent_id FROM tags ORDER BY name COLLATE NOCASE"
        )]

    def by_name(self, name: str, parent_id: int | None = None) -> Tag | None:
        """The tag of that name under `parent_id` (None: at the top), ignoring case in any script."""
        key = name.strip().casefold()
        return next((t for t in self.all() if t.parent_id == parent_id and t.name.casefold() == key), None)

    def find(self, name: str) -> Tag | None:
        """A tag of that name anywhere in the tree (a top-level one first), ignoring case."""
        key = name.strip().casefold()
        found = [t for t in self.all() if t.name.casefold() == key]
        return min(found, key=lambda t: (t.parent_id is not None, t.id)) if found else None

    def attach(self, annotation_id: int, tag_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                (annotation_id, tag_id),
            )

    def detach(self, annotation_id: int, tag_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?", (annotation_id, tag_id)
            )


    def rename(self, tag_id: int, name: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name.strip(), tag_id))

    def set_color(self, tag_id: int, color: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE tags SET color = ? WHERE id = ?", (color, tag_id))

    def set_parent(self, tag_id: int, parent_id: int | None) -> None:
        """Nest a tag under another (or at the top). A tag can't go under itself or its own child."""
        if parent_id is not None and parent_id in self.subtree(tag_id):
            raise ValueError("a tag can't be nested under itself or one of its own tags")
        with self._write() as conn:
            conn.execute("UPDATE tags SET parent_id = ? WHERE id = ?", (parent_id, tag_id))

    def subtree(self, tag_id: int) -> list[int]:
        """The tag and every tag nested under it, parents before children. Walked in Python with
        a visited set, so even a file whose tree has a cycle (an old merge bug) can't hang it."""
        children: dict[int | None, list[int]] = {}
        for t in self.all():
            children.setdefault(t.parent_id, []).append(t.id)
        order, seen, level = [], {tag_id}, [tag_id]
        while level:
            order.extend(sorted(level))
            level = [c for p in level for c in children.get(p, []) if c not in seen]
            seen.update(level)
        return order

    def usage(self, tag_id: int) -> int:
        """How many annotations carry the tag or one nested under it (shown before deleting)."""
        subtree = self.subtree(tag_id)
        marks = ",".join("?" * len(subtree))
        return int(self._conn.execute(
            f"SELECT count(DISTINCT annotation_id) FROM annotation_tags WHERE tag_id IN ({marks})", subtree
        ).fetchone()[0])

    def tagged_with(self, tag_id: int) -> list[int]:
        return [r[0] for r in self._conn.execute(
            "SELECT annotation_id FROM annotation_tags WHERE tag_id = ? ORDER BY annotation_id", (tag_id,)
        )]

    def merge(self, source_id: int, target_id: int) -> None:
        """Every annotation tagged `source` is tagged `target`; `source` goes and its nested tags
        move under `target`. A target nested inside the source first takes the source's place,
        so the tree never loops."""
        if source_id == target_id:
            raise ValueError("a tag can't be merged into itself")
        with self._write() as conn:
            if target_id in self.subtree(source_id):
                conn.execute("UPDATE tags SET parent_id = (SELECT parent_id FROM tags WHERE id = ?) WHERE id = ?",
                             (source_id, target_id))
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
                "SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?", (target_id, source_id)
            )
            conn.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", (target_id, source_id))
            conn.execute("DELETE FROM tags WHERE id = ?", (source_id,))

    def delete(self, tag_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
