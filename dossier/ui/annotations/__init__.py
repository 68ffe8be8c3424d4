"""Annotating: undoable commands, the annotation editor and the annotations list."""
