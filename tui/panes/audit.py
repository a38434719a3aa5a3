"""The audit trail pane: CloudTrail-shaped records, newest first."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable

COLUMNS = ("TIME", "WHO", "EVENT", "SOURCE", "RESULT")


class AuditPane(Vertical):
    BINDING_GROUP_TITLE = "Audit"

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.app.store_changed.subscribe(self, self.reload)
        self.reload()

    def reload(self, _=None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for record in self.app.store.audit_trail():
            who = record["userIdentity"].get("arn") or record["userIdentity"]["type"]
            table.add_row(*(Text(cell) for cell in (
                record["eventTime"], who, record["eventName"], record["eventSource"],
                record.get("errorCode") or "ok")))

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()
