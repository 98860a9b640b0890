"""Certificate uploads are judged by their content: what passes, and every
kind of bad file refused with a message a learner can act on."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from lms.models.national import FileKind
from lms.national.uploads import check_certificate_file, prepare_photo
from tests.lms.national import files


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (files.photo("JPEG"), FileKind.JPEG),
        (files.photo("PNG"), FileKind.PNG),
        (files.photo("WEBP"), FileKind.WEBP),
        (files.photo("HEIF", size=(320, 240)), FileKind.HEIC),
        (files.pdf(), FileKind.PDF),
    ],
    ids=["jpeg", "png", "webp", "heic", "pdf"],
)
def test_photos_and_pdfs_are_recognised_by_content_whatever_their_name(content, kind):
    checked = check_certificate_file(files.upload(content, name="x.txt", content_type="text/plain"))
    assert checked.kind == kind
    assert len(checked.sha256) == 64


def refused(content, **kwargs) -> str:
    """The message, in English (the messages themselves are translated)."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            check_certificate_file(files.upload(content, **kwargs))
        return " ".join(str(message) for message in caught.value.messages)


def test_svg_renamed_to_jpg_is_refused():
    assert "not a photo" in refused(files.SVG)


def test_html_renamed_to_jpg_is_refused():
    assert "not a photo" in refused(files.HTML)


def test_zip_bomb_renamed_to_jpg_is_refused():
    assert "not a photo" in refused(files.zip_bomb())


def test_other_binary_types_renamed_to_jpg_are_refused():
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    assert "not a photo" in refused(gif.getvalue())
    assert "not a photo" in refused(b"MZ\x90\x00" + b"\x00" * 200)  # a Windows program


def test_png_decompression_bomb_is_refused():
    assert "far larger than a photo" in refused(files.png_bomb())


def test_polyglot_jpeg_with_a_web_page_inside_is_refused():
    assert "something other than a photo" in refused(files.jpeg_html_polyglot())


def test_polyglot_jpeg_with_a_zip_appended_is_refused():
    assert "something other than a photo" in refused(files.jpeg_zip_polyglot())


def test_polyglot_pdf_with_a_web_page_is_refused():
    assert "something other than a photo" in refused(files.pdf_html_polyglot())


def test_a_truncated_photo_is_refused_as_damaged():
    assert "could not be opened" in refused(files.photo()[:2000])


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    assert "could not be opened" in refused(b"%PDF-1.7\nthis is not a pdf at all\n")


@pytest.mark.parametrize(
    "content",
    [
        files.pdf(javascript="app.alert('hi');"),
        files.pdf(open_action_js="app.alert('hi');"),
        files.pdf(launch=True),
        files.pdf(attachment=True),
    ],
    ids=["javascript", "open-action-js", "launch", "embedded-file"],
)
def test_pdfs_that_run_code_or_carry_files_are_refused(content):
    assert "scripts, actions or attached files" in refused(content, name="c.pdf")


def test_an_oversized_file_is_refused(settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "CERTIFICATE_UPLOAD_MAX_BYTES": 50_000}
    assert "too large" in refused(files.photo(size=(1600, 1200), quality=100))


def test_an_empty_file_is_refused():
    assert "empty" in refused(b"")


def test_prepared_photo_has_no_metadata_is_upright_and_scaled_down():
    original = files.photo(size=(3000, 2000), gps=True)
    with Image.open(io.BytesIO(original)) as source:
        assert source.getexif().get_ifd(0x8825)  # the original carries GPS
    prepared = prepare_photo(original, FileKind.JPEG, max_side=2000)
    with Image.open(io.BytesIO(prepared.image)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert b"PhoneMaker" not in prepared.image
        # EXIF orientation 6 was applied before it was dropped: portrait now.
        assert image.size[1] == 2000
        assert image.size[0] in (1333, 1334)
    with Image.open(io.BytesIO(prepared.thumbnail)) as thumb:
        assert max(thumb.size) == 480


def test_prepared_png_with_transparency_is_flattened():
    buffer = io.BytesIO()
    Image.new("RGBA", (100, 100), (0, 0, 0, 0)).save(buffer, format="PNG")
    prepared = prepare_photo(buffer.getvalue(), FileKind.PNG)
    with Image.open(io.BytesIO(prepared.image)) as image:
        assert image.mode == "RGB"
        assert image.getpixel((5, 5)) == (255, 255, 255)
