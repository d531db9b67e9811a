from contextlib import contextmanager

import reversion
from reversion.models import Version

from assembly import history_notes

RESTORE_VIEWS = ("_revision", "_recover")


class HistoryNotesMixin:
    """Revision comments stored language-neutral (assembly/history_notes.py).

    Comes before reversion's VersionAdmin, whose log methods set the comment to the change
    message rendered in the saving editor's language; this one stores the JSON instead. A
    restore's note ("Reverted to previous version, saved on …") is made neutral the same way.
    """

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            restored = _restored_version(request)
            if restored is not None and not history_notes.is_neutral(reversion.get_comment()):
                reversion.set_comment(
                    history_notes.workflow_note("reverted", time=restored.revision.date_created)
                )

    def construct_change_message(self, request, form, formsets, add=False):
        return history_notes.change_note(form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry


def _restored_version(request):
    match = request.resolver_match
    if request.method != "POST" or match is None or not match.url_name.endswith(RESTORE_VIEWS):
        return None
    # reversion's URLs pass the version id positionally, last.
    version_id = match.kwargs.get("version_id") or (match.args[-1] if match.args else None)
    return Version.objects.select_related("revision").filter(pk=version_id).first()
