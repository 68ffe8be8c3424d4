"""The `dossier` command's commands, one module per group; dossier/cli.py parses and dispatches.

Each command takes the parsed arguments and returns the exit code. Modules load only the standard
library at import: what a command needs is imported when it runs, so `dossier` opens the app fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from dossier.core.display import shown

if TYPE_CHECKING:
    import argparse
    from typing import TypeAlias

    # What `add_subparsers` returns: argparse gives it no public name.
    Subcommands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 3


def fail(message: str) -> int:
    print(f"dossier: {shown(' '.join(message.split()))}", file=sys.stderr)  # one line, always
    return EXIT_ERROR
