"""The audit trail pane: the store's CloudTrail-shaped records, newest first — when, who,
which call, which service, and how it ended — with ``/`` to keep the records whose
who, event, source or result hold some text, and ``d`` / ``enter`` for a record's full
CloudTrail JSON.

A failed call says so in words (``FAILED AccessDenied``), not only in colour, so the
trail reads the same with NO_COLOR. The trail is read as CloudTrail's LookupEvents would
be: a principal without ``cloudtrail:LookupEvents`` sees AccessDenied (store/event_history.py).
"""

from store.event_history import LOOKUP_EVENTS, lookup_events

from ..commands.audit import outcome, who
from ..widgets.rows_table import Cell
from .table_pane import TablePane

FAILED = "bold red"


class AuditPane(TablePane):
    BINDING_GROUP_TITLE = "Audit"
    columns = ("TIME", "WHO", "EVENT", "SOURCE", "RESULT")
    list_call = LOOKUP_EVENTS
    reads_trail = True

    def load(self) -> list[dict]:
        return lookup_events(self.app.store, self.app.acting)

    def cells(self, record: dict) -> tuple[Cell, ...]:
        failure = outcome(record)
        event, result = record["eventName"], "ok"
        if failure:
            event, result = (event, FAILED), (f"FAILED {failure}", FAILED)
        return self.made.row((record["eventTime"].replace("T", " ").removesuffix("Z"),
                              who(record["userIdentity"]), event,
                              record["eventSource"].removesuffix(".amazonaws.com"),
                              result))

    def row_key(self, record: dict) -> str:
        return record["eventID"]

    def describe(self, record: dict) -> None:
        from ..screens.json_view import JsonScreen
        self.app.push_screen(JsonScreen(
            f"{record['eventName']} by {who(record['userIdentity'])} at "
            f"{record['eventTime']}", record))
