from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationTabularInline

from assembly import languages, workflow
from assembly.models import KeyFigure, NewsItem
from assembly.search import indexed_fields
from assembly.views import NewsDetailView

from .base import EditorialAdmin
from .forms import NewsItemAdminForm, PlainNumberInput
from .paths import model_admin_path, model_admin_url
from .roles import is_translator, translation_field_names
from .thumbnails import thumbnail


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0
    fields = (
        "position",
        "qualifier",
        "value",
        "unit",
        "label",
        "year",
        "institution",
        "initiative",
    )
    autocomplete_fields = ("institution", "initiative")
    formfield_overrides = {models.DecimalField: {"widget": PlainNumberInput}}

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if is_translator(request.user):
            return ["shown_value" if name == "value" else name for name in fields]
        return fields

    @admin.display(description=_("value"))
    def shown_value(self, figure):
        # As a person writes it, in the admin language's format: 4, 95, 2,5.
        return formats.number_format(figure.value.normalize()) if figure.value is not None else ""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_translator(request.user):
            editable = translation_field_names(self.trans_opts.fields, request.user)
            fields = self.replace_orig_field(self.get_fields(request, obj))
            readonly += [name for name in fields if name not in editable]
        return readonly


def _shown_status(field):
    return "effective_status" if field == "status" else field


class EffectiveStatusFilter(admin.SimpleListFilter):
    """Status as readers see it: an item that went live on schedule counts as published."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return NewsItem.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(effective_status=self.value())
        return queryset


class PreviewDetailView(NewsDetailView):
    """The article page of an item as it stands in the editor's form: never cached, and
    without the links a new item cannot have yet."""

    def article_html(self, context):
        article = self.article_context(context)
        return render_to_string("includes/article.html", article, self.request)

    def article_context(self, context):
        if self.object.pk is None:
            no_links = {"topics": [], "initiatives": [], "institutions": []}
            return {**context, "mentions": no_links, "related_news": [], "share_links": []}
        return super().article_context(context)


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("publication time"),
        widget=AdminSplitDateTime,
        help_text=_("The items go live by themselves at this time."),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


@admin.register(NewsItem)
class NewsItemAdmin(EditorialAdmin):
    form = NewsItemAdminForm
    list_display = ("title", "thumbnail", "effective_status", "published_at", "featured")
    list_filter = (EffectiveStatusFilter, "featured", "topics", "region")
    search_fields = indexed_fields(NewsItem)
    date_hierarchy = "published_at"
    autocomplete_fields = ("topics", "region", "regions", "initiatives", "institutions")
    list_select_related = ("region",)
    inlines = [KeyFigureInline]
    actions = [
        "publish_now",
        "schedule",
        "unpublish",
        "back_to_draft",
        "mark_translations_current",
    ]
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("Image"), {"fields": ("hero_image", "hero_alt", "hero_caption", "hero_credit")}),
        (_("Publication"), {"fields": ("status", "published_at", "featured")}),
        (_("Source"), {"fields": ("source_name", "source_url", "source_date", "dateline")}),
        (
            _("Links"),
            {"fields": ("topics", "region", "regions", "initiatives", "institutions")},
        ),
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return thumbnail(obj.hero_image, obj.hero_alt)

    @admin.display(description=_("status"), ordering="effective_status")
    def effective_status(self, obj):
        return NewsItem.Status(getattr(obj, "effective_status", obj.status)).label

    def get_queryset(self, request):
        return super().get_queryset(request).with_effective_status()

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not workflow.can_publish(request.user):
            readonly = [*readonly, "effective_status", "published_at"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.can_publish(request.user):
            return fieldsets
        # Shown, not chosen: the status readers see.
        return [
            (name, {**options, "fields": [_shown_status(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    # --- Workflow actions ----------------------------------------------------

    def _run(self, request, queryset, step, done, **arguments):
        """Runs a workflow step on the chosen items and reports what was done and refused."""
        result = step(items=list(queryset), by=request.user, **arguments)
        if result.done:
            self.message_user(request, done % {"count": len(result.done)}, messages.SUCCESS)
        for item, problems in result.refused.items():
            self.message_user(
                request,
                _("“%(item)s” was not changed: %(problems)s")
                % {"item": item, "problems": " ".join(str(p) for p in problems)},
                messages.ERROR,
            )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        done = ngettext_lazy("%(count)d item published.", "%(count)d items published.", "count")
        self._run(request, queryset, workflow.publish_now, done)

    @admin.action(description=_("Schedule publication…"), permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = ngettext_lazy("%(count)d item scheduled.", "%(count)d items scheduled.", "count")
            self._run(
                request, queryset, workflow.schedule, done, at=form.cleaned_data["publish_at"]
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule publication"),
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/assembly/newsitem/schedule.html", context)

    @admin.action(description=_("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset):
        done = ngettext_lazy("%(count)d item unpublished.", "%(count)d items unpublished.", "count")
        self._run(request, queryset, workflow.unpublish, done)

    @admin.action(description=_("Move back to draft"), permissions=["publish"])
    def back_to_draft(self, request, queryset):
        done = ngettext_lazy(
            "%(count)d item moved back to draft.", "%(count)d items moved back to draft.", "count"
        )
        self._run(request, queryset, workflow.back_to_draft, done)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def recovered_message(self, request, obj):
        message = super().recovered_message(request, obj)
        if obj.is_public or not workflow.can_publish(request.user):
            return message
        # The list's own action, one click away: the same checks as publishing from the list.
        return format_html(
            '{} {} <form method="post" action="{}" class="message-action">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="action" value="publish_now">'
            '<input type="hidden" name="index" value="0">'
            '<input type="hidden" name="{}" value="{}">'
            '<button type="submit" class="button">{}</button></form>',
            message,
            _("It is not public."),
            model_admin_url(self, "changelist"),
            get_token(request),
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            _("Publish now"),
        )

    # --- Preview and links ---------------------------------------------------

    def get_urls(self):
        return [
            model_admin_path(self, "preview/<str:lang>/", self.preview_view, "preview_new"),
            model_admin_path(
                self, "<path:object_id>/preview/<str:lang>/", self.preview_view, "preview"
            ),
            *super().get_urls(),
        ]

    def preview_url(self, object_id, lang):
        return model_admin_url(self, "preview", object_id, lang)

    def site_link(self, obj, lang):
        if obj.is_public and languages.is_written_in(obj, lang):
            return {"url": obj.get_absolute_url(), "preview": False}
        return {"url": self.preview_url(obj.pk, lang), "preview": True}

    def preview_form_urls(self, obj):
        """Where the open form is posted to be previewed, per language."""
        return [
            {
                "lang": lang,
                "url": self.preview_url(obj.pk, lang)
                if obj
                else model_admin_url(self, "preview_new", lang),
            }
            for lang in languages.content_languages()
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["preview_urls"] = self.preview_form_urls(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request, object_id=None, lang=None):
        if lang not in languages.content_languages():
            raise Http404
        if object_id is None:
            obj = self.model()
            if request.method != "POST" or not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_view_or_change_permission(request, obj):
                raise PermissionDenied
        unsaved = request.method == "POST"
        if unsaved:
            self.apply_unsaved_edits(request, obj)
        # Shown as it would look if it went live now; the object is never saved here.
        now = timezone.now()
        obj.published_at = obj.published_at or now
        obj.created_at, obj.updated_at = obj.created_at or now, obj.updated_at or now
        for code in languages.content_languages():  # a new item has its address once saved
            if not getattr(obj, f"slug_{code}"):
                setattr(obj, f"slug_{code}", "preview")
        notice = (
            _("Preview of your unsaved changes. Not public; nothing has been saved.")
            if unsaved
            else _("Preview. Not public.")
        )
        notice, notice_lang = str(notice), translation.get_language()
        with translation.override(lang):
            request.LANGUAGE_CODE = lang
            view = PreviewDetailView()
            view.setup(request, slug=obj.slug)
            view.object = obj
            context = view.get_context_data(object=obj)
            context.update(is_preview=True, preview_notice=notice, preview_notice_lang=notice_lang)
            response = render(request, view.template_name, context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        response["Content-Language"] = lang
        return response

    def apply_unsaved_edits(self, request, obj):
        """The posted form's valid fields on ``obj``, in memory: nothing is written."""
        files = {
            f.name: getattr(obj, f.name).name
            for f in obj._meta.fields
            if isinstance(f, models.FileField)
        }
        change = obj.pk is not None
        form_class = self.get_form(request, obj if change else None, change=change)
        form = form_class(request.POST, request.FILES, instance=obj)
        form.is_valid()  # applies what is valid to obj; links and key figures stay as saved
        # A new upload is not stored until the item is saved; the saved image is shown.
        for name, stored in files.items():
            setattr(obj, name, stored)
        return form
