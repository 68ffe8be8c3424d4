"""Who the analyst at this computer is, when Preferences does not say: the account's full name.

Every annotation, assessment, evidence link and rating records its author, so a name is
needed before the first edit, and a dialog in the middle of an edit is no place to ask for it.
The account's full name is what the operating system already knows; its login name when it
knows no more.
"""

from __future__ import annotations

import getpass
import os
import sys


def account_full_name() -> str:
    """The full name of the account running the app, else its login name, else ""."""
    name = ""
    try:
        if sys.platform == "win32":
            name = _windows_display_name()
        else:
            import pwd

            # The GECOS field: "Full Name,Room,Work phone,Home phone,Other" by convention.
            name = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except (OSError, KeyError, AttributeError, ImportError):
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _windows_display_name() -> str:
    import ctypes

    name_display = 3  # EXTENDED_NAME_FORMAT.NameDisplay
    size = ctypes.c_ulong(0)
    secur32 = ctypes.windll.secur32  # type: ignore[attr-defined]  # Windows only: absent from ctypes elsewhere
    secur32.GetUserNameExW(name_display, None, ctypes.byref(size))
    if not size.value:
        return ""
    buffer = ctypes.create_unicode_buffer(size.value)
    if not secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)):
        return ""
    return buffer.value.strip()


def analyst_name(chosen: str | None) -> str:
    """The name edits are recorded under: the one chosen in Preferences (or on the command
    line), else the account's full name."""
    chosen = (chosen or "").strip()
    return chosen or account_full_name()
