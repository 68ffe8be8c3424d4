"""Pure functions over records the store fetched: no Qt, no SQL."""
