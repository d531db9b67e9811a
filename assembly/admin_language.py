"""The admin's language: Kazakh unless the editor chose another, whatever the browser asks."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from assembly import languages
from assembly.models import AdminPreference


def admin_language(request):
    """The signed-in editor's stored choice, else the one made on the sign-in page, else the
    source language. The admin is offered in the content languages; a reader's script
    variant (kk-latn) opens it in its content language."""
    choices = languages.content_languages()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        stored = (
            AdminPreference.objects.filter(user=user).values_list("language", flat=True).first()
        )
        if stored in choices:
            return stored
    chosen = languages.content_language_of(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen in choices:
        return chosen
    return languages.source_language()


@require_POST
def set_admin_language(request):
    # Django's view checks the language and the next address and sets the cookie.
    response = set_language(request)
    language = request.POST.get("language")
    if language in languages.content_languages() and request.user.is_authenticated:
        AdminPreference.objects.update_or_create(user=request.user, defaults={"language": language})
    return response
