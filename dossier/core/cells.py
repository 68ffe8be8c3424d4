"""Spreadsheet cells that stay text: what every CSV Dossier writes (exports, the import report)
does to a value a spreadsheet would take for a formula."""

from __future__ import annotations

# A cell starting with these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
