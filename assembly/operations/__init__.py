"""Running the site rather than showing it: backups and restore (``backups``), the error
responses and what they log (``errors``), the health check (``health``), and the log lines'
format and request ids (``log_format``). Nothing in the content models or the public site's
pages depends on them except through the middleware and the URL configuration (the error
handlers, ``/healthz``).
"""
