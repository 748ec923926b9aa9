"""Errors whose message is written for the user, in Spanish."""


class UserError(Exception):
    """Something the user can fix; `str(error)` says what and how."""


class ValidationError(UserError):
    """Field-by-field problems: {field name: Spanish message}."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class NotFoundError(UserError):
    pass


class PermissionDenied(UserError):
    pass


class StaleRecordError(UserError):
    """Someone else saved the record after it was opened here."""
