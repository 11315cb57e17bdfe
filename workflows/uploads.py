"""Checks every uploaded file passes, whatever the procedure: its name made safe to store and to send
back, its content matching the type it claims, and the case's limits on how many files and bytes it
keeps. What a procedure accepts (which types, how large one file) is the procedure's own check."""
import posixpath
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from workflows.errors import InvalidInput
from workflows.fields import Document

FILENAME_MAX = 200  # the attachment.filename column
MB = 1024 * 1024

# The first bytes of each type we accept: a name or a declared type proves nothing about the content.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class CaseLimits:
    """How many files one case may keep, and how many bytes in all (set from the app's configuration:
    CASE_DOCUMENTS_MAX and CASE_DOCUMENTS_MAX_MB)."""
    max_files: int = 10
    max_total_bytes: int = 30 * MB


_limits_source: Callable[[], CaseLimits] = CaseLimits


def configure(source: Callable[[], CaseLimits]) -> None:
    """Where the limits come from: the web app reads them from its configuration at each upload."""
    global _limits_source
    _limits_source = source


def clean_filename(name: str, content_type: str = "") -> str:
    """A name safe to store and to put in a download header: no control or invisible format characters
    (NUL, CR, LF, bidi overrides), no surrogates, no folders ("../", "C:\\"), Chinese kept; a default
    when nothing is left."""
    name = "".join(c for c in (name or "") if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    name = posixpath.basename(name.replace("\\", "/")).strip().lstrip(".").strip()
    if not name:
        return "document" + EXTENSIONS.get(content_type, "")
    if len(name) > FILENAME_MAX:  # keep the extension: it is what the reader's computer opens it by
        stem, dot, ext = name.rpartition(".")
        ext = dot + ext if stem and len(ext) <= 10 else ""
        name = name[:FILENAME_MAX - len(ext)] + ext
    return name


def check_content(document: Document, field: str) -> None:
    """Refuse a file whose first bytes are not those of the type it declares (a text file named
    诊断.pdf and sent as application/pdf)."""
    signatures = SIGNATURES.get(document.content_type, ())
    if not any(document.data.startswith(s) for s in signatures):
        raise InvalidInput("document_content", field, type=EXTENSIONS.get(document.content_type, "?")[1:].upper())


def check_case_limits(kept_sizes: list[int], document: Document, field: str) -> None:
    """One more file on a case that already keeps files of these sizes: within the case's limits?"""
    limits = _limits_source()
    if len(kept_sizes) + 1 > limits.max_files:
        raise InvalidInput("too_many_documents", field, max=limits.max_files)
    if sum(kept_sizes) + len(document.data) > limits.max_total_bytes:
        raise InvalidInput("documents_too_large", field, max_mb=limits.max_total_bytes // MB)


def checked(document: Document, kept_sizes: list[int], field: str = "document") -> Document:
    """The document as it may be stored: its name cleaned, its content matching its type, within the
    case's limits."""
    check_content(document, field)
    check_case_limits(kept_sizes, document, field)
    return Document(clean_filename(document.filename, document.content_type), document.content_type, document.data)
