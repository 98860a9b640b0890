"""What the host site tells the learning layer about itself for certificates."""

from __future__ import annotations


def certificate_issuer(site) -> str:
    """The organisation named in the site identity settings (e.g. the commune's
    People's Committee), else the site's name: printed as the issuer."""
    from .models import SiteIdentity

    if site is None:
        return ""
    return SiteIdentity.for_site(site).organisation or site.site_name
