"""Certificate photos, in the background after a claim stored one (run by
``lms.national.tasks``): re-encoded without metadata, scaled down, with a
thumbnail."""

from __future__ import annotations

import logging

from lms.models.national import CertificateClaim, FileState
from lms.national.storage import FilesOrNothing, delete_after_commit, private_storage
from lms.national.uploads import prepare_photo

logger = logging.getLogger(__name__)


def certificate_photo_prepare(*, claim_id: int) -> bool:
    """Replace a claim's uploaded photo by a re-encoded copy without metadata
    (no EXIF, no GPS), scaled down, plus a thumbnail. Idempotent: a photo
    already prepared is left alone. Returns whether work was done."""
    claim = CertificateClaim.objects.filter(pk=claim_id).first()
    if claim is None or claim.file_state != FileState.PENDING or claim.is_pdf:
        return False
    original = claim.file_name
    with private_storage().open(original, "rb") as handle:
        content = handle.read()
    try:
        prepared = prepare_photo(content, claim.file_kind)
    except (OSError, ValueError, SyntaxError) as error:
        logger.warning("Certificate photo %s could not be prepared: %s", claim_id, error)
        CertificateClaim.objects.filter(pk=claim_id, file_name=original).update(
            file_state=FileState.FAILED
        )
        return False
    with FilesOrNothing() as files:
        image_name = files.store(prepared.image, "jpg")
        thumb_name = files.store(prepared.thumbnail, "jpg", suffix="-thumb")
        updated = CertificateClaim.objects.filter(
            pk=claim_id, file_name=original, file_state=FileState.PENDING
        ).update(
            file_name=image_name,
            thumbnail_name=thumb_name,
            file_state=FileState.READY,
        )
        if not updated:
            # Another worker (or a resubmission) got there first.
            delete_after_commit(image_name, thumb_name)
            return False
        delete_after_commit(original)
    return True
