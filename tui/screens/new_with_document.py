"""Making an entity that cannot exist without a document: a role (its trust policy) or a
managed policy (its first version). A form asks the few fields, then the policy editor
the document; the store call is made once, when the document is saved, with everything
(CreateRole and CreatePolicy take it all in one request), so any refusal shows in AWS's
words in the editor, which stays open. ``esc`` in the editor goes back to the form with
what was typed, ``esc`` there gives up: nothing is made.
"""

from dataclasses import replace
from typing import Callable

from .form import Field, FormScreen
from .policy_editor import PolicyEditorScreen


def new_with_document(app, title: str, fields: list[Field], kind: str, template: str,
                      make: Callable[[dict, str], object],
                      made: Callable[[dict], None] = lambda values: None) -> None:
    """``make(values, text)`` makes the store call (raising IamError); ``made(values)``
    runs after it succeeded (the pane puts its cursor on the new entity)."""
    def ask(fields: list[Field], text: str) -> None:
        values: dict = {}

        def answered(ok: bool | None) -> None:
            if ok:
                edit(values, text)
        app.push_screen(FormScreen(title, fields, values.update), answered)

    def edit(values: dict, text: str) -> None:
        tried = [text]

        def save(new_text: str) -> None:
            tried.append(new_text)
            make(values, new_text)

        def closed(saved: bool | None) -> None:
            if saved:
                made(values)
            else:
                ask([replace(field, value=values[field.name]) for field in fields], tried[-1])
        app.push_screen(PolicyEditorScreen(title, text, kind, save, about=_about(values)),
                        closed)

    ask(fields, template)


def _about(values: dict) -> str:
    """What the form said, under the editor's title: "name: Ops · path: /ops/"."""
    return " · ".join(f"{name.replace('_', ' ')}: {value}" for name, value in values.items()
                      if value)
