"""The timeline dock: dated events in lanes, honest about their precision."""
