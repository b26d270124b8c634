"""The small exception hierarchy that domain code raises and views map to responses."""


class DomainError(Exception):
    """A rule of the domain refused an action; the message is for the user (Vietnamese)."""

    status_code = 400

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    """Input breaks a rule; the form is shown again with the message."""


class NotAllowed(DomainError):
    """The policy denies the action."""

    status_code = 403


class Conflict(DomainError):
    """Someone else changed the record first, or a unique value is taken."""

    status_code = 409

    def __init__(self, message, field=None, theirs=None, mine=None):
        super().__init__(message, field)
        self.theirs = theirs
        self.mine = mine


class NotFound(DomainError):
    status_code = 404
