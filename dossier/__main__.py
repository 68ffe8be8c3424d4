"""Entry point for `python -m dossier` and the bundled app."""

import sys

from dossier.cli import main

if __name__ == "__main__":
    # The bundled app is also the program its import workers run (ingest.model_pool): started
    # as one, it runs the worker's task and exits here instead of opening a window.
    if getattr(sys, "frozen", False):  # a no-op anywhere else, and importing it costs start-up time
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
