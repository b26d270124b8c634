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


# Refusals of particular parts. They live here with the rest so that a module raising one
# and a module catching it never need to import each other.


class DocumentError(DomainError):
    """A document could not be rendered; the message is Vietnamese and names the cause."""


class DocumentContextError(DocumentError):
    """The context lacks a field the template uses, or a value has the wrong shape."""


class DocumentTemplateError(DocumentError):
    """The template itself is broken or tries something the sandbox forbids."""


class OfficeError(DocumentError):
    """A Word/Excel file could not be converted to PDF (message in Vietnamese)."""


class OfficeUnavailable(OfficeError):
    """LibreOffice (soffice) is not installed or not where SOFFICE_PATH says."""


class WorkbookRefused(ValidationFailed):
    """An uploaded register sheet is not a workbook we are willing to open."""


class CellError(ValueError):
    """A sheet cell that cannot be read; the message (Vietnamese) says why. Not a refusal of
    the whole import: the import lists it against its row."""


class UnknownKind(KeyError):
    """No such document kind (a lookup miss: callers fall back or answer 404)."""
