"""Helpers for build_app.spec (the PyInstaller bundle); the app itself never imports them.

They live in the package so the tests can reach them: what the bundle leaves out is decided here.
"""
