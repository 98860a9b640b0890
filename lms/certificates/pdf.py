"""A certificate as a one-page A4 PDF with a QR code to its public
verification page.

The font is Noto Sans, reduced to Latin and Vietnamese and shipped in
lms/static/lms/fonts (SIL Open Font License, OFL.txt beside it): reportlab's
own fonts have no Vietnamese letters, and the machine's fonts cannot be relied
on.
"""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from lms.models.certificates import Certificate

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "lms" / "fonts"
REGULAR = "HocVuSoSans"
BOLD = "HocVuSoSans-Bold"
INK = HexColor("#1a1a1a")
ACCENT = HexColor("#0b5394")
ALERT = HexColor("#b00020")


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    if REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "NotoSans-Regular.ttf")))
    if BOLD not in registered:
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "NotoSans-Bold.ttf")))


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits in ``width``."""
    while size > 10 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _draw_qr(pdf: canvas.Canvas, data: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares: sharp when printed at any size."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    cell = size / len(matrix)
    pdf.setFillColor(INK)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                pdf.rect(x + col * cell, y + size - (row + 1) * cell, cell, cell, 0, 1)


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    """Render ``certificate`` in the active language."""
    _register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(
        buffer, pagesize=(width, height), pageCompression=1, initialFontName=REGULAR
    )
    pdf.setTitle(f"{_('Certificate')} {certificate.display_code}")
    pdf.setAuthor(certificate.issuer)
    pdf.setSubject(certificate.title)
    pdf.setCreator("Học Vụ Số")

    margin = 15 * mm
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(3)
    pdf.rect(margin, margin, width - 2 * margin, height - 2 * margin)
    pdf.setLineWidth(0.8)
    pdf.rect(
        margin + 4 * mm, margin + 4 * mm, width - 2 * margin - 8 * mm, height - 2 * margin - 8 * mm
    )

    centre = width / 2
    text_width = width - 2 * margin - 30 * mm
    y = height - margin - 22 * mm

    pdf.setFillColor(INK)
    size = _fit(certificate.issuer.upper(), BOLD, 14, text_width)
    pdf.setFont(BOLD, size)
    pdf.drawCentredString(centre, y, certificate.issuer.upper())

    y -= 22 * mm
    pdf.setFillColor(ACCENT)
    heading = _("Certificate of completion").upper()
    pdf.setFont(BOLD, _fit(heading, BOLD, 30, text_width))
    pdf.drawCentredString(centre, y, heading)

    y -= 14 * mm
    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 14)
    pdf.drawCentredString(centre, y, _("This certifies that"))

    y -= 14 * mm
    pdf.setFont(BOLD, _fit(certificate.holder_name, BOLD, 28, text_width))
    pdf.drawCentredString(centre, y, certificate.holder_name)

    y -= 12 * mm
    pdf.setFont(REGULAR, 14)
    completed = (
        _("has completed the 4T program")
        if certificate.program_id
        else _("has completed the course")
    )
    pdf.drawCentredString(centre, y, completed)

    title_size = 20
    for line in _wrap(certificate.title, BOLD, title_size, text_width)[:2]:
        y -= 10 * mm
        pdf.setFont(BOLD, title_size)
        pdf.drawCentredString(centre, y, line)

    y -= 12 * mm
    pdf.setFont(REGULAR, 13)
    completed_on = date_format(timezone.localtime(certificate.completed_at), "d/m/Y")
    pdf.drawCentredString(centre, y, _("Completed on %(date)s") % {"date": completed_on})

    # Bottom band: code and how to check it on the left, the QR code right.
    qr_size = 34 * mm
    qr_x = width - margin - 10 * mm - qr_size
    qr_y = margin + 10 * mm
    _draw_qr(pdf, verify_url, qr_x, qr_y, qr_size)

    left = margin + 12 * mm
    pdf.setFont(REGULAR, 11)
    pdf.drawString(left, qr_y + 24 * mm, _("Certificate code"))
    pdf.setFont(BOLD, 16)
    pdf.drawString(left, qr_y + 16 * mm, certificate.display_code)
    pdf.setFont(REGULAR, 10)
    pdf.drawString(left, qr_y + 8 * mm, _("Scan the QR code or open this address to check it:"))
    pdf.setFont(REGULAR, _fit(verify_url, REGULAR, 10, qr_x - left - 5 * mm))
    pdf.drawString(left, qr_y + 2 * mm, verify_url)

    if certificate.is_revoked:
        pdf.saveState()
        pdf.setFillColor(ALERT)
        pdf.setFont(BOLD, 48)
        pdf.translate(centre, height / 2)
        pdf.rotate(20)
        pdf.drawCentredString(0, 0, _("Revoked").upper())
        pdf.restoreState()

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
