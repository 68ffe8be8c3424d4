"""Pure-Python domain layer: dataclasses, offsets and text anchoring. Never imports Qt."""
