"""Opening the app from the command line: ``iamtui [--db FILE] [--as PRINCIPAL]
[--read-only]``, and ``iamtui demo`` in a terminal."""

import sys

from store import Store

from .caller import caller


def in_terminal() -> bool:
    """The app needs a terminal on both ends; piped, the commands print instead."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_app(store: Store, who: str | None = None, read_only: bool = False,
             walkthrough: bool = False) -> int:
    from .app import IamApp  # Textual loads only when the app opens
    app = IamApp(store, acting=caller(store, who), read_only=read_only,
                 walkthrough=walkthrough)
    app.run()
    return app.return_code or 0
