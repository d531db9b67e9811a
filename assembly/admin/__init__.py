from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import accounts, content, news, second_factor, signin_log

admin.site.site_header = _("Assembly of People of Kazakhstan")
admin.site.site_title = _("Assembly site administration")
admin.site.index_title = _("Site content")

__all__ = ["accounts", "content", "news", "second_factor", "signin_log"]
