"""The article list: a lazily filled table of the dossier's articles, with filters."""
