"""The learner's certificates in their data download. (Deleting the account
deletes them with the learner row: a certificate names its holder.)"""

from __future__ import annotations

from lms import privacy
from lms.models.certificates import Certificate


def _iso(value):
    return value.isoformat() if value else None


@privacy.register_exporter("certificates")
def export_certificates(user) -> list[dict]:
    return [
        {
            "code": c.display_code,
            "title": c.title,
            "holder_name": c.holder_name,
            "issuer": c.issuer,
            "completed_at": _iso(c.completed_at),
            "issued_at": _iso(c.issued_at),
            "revoked_at": _iso(c.revoked_at),
            "revoked_reason": c.revoked_reason,
        }
        for c in Certificate.objects.filter(learner__user=user)
    ]
