"""Evidence files: what may be attached (checked from the file's bytes, not its name),
where it is stored, and how it is handed back.

A file is only ever stored under a random name of our own (``evidence/<year>/<random>.<ext>``);
the name the person's computer gave it is kept, cleaned, to be shown and offered as the
download's name. Files are served by the progress app's own view and API endpoint, with
the report's permissions, as attachments of the content type checked here, never
inline: a file someone uploads must not become a page of this site.
"""

from __future__ import annotations

import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.errors import InvalidValueError
from rightstrack.core.limits import MAX_EVIDENCE_MB

NAME_LENGTH = 200  # the display name's longest form (the model field's max_length)
HEAD = 8192  # bytes read to recognise a file


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str  # what the refusal calls it: "a PDF file"


def _ooxml(part: str):
    return lambda zf: part in zf.namelist()


def _odf(mimetype: str):
    def check(zf):
        try:
            return zf.read("mimetype").strip() == mimetype.encode()
        except KeyError:
            return False

    return check


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003, Excel and PowerPoint files
ODF = "application/vnd.oasis.opendocument."
OOXML = "application/vnd.openxmlformats-officedocument."
KINDS: dict[str, Kind] = {
    "pdf": Kind("application/pdf", "PDF"),
    "doc": Kind("application/msword", "Word 97-2003"),
    "docx": Kind(OOXML + "wordprocessingml.document", "Word"),
    "odt": Kind(ODF + "text", "OpenDocument text"),
    "rtf": Kind("application/rtf", "RTF"),
    "txt": Kind("text/plain", gettext_lazy("text")),
    "xls": Kind("application/vnd.ms-excel", "Excel 97-2003"),
    "xlsx": Kind(OOXML + "spreadsheetml.sheet", "Excel"),
    "ods": Kind(ODF + "spreadsheet", "OpenDocument spreadsheet"),
    "csv": Kind("text/csv", "CSV"),
    "ppt": Kind("application/vnd.ms-powerpoint", "PowerPoint 97-2003"),
    "pptx": Kind(OOXML + "presentationml.presentation", "PowerPoint"),
    "odp": Kind(ODF + "presentation", "OpenDocument presentation"),
    "png": Kind("image/png", "PNG"),
    "jpg": Kind("image/jpeg", "JPEG"),
    "jpeg": Kind("image/jpeg", "JPEG"),
    "gif": Kind("image/gif", "GIF"),
    "webp": Kind("image/webp", "WebP"),
    "tif": Kind("image/tiff", "TIFF"),
    "tiff": Kind("image/tiff", "TIFF"),
    "zip": Kind("application/zip", "zip"),
}


def label(name: str) -> str:
    """The kind of a stored file as a person reads it ("PDF", "Excel")."""
    kind = KINDS.get(extension(name))
    return str(kind.label) if kind else ""


TYPES = frozenset(KINDS)

# How each kind's bytes begin; the zip-based formats are then opened to find the part
# only that format has (a .docx is a zip with word/document.xml, an .odt one whose
# "mimetype" says so), so a zip renamed .docx is refused.
_MAGIC = {
    "pdf": (b"%PDF-",),
    "doc": (OLE2,),
    "xls": (OLE2,),
    "ppt": (OLE2,),
    "rtf": (b"{\\rtf",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
_ZIP_PART = {
    "docx": _ooxml("word/document.xml"),
    "xlsx": _ooxml("xl/workbook.xml"),
    "pptx": _ooxml("ppt/presentation.xml"),
    "odt": _odf(ODF + "text"),
    "ods": _odf(ODF + "spreadsheet"),
    "odp": _odf(ODF + "presentation"),
    "zip": lambda zf: True,
}
# Text that a browser would take for a page or a script if it were ever shown inline.
_MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe", b"<object")
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
# Windows, Linux and macOS programs, and scripts.
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


def display_name(raw: str, fallback_ext: str = "") -> str:
    """The name to show and to offer on download: the last part of whatever path the
    client sent, without control or direction-override characters, at most
    NAME_LENGTH characters (the extension kept)."""
    name = unicodedata.normalize("NFC", str(raw or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters; Cf: invisible format ones, among them the right-to-left
    # override that makes "report\u202efdp.exe" read as "reportexe.pdf".
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    name = " ".join(name.split()).strip(" .")
    if len(name) > NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        keep = f".{ext}" if dot and len(ext) <= 10 else ""
        name = (stem if keep else name)[: NAME_LENGTH - len(keep)].rstrip(" .") + keep
    return name or (f"evidence.{fallback_ext}" if fallback_ext else "evidence")


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def stored_path(instance, filename: str) -> str:
    """``upload_to`` of Evidence.file: a random name with the checked extension; the
    client's name is never part of the path."""
    ext = extension(filename)
    ext = ext if ext in TYPES else "bin"
    return f"evidence/{timezone.now():%Y}/{uuid.uuid4().hex}.{ext}"


def check(file) -> Kind:
    """The file's kind if its bytes are of the type its extension says and that type is
    allowed, and it is at most MAX_EVIDENCE_MB; InvalidValueError naming the file otherwise."""
    name = display_name(getattr(file, "name", "") or "")
    ext = extension(name)
    if ext not in TYPES:
        raise InvalidValueError(
            _("%(name)s: evidence files are documents, spreadsheets, images or zip archives (%(types)s)")
            % {"name": name, "types": ", ".join(sorted(TYPES))}
        )
    size = getattr(file, "size", None) or 0
    if size > MAX_EVIDENCE_MB * 1024 * 1024:
        raise InvalidValueError(_("%(name)s is larger than %(mb)d MB") % {"name": name, "mb": MAX_EVIDENCE_MB})
    if not size:
        raise InvalidValueError(_("%(name)s is empty") % {"name": name})
    if not _matches(file, ext):
        raise InvalidValueError(
            _("%(name)s is not a %(kind)s file: its content is %(found)s. Evidence files must be what their name says.")
            % {"name": name, "kind": KINDS[ext].label, "found": _what_it_is(file)}
        )
    return KINDS[ext]


def _matches(file, ext: str) -> bool:
    head = _read(file, HEAD)
    if ext in ("txt", "csv"):
        return _is_text(file, head)
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if not head.startswith(_MAGIC[ext]):
        return False
    if ext in _ZIP_PART:
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as zf:
                return _ZIP_PART[ext](zf)
        except (zipfile.BadZipFile, OSError, EOFError):
            return False
        finally:
            file.seek(0)
    return True


def _is_text(file, head: bytes) -> bool:
    """Plain text in any common encoding: no NUL or other control bytes (UTF-16 has
    NULs, so it must say so with its byte order mark), and not markup."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = head.decode("utf-16", errors="ignore").encode("utf-8")
    else:
        sample = head.removeprefix(b"\xef\xbb\xbf")
        for chunk in _chunks(file):  # a binary file may start with a page of text
            if any(b in _CONTROL for b in chunk):
                return False
    if any(b in _CONTROL for b in sample):
        return False
    start = sample.lstrip().lower()
    return not start.startswith(_MARKUP)


def _what_it_is(file) -> str:
    """What the content looks like, for the refusal: named plainly for the dangerous
    kinds, else the likeliest extension puremagic finds."""
    import puremagic

    head = _read(file, HEAD)
    start = head.lstrip().lower()
    if start.startswith((b"<svg", b"<?xml")) and b"<svg" in start[:2048]:
        return _("an SVG image, which can hold scripts")
    if start.startswith(_MARKUP):
        return _("a web page (HTML)")
    if head.startswith(_PROGRAMS):
        return _("a program")
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    if not matches:
        return _("of no type allowed here")
    best = max(matches, key=lambda m: m.confidence)
    return _("a %(ext)s file") % {"ext": best.extension}


def _read(file, size: int) -> bytes:
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data or b""


def _chunks(file, size: int = 1 << 20):
    file.seek(0)
    while chunk := file.read(size):
        yield chunk
    file.seek(0)


def response(evidence, *, public: bool) -> FileResponse:
    """The evidence file as a download: its checked content type, the display name,
    never shown inline, never sniffed, never kept by shared caches (a plan may be
    unpublished later); an unpublished report's file not kept at all."""
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is no longer there.")) from None
    kind = KINDS.get(extension(evidence.file.name))
    content_type = kind.content_type if kind else "application/octet-stream"
    answer = FileResponse(handle, as_attachment=True, filename=evidence.display_name, content_type=content_type)
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if public:
        patch_cache_control(answer, private=True, max_age=3600)
    else:
        patch_cache_control(answer, private=True, no_store=True)
    return answer
