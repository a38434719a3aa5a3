"""The IAM account: one TinyDB file and every operation on it, named and shaped like the
AWS IAM and STS APIs (see DESIGN.md). Start at ``Store``."""

from .api import Store
from .errors import IamError, StoreUnusable
from .principals import Identity

__all__ = ["IamError", "Identity", "Store", "StoreUnusable"]
