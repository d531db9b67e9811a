"""The health check, ``/healthz`` (docs/deploy.md): 200 while the database answers, 503 while
it does not. The page cache and the HTTPS redirect leave it alone (``config/settings.py``)."""

from django.db import connection
from django.http import JsonResponse


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
