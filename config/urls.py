from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from assembly.admin.dashboard import translation_dashboard_view
from assembly.admin.second_factor import passkey_urls
from assembly.media import media_urlpatterns

handler400 = "assembly.operations.errors.bad_request"
handler404 = "assembly.operations.errors.page_not_found"
handler500 = "assembly.operations.errors.server_error"

urlpatterns = [
    path("admin/translations/", translation_dashboard_view, name="translation_dashboard"),
    path("admin/passkeys/", include(passkey_urls)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("assembly.urls_machine")),
]
urlpatterns += i18n_patterns(
    path("", include("assembly.urls")),
    prefix_default_language=True,
)

urlpatterns += media_urlpatterns()
