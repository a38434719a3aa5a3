"""Shared by the store tests."""

import pytest

from store import IamError


def error(call) -> IamError:
    """The IamError ``call()`` raises (the test fails if it raises none)."""
    with pytest.raises(IamError) as caught:
        call()
    return caught.value
