"""Leave a compiled library out of the bundle together with what only it needed.

PyInstaller puts the shared libraries that extension modules and Qt plugins link against at the top
of the bundle. Dropping a plugin from its list leaves those behind; `without` drops them too, but
only the ones nothing left in the bundle links against (directly or through another library).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]  # PyInstaller's (destination, source, kind)


def _top_level(dest: str) -> bool:
    return "/" not in dest.replace("\\", "/")


def _reachable(roots: Iterable[Entry], libraries: dict[str, Entry], needs: Callable[[str], set[str]]) -> set[str]:
    """Destinations of the top-level libraries the roots link against, transitively."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        _dest, source, _kind = stack.pop()
        for name in needs(source):
            entry = libraries.get(name)
            if entry is not None and entry[0] not in seen:
                seen.add(entry[0])
                stack.append(entry)
    return seen


def without(binaries: list[Entry], drop: Callable[[str], bool], needs: Callable[[str], set[str]]) -> list[Entry]:
    """`binaries` minus the entries whose destination `drop` accepts and the top-level libraries
    that only those entries needed. `needs(source)` gives the file names a binary links against."""
    dropped = [b for b in binaries if drop(b[0])]
    if not dropped:
        return binaries
    libraries = {b[0].replace("\\", "/").rsplit("/", 1)[-1]: b for b in binaries if _top_level(b[0])}
    candidates = _reachable(dropped, libraries, needs)
    # Everything else stays, and so does every candidate something that stays links against.
    roots = [b for b in binaries if not drop(b[0]) and b[0] not in candidates]
    only_theirs = candidates - _reachable(roots, libraries, needs)
    return [b for b in binaries if not drop(b[0]) and b[0] not in only_theirs]
