"""Pure-Python domain layer: records, vocabularies, offsets and text anchoring. Never imports Qt."""
