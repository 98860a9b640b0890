"""Files for certificate-upload tests, made here (Pillow, pypdf, plain bytes):
good photos and PDFs, and every kind of bad input the upload must refuse."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

# Somewhere in Quảng Trị: what a phone writes into a photo's EXIF GPS block.
GPS_LATITUDE = (16.0, 42.0, 0.0)


def photo(kind="JPEG", size=(1600, 1200), color=(200, 180, 60), *, gps=False, **save) -> bytes:
    image = Image.new("RGB", size, color)
    # Some structure, so the re-encoded photo is not a single colour.
    for x in range(0, size[0], 50):
        for y in range(0, size[1], 7):
            image.putpixel((x, y), (10, 20, 30))
    buffer = io.BytesIO()
    if kind == "HEIF":
        pillow_heif.register_heif_opener()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0112] = 6  # Orientation: rotated 90° clockwise
        gps_ifd = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (107.0, 10.0, 0.0)}
        exif[0x8825] = gps_ifd
        save["exif"] = exif
    image.save(buffer, format=kind, **save)
    return buffer.getvalue()


def pdf(*, javascript=None, open_action_js=None, launch=False, attachment=False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        # Document-level JavaScript: /Names << /JavaScript << /Names [...] >> >>.
        action = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(javascript),
                }
            )
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("init"), action])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(tree)}
        )
    if open_action_js:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(open_action_js),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if launch:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("readme.txt", b"hello")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bomb(side=30_000) -> bytes:
    """A small PNG declaring 30,000 x 30,000 pixels (900 megapixels) of zeros."""
    raw = zlib.compress(b"\x00" * (side + 1) * 64, 9)  # a few rows are enough to claim it

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def zip_bomb() -> bytes:
    """A zip of 50 MB of zeros that is a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * 50_000_000)
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def jpeg_html_polyglot() -> bytes:
    """A real JPEG with a web page hidden in a comment."""
    return photo(size=(200, 150), comment=b"<html><script>alert(1)</script></html>")


def jpeg_zip_polyglot() -> bytes:
    """A real JPEG with a zip archive appended (opens as either)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.html", "<b>hi</b>")
    return photo(size=(200, 150)) + buffer.getvalue()


def pdf_html_polyglot() -> bytes:
    return pdf() + b"\n<html><script>alert(1)</script></html>\n"


def upload(content: bytes, name="chung-nhan.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
