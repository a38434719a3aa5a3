"""Everything a person touches: the command line (and, later, the Textual app)."""
