"""Entry point for `python -m dossier` and the bundled app."""

import sys

from dossier.cli import main

if __name__ == "__main__":
    sys.exit(main())
