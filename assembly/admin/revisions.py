"""Restoring a version from the history: only that object, and only changes the user may make.

django-reversion's revision view writes every version of a revision before it shows the change
form, and a form's read-only fields limit the form, not what was written before it. It also
took the version by number and object id alone, whatever model the address named, and a
revision can hold several items (a bulk action saves them together).

Here a version is accepted only for the model and object in the address; only that object and
the rows that belong to it (the inlines reversion follows) are written; and before anything is
written the user must be allowed every change the restore makes:

- translators restore nothing. Their limits are per language field and per inline cell, which
  a whole-object restore cannot keep; the compare view shows them the older text to copy into
  their own fields, through the normal form;
- a field the user's own change form does not offer (read-only, or left out, as the status is
  for those who may not publish) must keep its current value, or when recovering the value a
  new object gets;
- restoring needs the change permission, recovering the add permission, and the rows that
  belong to the object need add, change and delete on their model.
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_permission_codename
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options, set_comment
from reversion.utils import mute_signals

from .roles import is_translator


class RestoreRefused(Exception):
    pass


class _RollBack(Exception):
    def __init__(self, response):
        self.response = response


class GuardedRevisionsMixin:
    """Replaces VersionAdmin's revision and recover views; mixed in before VersionAdmin, on a
    modeltranslation admin (``trans_opts``)."""

    restore_refused_template = "admin/assembly/restore_refused.html"

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._version_or_404(version_id, object_id=unquote(object_id))
        context = {"title": _("Revert %(name)s") % {"name": version.object_repr}, "revert": True}
        template = self.revision_form_template or self._reversion_get_template_list(
            "revision_form.html"
        )
        return self._restore(request, version, template, {**context, **(extra_context or {})})

    def recover_view(self, request, version_id, extra_context=None):
        version = self._version_or_404(version_id)
        if self._current_object(version) is not None:
            raise Http404
        context = {"title": _("Recover %(name)s") % {"name": version.object_repr}, "recover": True}
        template = self.recover_form_template or self._reversion_get_template_list(
            "recover_form.html"
        )
        return self._restore(request, version, template, {**context, **(extra_context or {})})

    # --- Which version, which rows -------------------------------------------

    def _version_or_404(self, version_id, **lookups):
        version = (
            Version.objects.get_for_model(self.model)
            .filter(pk=version_id, **lookups)
            .select_related("revision")
            .first()
        )
        if version is None:
            raise Http404
        return version

    def _current_object(self, version):
        return self.model._default_manager.using(version.db).filter(pk=version.object_id).first()

    def _owned_relations(self):
        """The one-to-many relations reversion follows from this model: its inline rows."""
        for name in _get_options(self.model).follow:
            relation = self.model._meta.get_field(name)
            if relation.one_to_many:
                yield relation

    def _owned_rows(self, version, relation):
        """The versions of ``relation``'s rows saved in the same revision as ``version``."""
        rows = Version.objects.get_for_model(relation.related_model, model_db=version.db)
        fk = relation.field.attname
        return [
            row
            for row in rows.filter(revision_id=version.revision_id)
            if str(row.field_dict.get(fk)) == str(version.object_id)
        ]

    def _write(self, version):
        version.revert()
        for relation in self._owned_relations():
            rows = self._owned_rows(version, relation)
            kept = [row.object_id for row in rows]
            relation.related_model._default_manager.using(version.db).filter(
                **{relation.field.name: version.object_id}
            ).exclude(pk__in=kept).delete()
            for row in rows:
                row.revert()

    # --- May this user make every change the restore makes? -------------------

    def may_restore(self, request):
        """False for a role that restores nothing; other limits depend on the version."""
        return not is_translator(request.user)

    def _check_restore(self, request, version, obj):
        if not self.may_restore(request):
            raise RestoreRefused(
                _(
                    "Translators cannot restore earlier versions. Compare the versions and "
                    "copy the text you need into the fields of your languages."
                )
            )
        if obj is None and not self.has_add_permission(request):
            raise RestoreRefused(
                _("You may not add new items, so you cannot bring back a deleted one.")
            )
        if obj is not None and not self.has_change_permission(request, obj):
            raise RestoreRefused(
                _("You may not change this item, so you cannot restore its earlier versions.")
            )
        blocked = self._blocked_fields(request, version, obj) + self._blocked_rows(request, version)
        if blocked:
            raise RestoreRefused(
                _("Restoring this version would change what you may not change: %(what)s.")
                % {"what": ", ".join(blocked)}
            )

    def _blocked_fields(self, request, version, obj):
        """What the restore would change that the user's own change form does not offer."""
        offered = set(self.get_form(request, obj, change=obj is not None).base_fields)
        # modeltranslation's untranslated field mirrors one of its language columns.
        aliases = set(
            getattr(self, "trans_opts", None).fields if hasattr(self, "trans_opts") else ()
        )
        old = version.field_dict
        now = self._field_dict(version, obj) if obj is not None else None
        blocked = []
        opts = self.model._meta
        for field in [*opts.concrete_fields, *opts.many_to_many]:
            if (
                not field.editable
                or field.primary_key
                or field.name in offered
                or field.name in aliases
                or field.attname not in old
            ):
                continue
            if now is not None:
                current = now.get(field.attname)
            else:  # recovering: what a new object gets
                current = [] if field.many_to_many else field.get_default()
            if _comparable(old[field.attname]) != _comparable(current):
                blocked.append(str(field.verbose_name))
        return blocked

    def _field_dict(self, version, obj):
        # The current object serialized as reversion stores it, so that both sides compare alike.
        options = _get_options(self.model)
        data = serializers.serialize(
            version.format,
            (obj,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
        current = Version(
            content_type_id=version.content_type_id,
            object_id=version.object_id,
            db=version.db,
            format=version.format,
            serialized_data=data,
        )
        return current.field_dict

    def _blocked_rows(self, request, version):
        blocked = []
        for relation in self._owned_relations():
            child = relation.related_model
            rows = relation.related_model._default_manager.using(version.db).filter(
                **{relation.field.name: version.object_id}
            )
            if not (rows.exists() or self._owned_rows(version, relation)):
                continue
            needed = [
                f"{child._meta.app_label}.{get_permission_codename(action, child._meta)}"
                for action in ("add", "change", "delete")
            ]
            if not request.user.has_perms(needed):
                blocked.append(str(child._meta.verbose_name_plural))
        return blocked

    # --- The view ---------------------------------------------------------------

    def _restore(self, request, version, template_name, context):
        obj = self._current_object(version)
        # A GET only shows the form of the old version and is rolled back: no signals.
        signals = (
            mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
            if request.method == "GET"
            else nullcontext()
        )
        try:
            self._check_restore(request, version, obj)
            with transaction.atomic(using=version.db), signals:
                self._write(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        set_comment(
                            _("Reverted to previous version, saved on %(datetime)s")
                            % {
                                "datetime": localize(
                                    template_localtime(version.revision.date_created)
                                )
                            }
                        )
                    else:
                        # The form again (to show it, or with errors): nothing is kept.
                        if response.status_code == 200:
                            response.template_name = template_name
                            response.render()
                        raise _RollBack(response)
        except RestoreRefused as refused:
            return self._refused(request, version, obj, str(refused))
        except _RollBack as rolled_back:
            return rolled_back.response
        except (RevertError, IntegrityError, ObjectDoesNotExist, models.ProtectedError):
            messages.error(
                request,
                _(
                    "This version could not be restored: it refers to something that no longer "
                    "exists. Nothing was changed."
                ),
            )
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        return response

    def _refused(self, request, version, obj, reason):
        opts = self.model._meta
        name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        if obj is not None:
            back_url = reverse(f"{name}_history", args=(quote(obj.pk),))
            back_label = _("Back to the history")
        else:
            back_url = reverse(f"{name}_changelist")
            back_label = _("Back to the list")
        context = {
            **self.admin_site.each_context(request),
            "title": _("The version was not restored"),
            "opts": opts,
            "object_repr": version.object_repr,
            "reason": reason,
            "back_url": back_url,
            "back_label": back_label,
        }
        return TemplateResponse(request, self.restore_refused_template, context, status=403)


def _comparable(value):
    if isinstance(value, list | tuple):
        return sorted(str(item) for item in value)
    return value
