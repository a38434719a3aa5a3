"""The IAM account: TinyDB persistence and every operation on it (see DESIGN.md).
Built by the store issue; empty until then."""
