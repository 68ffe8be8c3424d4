"""The Hits panel: watchlists, their hits and saved searches."""
