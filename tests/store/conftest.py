"""Every store test gets its own real store file in a temporary directory."""

import pytest

from store import Store


@pytest.fixture
def store(tmp_path):
    """A fresh account (id 123456789012, alias demo-corp) in its own TinyDB file."""
    made = Store(str(tmp_path / "iam.json"))
    made.create_account(account_id="123456789012", alias="demo-corp")
    return made
