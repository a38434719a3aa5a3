"""The operations, one module per family; importing this package registers them all."""

from . import account, attachments, groups, inline, policies, roles, users  # noqa: F401
