"""QR codes drawn as inline SVG, for the pages that print one (a sign-in
card, a certificate)."""

from __future__ import annotations


def qr_svg(url: str, *, box_size: int) -> str:
    """``url`` as an SVG QR code (one path, a quiet zone of two modules),
    each module ``box_size`` pixels wide."""
    # qrcode is imported when a code is drawn, not in every worker that loads the URLconf.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        url, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2
    )
    return image.to_string(encoding="unicode")
