"""A value given on the command line that cannot become a request parameter."""


class ParamError(Exception):
    """Worded as the AWS CLI words it: ``Error parsing parameter '--tags': ...``."""

    def __init__(self, flag: str, message: str):
        super().__init__(f"Error parsing parameter '{flag}': {message}")
