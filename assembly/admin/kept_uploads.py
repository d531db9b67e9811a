"""An image chosen in a form that failed validation is kept, not dropped.

Browsers never send a file input back: after an error elsewhere in the form (an empty title)
the chosen image would be gone, and saving again would save the item without it. So the
upload is stored under ``uploads-pending/``, the form carries a signed token naming it and
shows the file as chosen, and the next post uses it as if it had been chosen again. It goes
through the same checks and the same saving as a fresh upload; after a successful save the
pending copy is deleted. Copies of abandoned forms are deleted a day later.
"""

import contextlib
import datetime
import mimetypes
import uuid
from pathlib import PurePath

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PENDING_DIR = "uploads-pending"
SALT = "assembly.admin.kept-upload"
MAX_AGE = datetime.timedelta(days=1)


def keep(upload):
    """Stores ``upload`` for the next post; returns its signed token."""
    _delete_stale()
    suffix = PurePath(upload.name or "").suffix.lower()[:5]
    path = default_storage.save(f"{PENDING_DIR}/{uuid.uuid4().hex}{suffix}", upload)
    return signing.dumps({"path": path, "name": upload.name}, salt=SALT)


def kept(token):
    """The upload named by ``token``, as if posted again; None when it is not valid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        path, name = payload["path"], payload["name"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not str(path).startswith(f"{PENDING_DIR}/") or not default_storage.exists(path):
        return None
    upload = UploadedFile(
        file=default_storage.open(path, "rb"),
        name=name,
        content_type=mimetypes.guess_type(name)[0],
        size=default_storage.size(path),
    )
    upload.kept_token, upload.kept_path = token, path
    return upload


def forget_after_commit(upload):
    path = getattr(upload, "kept_path", None)
    if path:
        transaction.on_commit(lambda: default_storage.delete(path))


def _delete_stale():
    with contextlib.suppress(OSError, NotImplementedError):
        _dirs, names = default_storage.listdir(PENDING_DIR)
        for name in names:
            path = f"{PENDING_DIR}/{name}"
            if timezone.now() - default_storage.get_modified_time(path) > MAX_AGE:
                default_storage.delete(path)


class KeptUploadWidget(AdminFileWidget):
    """The admin's file input, which keeps a chosen file through a failed validation."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.refused = False  # set by the form when the file itself was refused
        self._kept = {}
        self.upload = None

    def token_name(self, name):
        return f"{name}_kept"

    def value_from_datadict(self, data, files, name):
        token = data.get(self.token_name(name))
        if not files.get(name) and token:
            if token not in self._kept:
                self._kept[token] = kept(token)
            if self._kept[token] is not None:
                files = files.copy()
                files[name] = self._kept[token]
        # Rendered again, a file input shows no value: the upload is remembered here.
        self.upload = files.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        omitted = super().value_omitted_from_data(data, files, name)
        return omitted and self.token_name(name) not in data

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        value = self.upload
        if not isinstance(value, UploadedFile) or self.refused:
            return html
        if not getattr(value, "kept_token", None):
            value.kept_token = keep(value)
        return format_html(
            '{}<p class="kept-upload"><input type="hidden" name="{}" value="{}">{}</p>',
            html,
            self.token_name(name),
            value.kept_token,
            mark_safe(  # noqa: S308 (the catalog's text escaped, the file name escaped)
                escape(
                    _(
                        "Chosen: %(name)s. It is kept and will be saved with the item; "
                        "choose another file only to replace it."
                    )
                )
                % {"name": format_html("<strong>{}</strong>", value.name)}
            ),
        )
