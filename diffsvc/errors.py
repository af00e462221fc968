"""The error tree: every problem a user can cause has a class, a stable code and an HTTP status.

Core code raises these and nothing web-shaped; the CLI prints ``str(error)`` and exits 2, the web
layer turns them into one problem+json body or an error page. ``code`` values are part of the API
contract (they form the problem ``type``) and never change once published.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Literal, Self

# How the readers open their messages ("This file is an RTF file, ..."): ``for_side`` puts the
# side's name in place of these subjects, so one sentence says which side failed and how. The
# second item is what of the subject stays ("This is" keeps its "is").
_SUBJECTS = (("This file ", ""), ("The file ", ""), ("The text ", ""), ("This is ", " is"))


class DiffsvcError(Exception):
    """Base of every error diffsvc reports to users."""

    code = "error"
    status = 400
    title = "Bad request"
    #: Which side of a comparison failed, as the channel names it ("The later version", "The
    #: left side"); None when the problem is not one side's. Set by ``for_side``/``of_side``.
    side: str | None = None

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.__doc__ or self.title)

    @property
    def message(self) -> str:
        return str(self.args[0])

    def of_side(self, side: str) -> Self:
        """This error, whose message names ``side`` already, marked as that side's."""
        self.side = side
        return self

    def for_side(self, side: str, *, filename: str | None = None) -> Self:
        """A copy of this error said of one side: ``side`` ("The later version") takes the
        place of the message's "This file" or "The text", or opens a sentence of its own.
        ``filename``, when given, follows the side's name in brackets.

        >>> UnsupportedFormat("This file is an RTF file.").for_side("The later version").message
        'The later version is an RTF file.'
        >>> NoTextLayer("This PDF has no text layer.").for_side("The left side", filename="a.pdf")
        NoTextLayer('The left side (a.pdf) could not be read. This PDF has no text layer.')
        """
        name = f"{side} ({_shorten(filename)})" if filename else side
        message = self.message
        for subject, keep in _SUBJECTS:
            if message.startswith(subject):
                message = f"{name}{keep} {message[len(subject) :]}"
                break
        else:
            message = f"{name} could not be read. {message}"
        said = copy.copy(self)
        said.args = (message,)
        said.side = side
        return said


def _shorten(filename: str, most: int = 60) -> str:
    return filename if len(filename) <= most else filename[: most - 1] + "…"


def catalogue() -> Iterator[type[DiffsvcError]]:
    """Every kind of error, the base first, each before its subclasses (the /problems page)."""
    pending: list[type[DiffsvcError]] = [DiffsvcError]
    while pending:
        kind = pending.pop(0)
        yield kind
        pending[:0] = kind.__subclasses__()


class InputError(DiffsvcError):
    """The input cannot be compared."""

    code = "invalid-input"
    status = 422
    title = "Unusable input"


class EmptyInput(InputError):
    """The document is empty: there is no text to compare."""

    code = "empty-input"


class TooManyClauses(InputError):
    """The document has more clauses than this service compares at once."""

    code = "too-many-clauses"


#: What was too large: a text (pasted, or a text, HTML or Markdown file), a Word or PDF
#: document (its bytes, pages or paragraphs), or a request as a whole (read no further).
TooLargeWhat = Literal["text", "document", "request"]


class LabelCount(InputError):
    """There are not as many labels as versions: send one label per version, in the same order
    (an empty one for a version without a label), or none."""

    code = "label-count"


class TooLarge(DiffsvcError):
    """The input is larger than this service accepts."""

    code = "too-large"
    status = 413
    title = "Input too large"

    def __init__(self, message: str | None = None, *, what: TooLargeWhat = "request") -> None:
        super().__init__(message)
        #: What was too large; the advice differs (shorten a text, shrink a file, send less).
        self.what: TooLargeWhat = what


class ExportTooLarge(DiffsvcError):
    """The comparison has more entries than this service lays out in that kind of file: export
    only the changes, or take the spreadsheet, CSV, HTML or JSON, which have no such limit."""

    code = "export-too-large"
    status = 422
    title = "Too large for this file type"


class UnsupportedFormat(DiffsvcError):
    """The file is not a format diffsvc reads (text, HTML, Markdown, PDF or DOCX)."""

    code = "unsupported-format"
    status = 415
    title = "Unsupported format"


class BrokenFile(InputError):
    """The file is damaged or truncated and cannot be read."""

    code = "broken-file"


class EncryptedFile(InputError):
    """The file is encrypted; save an unprotected copy and try again."""

    code = "encrypted-file"


class NoTextLayer(InputError):
    """The PDF has no text layer (a scan); OCR is not supported."""

    code = "no-text-layer"


class DecodeError(InputError):
    """The text's encoding could not be recognised."""

    code = "undecodable-text"


class TimeBudgetExceeded(DiffsvcError):
    """The comparison took longer than this service allows for one request."""

    code = "time-budget-exceeded"
    status = 422
    title = "Comparison too slow"


class NotFound(DiffsvcError):
    """No such comparison or document."""

    code = "not-found"
    status = 404
    title = "Not found"


class UnsafeFile(InputError):
    """The file looks built to exhaust the reader (a zip or XML entity bomb); it was not read."""

    code = "unsafe-file"


class NoArticle(EmptyInput):
    """The page has no article text, only navigation or site chrome."""

    code = "no-article-text"


# Web edge (owned by the web engineer): problems only an HTTP request can cause.


class BadRequest(DiffsvcError):
    """The request is malformed: fix its syntax (for example the JSON body) and send it again."""

    code = "bad-request"
    status = 400
    title = "Bad request"


class InvalidRequest(DiffsvcError):
    """The request is well-formed but its fields are missing, unknown or of the wrong type."""

    code = "invalid-request"
    status = 422
    title = "Invalid request"

    def __init__(
        self, message: str | None = None, *, fields: list[dict[str, object]] | None = None
    ) -> None:
        super().__init__(message)
        #: One ``{"loc": [...], "msg": ..., "type": ...}`` per invalid field, for the problem body.
        self.fields = fields or []


class CsrfFailed(BadRequest):
    """The form's security token is missing or expired: reload the form and submit it again."""

    code = "csrf-failed"
    title = "Form expired"


class Forbidden(DiffsvcError):
    """Only whoever made the comparison may delete it, with the token they were given."""

    code = "forbidden"
    status = 403
    title = "Not allowed"


class MethodNotAllowed(DiffsvcError):
    """This URL does not accept that HTTP method."""

    code = "method-not-allowed"
    status = 405
    title = "Method not allowed"


class UnsupportedMediaType(DiffsvcError):
    """The request body's Content-Type is not one this endpoint reads."""

    code = "unsupported-media-type"
    status = 415
    title = "Unsupported media type"


class RateLimited(DiffsvcError):
    """Too many requests from this client: wait a minute and try again."""

    code = "rate-limited"
    status = 429
    title = "Too many requests"

    def __init__(self, message: str | None = None, *, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotReady(DiffsvcError):
    """The service cannot reach its store right now."""

    code = "not-ready"
    status = 503
    title = "Service unavailable"


class Interrupted(DiffsvcError):
    """This series stopped before it was finished (the worker computing it went away). Send the
    same versions again to compute it anew."""

    code = "interrupted"
    status = 503
    title = "Interrupted"


class InternalError(DiffsvcError):
    """Something went wrong inside diffsvc; the error was logged."""

    code = "internal-error"
    status = 500
    title = "Internal error"
