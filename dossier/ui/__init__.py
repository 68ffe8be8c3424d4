"""The PySide6 user interface: main window and one subpackage per feature."""
