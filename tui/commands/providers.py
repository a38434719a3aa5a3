"""Being written (issue 4)."""


def register(subparsers):
    pass
