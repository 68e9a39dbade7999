"""One root exception; subclasses carry an exit code (CLI) and an HTTP status (web).

The library raises these; only the CLI and the web app turn them into output.
Each error has a short stable ``code`` (like spaCy's E-codes) so messages can be
looked up and tested without matching prose.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Root of every error parley raises on purpose."""

    exit_code: int = 1
    http_status: int = 400
    code: str = "P000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # one line the user can act on
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ParleyError):
    """The call's arguments are wrong."""

    exit_code = 2
    code = "P001"


class DataFileError(ParleyError):
    """A data file (dossier, deal, pattern file) is missing, unreadable or invalid.

    ``problems`` lists every problem found, each as ``FILE:LINE: path: message``.
    """

    code = "P099"

    def __init__(
        self, message: str, *, problems: list[str] | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class DossierError(DataFileError):
    """A dossier file is missing, unreadable or invalid."""

    code = "P100"


class InputError(ParleyError):
    """One input (a file, a JSON line, a feed) cannot be read.

    Batches catch these per input, report them and carry on.
    """

    code = "P200"
    http_status = 422

    def __init__(self, path: str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = path
        self.problem = problem


class PatternError(DossierError):
    """A lexicon or pattern in a dossier is malformed."""

    code = "P101"


class StoreError(ParleyError):
    """The database cannot be used (not a parley database, too new, locked)."""

    code = "P300"
    http_status = 500


class NotFoundError(ParleyError):
    """An id (claim, report, actor, issue) does not exist."""

    code = "P404"
    http_status = 404


class DealError(DataFileError):
    """A deal file is invalid against its dossier."""

    code = "P500"
