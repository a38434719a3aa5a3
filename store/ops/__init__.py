"""The operations, one module per family; importing this package registers them all."""

from . import (access_keys, account, attachments, groups, inline, instance_profiles,  # noqa: F401
               login_profiles, mfa_devices, policies, providers, roles, simulate, ssh_keys,
               sts, users)
