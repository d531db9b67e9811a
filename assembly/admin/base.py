from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from assembly import history_notes, languages, translation_sources, translation_status
from assembly.models.fields import SanitizedHTMLField
from assembly.search import SearchAdminMixin

from .deletion import HiddenLinkRowsMixin
from .diff import version_diff
from .filters import MissingTranslationFilter, OutdatedTranslationFilter
from .forms import EditConflictForm, rich_text_widget
from .kept_uploads import KeptUploadWidget
from .notes import HistoryNotesMixin
from .paths import model_admin_path, model_admin_url
from .presence import PresenceMixin
from .revisions import GuardedRevisionsMixin
from .roles import is_translator, translation_field_names, translator_languages
from .translate import TranslateMixin, TranslationFilesMixin


def search_in_all_languages(*fields):
    return tuple(f"{f}_{lang}" for f in fields for lang in languages.content_languages())


class EditorialAdmin(
    TranslateMixin,
    TranslationFilesMixin,
    SearchAdminMixin,
    PresenceMixin,
    GuardedRevisionsMixin,
    HistoryNotesMixin,
    HiddenLinkRowsMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Tabs per language, revisions, edit-conflict checks, translation status and roles."""

    form = EditConflictForm
    # An address typed without a scheme gets https://, as Django 6 will do by default.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"widget": KeptUploadWidget},
    }
    change_form_template = "admin/assembly/change_form.html"
    object_history_template = "admin/assembly/object_history.html"
    actions = ["mark_translations_current"]

    class Media:
        css = {"all": ["assembly/admin/editorial.css"]}
        js = ["assembly/admin/translation-tabs.js", "assembly/admin/prose-editor-i18n.js"]

    # --- Lists ---------------------------------------------------------------

    def get_list_display(self, request):
        return (*super().get_list_display(request), "translation_state")

    def get_list_filter(self, request):
        return (
            *super().get_list_filter(request),
            MissingTranslationFilter,
            OutdatedTranslationFilter,
        )

    @admin.display(description=_("translations"))
    def translation_state(self, obj):
        states = translation_status.translation_states(obj)
        return format_html(
            '<span class="translation-states">{}</span>',
            format_html_join(
                " ",
                '<span class="translation-state translation-state--{}" title="{}">'
                '{} <span class="visually-hidden">{}</span></span>',
                (
                    (state, label, lang, label)
                    for lang, state in states.items()
                    for label in [translation_status.STATE_LABELS[state]]
                ),
            ),
        )

    @admin.action(description=_("Mark Russian and English as up to date with the Kazakh text"))
    def mark_translations_current(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            for obj in queryset:
                translation_status.mark_translations_current(
                    obj, translator_languages(request.user)
                )
                obj.save(update_fields=["translation_sources"])
                translation_sources.keep_sources(obj, by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d translation marked as up to date.",
                "%(count)d translations marked as up to date.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    # --- Forms ---------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, SanitizedHTMLField):
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_translator(request.user):
            editable = translation_field_names(self.trans_opts.fields, request.user)
            readonly += [
                model_field.name
                for model_field in self.model._meta.get_fields()
                if getattr(model_field, "editable", False)
                and not model_field.auto_created
                and model_field.name not in self.trans_opts.fields
                and model_field.name not in editable
            ]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if is_translator(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if languages.is_tracked(type(obj)):
            source = languages.source_language()
            previous = (
                {
                    field: form.initial.get(f"{field}_{source}")
                    for field in languages.tracked_fields(type(obj))
                }
                if change
                else None
            )
            translation_status.record_translation_sources(
                obj, changed_fields=set(form.changed_data), previous_source=previous
            )
        super().save_model(request, obj, form, change)
        translation_sources.keep_sources(obj, by=request.user)
        if getattr(form, "kept_their_changes", None):
            self.message_user(
                request,
                _("Someone else saved changes meanwhile; they are kept: %(fields)s.")
                % {"fields": ", ".join(form.kept_their_changes)},
                messages.INFO,
            )

    # --- Change form extras ---------------------------------------------------

    def site_links(self, obj):
        """The object's public address in each language, or its preview when not public."""
        links = []
        for lang in languages.content_languages():
            with translation.override(lang):
                try:
                    link = self.site_link(obj, lang)
                except NoReverseMatch:
                    link = None
            if link:
                links.append({"lang": lang, **link})
        return links

    def site_link(self, obj, lang):
        if hasattr(obj, "get_absolute_url") and getattr(obj, "slug", True):
            return {"url": obj.get_absolute_url(), "preview": False}
        return None

    def view_on_site(self, obj):
        lang = translation.get_language()
        for link in self.site_links(obj):
            if link["lang"] == lang:
                return link["url"]
        links = self.site_links(obj)
        return links[0]["url"] if links else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context["site_links"] = self.site_links(obj)
                extra_context["translate_links"] = self.translate_links(request, obj)
        extra_context["is_translator"] = is_translator(request.user)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        match = request.resolver_match
        if request.method == "POST" and match and match.url_name.endswith("_recover"):
            self.message_user(request, self.recovered_message(request, obj), messages.SUCCESS)
            return HttpResponseRedirect(model_admin_url(self, "change", quote(obj.pk)))
        return super().response_change(request, obj)

    def recovered_message(self, request, obj):
        return _("“%(item)s” was recovered.") % {"item": obj}

    # --- History and compare -------------------------------------------------

    def get_urls(self):
        return [
            model_admin_path(
                self, "<path:object_id>/history/compare/", self.compare_view, "compare"
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        versions = (
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision", "revision__user")
            .order_by("-revision__date_created", "-pk")
        )
        extra_context = {
            **(extra_context or {}),
            "versions": [
                {
                    "version": version,
                    "note": history_notes.render(self.model, version.revision.comment),
                    "revert_url": model_admin_url(self, "revision", version.object_id, version.pk),
                }
                for version in versions
            ],
            "compare_url": model_admin_url(self, "compare", object_id),
            "can_restore": self.may_restore(request),
        }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            older = versions.get(pk=int(request.GET.get("a", "")))
            newer = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404 from None
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of %(name)s") % {"name": obj},
            "opts": opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "rows": version_diff(self.model, older.field_dict, newer.field_dict),
            "history_url": model_admin_url(self, "history", object_id),
            "revert_url": model_admin_url(self, "revision", object_id, older.pk),
            "can_restore": self.may_restore(request),
        }
        return TemplateResponse(request, "admin/assembly/compare.html", context)
