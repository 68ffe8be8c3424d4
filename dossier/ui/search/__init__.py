"""Whole-dossier search: ranked results with snippets."""
