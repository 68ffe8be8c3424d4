"""Bringing articles in: readers that turn files into documents. Never imports Qt."""
