"""The entity sidebar: entities by kind with counts, their mentions and articles, and edits."""
