"""django-axes hooks: who is signing in, and what a locked-out editor is told."""

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation


def client_ip(request):
    """The address axes counts failures for.

    Behind the HTTPS proxy (HTTPS=1 trusts it, see SECURE_PROXY_SSL_HEADER) every request
    comes from the proxy, so the address the proxy appended to X-Forwarded-For is used: the
    last entry, the only one a client cannot forge.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = forwarded.split(",")[-1].strip() if forwarded else ""
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def locked_out(request, original_response=None, credentials=None):
    """The lockout page, in the language the editor reads the admin in."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    lang = translation.get_language_from_request(request, check_path=False)
    with translation.override(lang):
        body = loader.render_to_string(
            "axes/lockout.html",
            {"minutes": minutes, "request_id": getattr(request, "request_id", "")},
        )
    return HttpResponse(body, status=429)
