"""The one error the policy language raises: a document (or request) that is not valid."""


class PolicyValidationError(ValueError):
    """A policy document or simulation input that is not valid, and where.

    ``path`` is a JSON path into the document (``Statement[1].Condition.IpAddress``),
    ``line`` and ``column`` (1-based) point into the source text when known.
    """

    def __init__(self, message: str, path: str = "", line: int | None = None,
                 column: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        at = f" (line {self.line}, column {self.column})" if self.line is not None else ""
        return f"{where}{self.message}{at}"
