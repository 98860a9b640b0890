"""Checking and preparing learners' certificate files.

The type of a file is decided from its content: its first bytes, then opening
it with Pillow (photos) or pypdf (PDFs). The name and the type the browser
declares are ignored. Anything else (SVG, HTML, archives, files that are two
things at once, PDFs that could run code or carry other files, images that
would decompress to billions of pixels) is refused with a message the learner
can act on, before anything is stored.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass

import pillow_heif
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from lms.conf import lms_settings
from lms.models.national import FileKind

# HEIC is what iPhones save by default; pillow-heif lets Pillow read it.
pillow_heif.register_heif_opener()

CONTENT_TYPES = {
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.WEBP: "image/webp",
    FileKind.HEIC: "image/heic",
    FileKind.PDF: "application/pdf",
}
PILLOW_FORMATS = {
    FileKind.JPEG: "JPEG",
    FileKind.PNG: "PNG",
    FileKind.WEBP: "WEBP",
    FileKind.HEIC: "HEIF",
}
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
THUMBNAIL_SIDE = 480
MAX_PDF_PAGES = 20
MAX_PDF_OBJECTS = 20_000

# Markers of content a browser or another program would act on. A genuine
# photo or certificate PDF has no reason to contain them; a polyglot does.
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|object|embed|body)\b|<!doctype\s+html|javascript:",
    re.IGNORECASE,
)
# PDF names that run code, open other programs or carry other files. pypdf
# decodes names (/J#61vaScript is /JavaScript) before we look at them.
# An /OpenAction or /AA that only goes to a page is harmless (many office
# suites write one); the action dictionaries they point to are checked by /S.
PDF_FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/EF", "/EmbeddedFiles", "/RichMedia", "/XFA"}
PDF_FORBIDDEN_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
PDF_RAW_FORBIDDEN = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])"
)

NOT_ALLOWED = _(
    "This file is not a photo (JPEG, PNG, WebP or HEIC) or a PDF. "
    "Take a photo of the certificate, or download it as a PDF, and try again."
)
DAMAGED_PHOTO = _("This photo could not be opened; it may be damaged. Please take it again.")
TOO_MANY_PIXELS = _(
    "This picture is far larger than a photo of a certificate. Please take an ordinary photo."
)
MIXED_CONTENT = _(
    "This file contains something other than a photo or a document (for example a web page "
    "or an archive), so it cannot be accepted."
)
DAMAGED_PDF = _("This PDF could not be opened; it may be damaged. Please download it again.")
ACTIVE_PDF = _(
    "This PDF contains scripts, actions or attached files, so it cannot be accepted. "
    "Please send a photo of the certificate instead."
)
LOCKED_PDF = _("This PDF is protected by a password. Please send a photo of the certificate.")
LONG_PDF = _("This PDF has too many pages for a certificate.")


def too_large_message(limit: int | None = None) -> str:
    limit = limit or lms_settings.CERTIFICATE_UPLOAD_MAX_BYTES
    return _("The file is too large. The limit is %(size)s.") % {"size": filesizeformat(limit)}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, held in memory (at most the size limit)."""

    content: bytes
    kind: str
    sha256: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def extension(self) -> str:
        return "jpg" if self.kind == FileKind.JPEG else str(self.kind)


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts a file's bytes as they arrive and drops it as soon as it passes
    the limit, so an oversized upload is never buffered or written to disk.
    The field names it dropped are left on ``request.oversized_uploads``.

    It must be installed before the request body is read, i.e. in a
    ``csrf_exempt`` view that then applies ``csrf_protect`` itself."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit or lms_settings.CERTIFICATE_UPLOAD_MAX_BYTES
        self.received = 0
        if request is not None and not hasattr(request, "oversized_uploads"):
            request.oversized_uploads = set()

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.oversized_uploads.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def read_limited(uploaded, limit: int) -> bytes:
    """Read an uploaded file chunk by chunk, refusing it once it passes
    ``limit`` (a second guard behind the upload handler)."""
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(too_large_message(limit), code="too_large")
    buffer = io.BytesIO()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise ValidationError(too_large_message(limit), code="too_large")
    return buffer.getvalue()


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return FileKind.HEIC
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    return None


def _is_zip(content: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(content))


def _open_image(content: bytes, kind: str) -> Image.Image:
    """Open and fully decode an image, treating Pillow's decompression-bomb
    warning as an error (the default only warns below twice the limit)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[kind]])
            if image.format != PILLOW_FORMATS[kind]:
                raise ValidationError(NOT_ALLOWED, code="type")
            if image.format == "JPEG":
                # Decoding at a reduced scale still reads every byte of the
                # compressed data, at a fraction of the memory and time.
                image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(TOO_MANY_PIXELS, code="bomb") from error
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ValidationError(DAMAGED_PHOTO, code="damaged") from error
    return image


def _pdf_values(value, depth: int = 0):
    """Walk the direct values inside a PDF object (not following references)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 20:
        return
    yield value
    if isinstance(value, DictionaryObject):
        for item in value.values():
            yield from _pdf_values(item, depth + 1)
    elif isinstance(value, ArrayObject):
        for item in value:
            yield from _pdf_values(item, depth + 1)


def _pdf_is_active(value) -> bool:
    from pypdf.generic import DictionaryObject, IndirectObject, NameObject

    for item in _pdf_values(value):
        if isinstance(item, IndirectObject):
            continue
        if isinstance(item, DictionaryObject):
            keys = {str(key) for key in item}
            if keys & PDF_FORBIDDEN_KEYS:
                return True
            action = item.get("/S")
            if isinstance(action, NameObject) and str(action) in PDF_FORBIDDEN_ACTIONS:
                return True
            if str(item.get("/Type", "")) == "/EmbeddedFile":
                return True
    return False


def _check_pdf(content: bytes) -> None:
    # pypdf (and the cryptography it loads) weighs some 25 MB: imported only
    # when a PDF is checked, not in every worker at start-up.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    if PDF_RAW_FORBIDDEN.search(content):
        raise ValidationError(ACTIVE_PDF, code="active_pdf")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(LOCKED_PDF, code="locked_pdf")
        pages = len(reader.pages)
        if pages == 0:
            raise ValidationError(DAMAGED_PDF, code="damaged_pdf")
        if pages > MAX_PDF_PAGES:
            raise ValidationError(LONG_PDF, code="long_pdf")
        numbers = {num for table in reader.xref.values() for num in table}
        numbers |= set(reader.xref_objStm)
        if len(numbers) > MAX_PDF_OBJECTS:
            raise ValidationError(DAMAGED_PDF, code="damaged_pdf")
        objects = [reader.trailer]
        for num in numbers:
            obj = reader.get_object(num)
            if obj is not None:
                objects.append(obj)
        for obj in objects:
            if _pdf_is_active(obj):
                raise ValidationError(ACTIVE_PDF, code="active_pdf")
    except ValidationError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise ValidationError(DAMAGED_PDF, code="damaged_pdf") from error


def check_certificate_file(uploaded, *, limit: int | None = None) -> CheckedFile:
    """Read (within the size limit) and check an uploaded certificate file.

    Returns the checked content; raises ``ValidationError`` with a message for
    the learner otherwise. Nothing is stored here."""
    limit = limit or lms_settings.CERTIFICATE_UPLOAD_MAX_BYTES
    content = read_limited(uploaded, limit)
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(content[:32])
    if kind is None:
        raise ValidationError(NOT_ALLOWED, code="type")
    if ACTIVE_MARKUP.search(content) or _is_zip(content):
        raise ValidationError(MIXED_CONTENT, code="polyglot")
    if kind == FileKind.PDF:
        _check_pdf(content)
    else:
        _open_image(content, kind).close()
    return CheckedFile(content=content, kind=kind, sha256=hashlib.sha256(content).hexdigest())


@dataclass(frozen=True)
class PreparedPhoto:
    image: bytes
    thumbnail: bytes


def prepare_photo(content: bytes, kind: str, *, max_side: int | None = None) -> PreparedPhoto:
    """Re-encode a checked photo as a JPEG without any metadata (EXIF, GPS,
    XMP, comments), turned upright and scaled down, plus a thumbnail."""
    max_side = max_side or lms_settings.CERTIFICATE_PHOTO_MAX_SIDE
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[kind]]) as source:
            if source.format == "JPEG":
                source.draft("RGB", (max_side, max_side))
            upright = ImageOps.exif_transpose(source)
            if upright.mode in {"RGBA", "LA", "P", "PA"}:
                upright = upright.convert("RGBA")
                background = Image.new("RGB", upright.size, "white")
                background.paste(upright, mask=upright.getchannel("A"))
                upright = background
            elif upright.mode != "RGB":
                upright = upright.convert("RGB")
            # A fresh image carries pixels only: no info, EXIF or ICC data.
            clean = Image.new("RGB", upright.size)
            clean.paste(upright)
    clean.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    full = io.BytesIO()
    clean.save(full, format="JPEG", quality=85, optimize=True, progressive=True)
    clean.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    thumb = io.BytesIO()
    clean.save(thumb, format="JPEG", quality=80, optimize=True)
    return PreparedPhoto(image=full.getvalue(), thumbnail=thumb.getvalue())
