"""Dossier: a desktop dossier viewer for analysts, journalists and researchers."""

__version__ = "0.1.0"
