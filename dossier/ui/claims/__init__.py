"""The claims board: every claim of the dossier with its corroboration by other sources."""
