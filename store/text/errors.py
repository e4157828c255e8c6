"""Errors the operator may see. Each carries one clear Indonesian sentence; no traceback should ever reach a user."""

from __future__ import annotations


class WorkbookError(Exception):
    """Base of every refusal of the store: the message is the sentence to show."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__

    @property
    def lines(self) -> list[str]:
        """The message as the lines to print: one, unless a refusal lists its problems one a line."""
        return [self.message]


class UnreadableWorkbook(WorkbookError):
    """The file is empty, truncated, not JSON, of the wrong shape or of a newer schema; it is never overwritten."""


class DocumentInvalid(UnreadableWorkbook):
    """A document that breaks the schema: `path` (`nodes.12.level`) and the sentence that says why."""

    def __init__(self, path: str, reason: str, where: str | None = None, *, lead: str | None = None) -> None:
        if lead is not None:  # a save refused: the file on disk is not what is wrong (an import, an undo)
            message = f"{lead}, {path}: {reason}"
        elif where is None:
            message = f"{path}: {reason}"
        elif path == "dokumen":  # nothing of a workbook at all
            message = f"Berkas {where} bukan buku kerja lkjip, {path}: {reason}"
        else:
            message = f"Berkas {where} tidak sah, {path}: {reason}"
        super().__init__(message)
        self.path = path
        self.reason = reason


class LockTimeout(WorkbookError):
    """Another process holds the workbook's lock longer than we wait."""


class YearLocked(WorkbookError):
    """An edit to a year that was closed (kunci)."""


class EditConflict(WorkbookError):
    """The same field changed on disk since the operator saw it; both values are named, nothing is overwritten."""

    def __init__(self, message: str, *, mine: object, theirs: object, who: str | None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
        self.who = who


class RefNotFound(WorkbookError):
    """A REF that matches no node or indicator, or several."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class InvalidValue(WorkbookError):
    """A value the field does not accept (unreadable number, negative pagu, unknown arah …)."""


class SaveFailed(WorkbookError):
    """The disk refused the save (full, read-only, I/O error): the file on disk is unchanged."""
