"""The main window's features, one controller each: its actions, its dialogs, its menu entries."""
