"""The translate screen: the Kazakh source beside one target language, field by field.

Outdated fields show what changed in the Kazakh text since the translation was made
(assembly/translation_sources.py); each field shows its previous text from the revisions.
Saving goes through the change form's own form class, so edit conflicts and rich-text checks
work as on the normal form, and each save or confirmation is a revision.
"""

import json
import secrets

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion.models import Version

from assembly import history_notes, translation_files, translation_sources, translation_status
from assembly.languages import (
    is_tracked,
    language_name,
    source_language,
    tracked_fields,
    translation_languages,
)
from assembly.models.fields import SanitizedHTMLField

from .paths import model_admin_path, model_admin_url
from .roles import translator_languages

HISTORY_LENGTH = 50
UPLOAD_SECONDS = 3600


def _mentions_language(comment, lang):
    try:
        note = json.loads(comment)
    except (TypeError, ValueError):
        return False
    if not isinstance(note, list):
        return False
    for entry in note:
        if not isinstance(entry, dict):
            continue
        if entry.get("language") == lang:
            return True
        details = entry.get("changed")
        if isinstance(details, dict) and "object" not in details:
            if any(name.endswith(f"_{lang}") for name in details.get("fields", [])):
                return True
    return False


class TranslateMixin:
    def get_urls(self):
        return [
            model_admin_path(
                self, "<path:object_id>/translate/<str:lang>/", self.translate_view, "translate"
            ),
            *super().get_urls(),
        ]

    def translate_url(self, obj, lang):
        return model_admin_url(self, "translate", quote(obj.pk), lang)

    def translate_links(self, request, obj):
        if not is_tracked(self.model) or not self.has_change_permission(request, obj):
            return []
        return [
            {"lang": lang, "name": language_name(lang), "url": self.translate_url(obj, lang)}
            for lang in translator_languages(request.user)
        ]

    def translate_view(self, request, object_id, lang):
        if not is_tracked(self.model):
            raise Http404
        if lang not in translation_languages():
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if lang not in translator_languages(request.user):
            raise PermissionDenied
        targets = [f"{field}_{lang}" for field in tracked_fields(self.model)]
        form_class = self.get_form(request, obj, change=True, fields=targets)
        if request.method == "POST" and "_still_correct" in request.POST:
            return self._confirm(request, obj, lang)
        if request.method == "POST":
            form = form_class(request.POST, instance=obj)
            if form.is_valid():
                return self._save(request, form, lang)
        else:
            form = form_class(instance=obj)
        return self._render(request, obj, lang, form)

    # --- Actions --------------------------------------------------------------

    def _save(self, request, form, lang):
        obj = form.save(commit=False)
        translation_status.record_translation_sources(
            obj, changed_fields=set(form.changed_data), previous_source={}
        )
        with transaction.atomic(), self.create_revision(request):
            obj.save()
            translation_sources.keep_sources(obj, by=request.user)
            self.log_change(request, obj, history_notes.change_note(form, [], False))
        self.message_user(request, _("The translation was saved."), messages.SUCCESS)
        return HttpResponseRedirect(self.translate_url(obj, lang))

    def _confirm(self, request, obj, lang):
        translation_status.mark_translations_current(obj, [lang])
        with transaction.atomic(), self.create_revision(request):
            obj.save(update_fields=["translation_sources"])
            translation_sources.keep_sources(obj, by=request.user)
            self.log_change(request, obj, [])
            reversion.set_comment(history_notes.translation_note("confirmed", language=lang))
        self.message_user(
            request,
            _("The translation is marked as still correct."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.translate_url(obj, lang))

    # --- Screen ---------------------------------------------------------------

    def _versions(self, obj):
        return list(
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")[:HISTORY_LENGTH]
        )

    def _previous_text(self, versions, name, current):
        for version in versions:
            value = version.field_dict.get(name)
            if (value or "") != (current or ""):
                return value or ""
        return None

    def _render(self, request, obj, lang, form):
        versions = self._versions(obj)
        rows = []
        for state in translation_sources.field_states(obj, lang):
            field = state["field"]
            name = f"{field}_{lang}"
            model_field = self.model._meta.get_field(name)
            source_name = f"{field}_{source_language()}"
            rows.append(
                {
                    **state,
                    "label": model_field.verbose_name,
                    "rich": isinstance(model_field, SanitizedHTMLField),
                    "source": getattr(obj, source_name) or "",
                    "bound": form[name] if name in form.fields else None,
                    "target": getattr(obj, name) or "",
                    "previous": self._previous_text(versions, name, getattr(obj, name)),
                    "state_label": translation_status.STATE_LABELS[state["state"]],
                }
            )
        history = [
            {
                "when": version.revision.date_created,
                "user": version.revision.user,
                "note": history_notes.render(self.model, version.revision.comment),
            }
            for version in versions
            if _mentions_language(version.revision.comment, lang)
        ]
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translation of “%(item)s”: %(language)s")
            % {"item": obj, "language": language_name(lang)},
            "opts": opts,
            "original": obj,
            "object": obj,
            "lang": lang,
            "source_lang": source_language(),
            "language_name": language_name(lang),
            "source_language_name": language_name(source_language()),
            "form": form,
            "media": self.media + form.media,
            "rows": rows,
            "history": history,
            "other_languages": [
                link for link in self.translate_links(request, obj) if link["lang"] != lang
            ],
            "change_url": model_admin_url(self, "change", quote(obj.pk)),
        }
        return TemplateResponse(request, "admin/assembly/translate.html", context)


# --- Files for agencies ------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (XLIFF or PO)"))
    language = forms.ChoiceField(label=gettext_lazy("Language"))

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(lang, language_name(lang)) for lang in languages]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > translation_files.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def _upload_key(token):
    return f"translation-import:{token}"


class TranslationFilesMixin:
    def get_urls(self):
        return [
            model_admin_path(
                self, "import-translations/", self.import_translations_view, "import_translations"
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_tracked(self.model) or not self.has_change_permission(request):
            return actions
        for lang in translator_languages(request.user):
            for file_format in translation_files.FORMATS:
                name = f"export_translations_{lang}" + ("" if file_format == "xliff" else "_po")
                description = _("Export for translation: %(language)s (%(format)s)") % {
                    "language": language_name(lang),
                    "format": file_format.upper(),
                }
                actions[name] = (_export_action(lang, file_format), name, description)
        return actions

    def import_translations_view(self, request):
        if not is_tracked(self.model) or not self.has_change_permission(request):
            raise PermissionDenied
        languages = translator_languages(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a translated file"),
            "opts": self.model._meta,
        }
        if request.method == "POST" and "token" in request.POST:
            return self._apply_upload(request, languages, context)
        form = ImportForm(request.POST or None, request.FILES or None, languages=languages)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            lang = form.cleaned_data["language"]
            data = upload.read()
            try:
                plan = self._plan(request, data, lang)
            except translation_files.TranslationFileError as error:
                form.add_error("file", str(error))
            else:
                token = secrets.token_urlsafe(16)
                cache.set(
                    _upload_key(token),
                    {"data": data, "name": upload.name, "lang": lang, "user": request.user.pk},
                    UPLOAD_SECONDS,
                )
                context.update({"plan": plan, "token": token, "file_name": upload.name})
                return TemplateResponse(request, "admin/assembly/import_translations.html", context)
        context["form"] = form
        status = 400 if form.is_bound and form.errors else 200
        return TemplateResponse(
            request, "admin/assembly/import_translations.html", context, status=status
        )

    def _plan(self, request, data, lang):
        units = translation_files.read(data, lang)
        for model in {unit.model for unit in units}:
            opts = model._meta
            if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
                raise PermissionDenied
        return translation_files.plan(units, lang)

    def _apply_upload(self, request, languages, context):
        stored = cache.get(_upload_key(request.POST["token"]))
        if not stored or stored["user"] != request.user.pk:
            context["form"] = ImportForm(languages=languages)
            context["expired"] = True
            return TemplateResponse(
                request, "admin/assembly/import_translations.html", context, status=400
            )
        if stored["lang"] not in languages:
            raise PermissionDenied
        try:
            plan = self._plan(request, stored["data"], stored["lang"])
        except translation_files.TranslationFileError as error:
            context["form"] = ImportForm(languages=languages)
            context["file_error"] = str(error)
            return TemplateResponse(
                request, "admin/assembly/import_translations.html", context, status=400
            )
        count = translation_files.apply(
            plan,
            file_name=stored["name"],
            user=request.user,
            overwrite_edited="overwrite_edited" in request.POST,
        )
        cache.delete(_upload_key(request.POST["token"]))
        self.message_user(
            request,
            ngettext(
                "%(count)d translated field was saved.",
                "%(count)d translated fields were saved.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(model_admin_url(self, "changelist"))


FILE_TYPES = {
    "xliff": ("xlf", "application/x-xliff+xml"),
    "po": ("po", "text/x-gettext-translation"),
}


def _export_action(lang, file_format):
    def export_translations(modeladmin, request, queryset):
        if lang not in translator_languages(request.user):
            raise PermissionDenied
        data = translation_files.export(queryset.order_by("pk"), lang, file_format)
        extension, content_type = FILE_TYPES[file_format]
        name = f"{queryset.model._meta.model_name}-{lang}.{extension}"
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return export_translations
