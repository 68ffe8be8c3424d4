"""Pure analysis over records the store fetched: corroboration, ACH, network metrics and layout, related-passage scoring, chronology (no Qt, no SQL)."""
