"""The article pane: headline, provenance and the verbatim text with marks and find."""
