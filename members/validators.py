"""What may be uploaded to a group space: a few office and image types, at most 10 MB."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

_ZIP = (b"PK\x03\x04",)
# Extension -> (content type sent on download, how the file must start).
ALLOWED_UPLOADS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def allowed_extensions_text() -> str:
    return ", ".join(sorted({ext.lstrip(".").upper() for ext in ALLOWED_UPLOADS} - {"JPEG"}))


def validate_upload(upload) -> str:
    """Check name, size and the first bytes of an uploaded file; return its content type."""
    extension = Path(upload.name or "").suffix.lower()
    if extension not in ALLOWED_UPLOADS:
        raise ValidationError(
            _("Upload a file of one of these types: %(types)s."),
            code="file_type",
            params={"types": allowed_extensions_text()},
        )
    limit = settings.MEMBERS_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, signatures = ALLOWED_UPLOADS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("The file's content does not match its name (%(extension)s)."),
            code="file_content",
            params={"extension": extension},
        )
    return content_type


def safe_filename(name: str) -> str:
    """The person's file name without any folder, for the download."""
    return Path(name.replace("\\", "/")).name[:200] or "file"
