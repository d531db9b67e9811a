import reversion

from assembly import history_notes


class HistoryNotesMixin:
    """Revision comments stored language-neutral (assembly/history_notes.py).

    Comes before reversion's VersionAdmin, whose log methods set the comment to the change
    message rendered in the saving editor's language; this one stores the JSON instead.
    """

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
