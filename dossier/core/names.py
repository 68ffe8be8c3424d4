"""When two names are the same name: ignoring case, accents, spacing and the apostrophe's form."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """The key names are matched by ("Kəlbəcər" ~ "kəlbəcər", "Şuşa" ~ "susa", "Azerbaijan’s" ~ "azerbaijan's")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("’", "'").split())
