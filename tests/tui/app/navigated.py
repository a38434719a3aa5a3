"""What the tests of ``:`` and the command palette check: where they took you."""

from tui.screens.detail import DetailScreen


def assert_described(app, pane: str, name: str) -> None:
    """The pane is shown, its cursor is on ``name``, and its detail screen is open (a
    policy's names it by ARN: AWS managed and customer policies may share a name)."""
    assert app.pane == pane
    selected = app.query_one(f"#{pane}").selected
    assert selected.name == name
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.entity_name in (name, selected.arn)
