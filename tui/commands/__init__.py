"""One module per ``iamtui`` subcommand, each with ``register(subparsers)``."""
