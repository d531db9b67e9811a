import multiprocessing
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Measured with `make bench` on 2 cores (docs/performance.md): a worker per core plus one,
# with a few threads each, keeps both cores busy while a request waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
keepalive = 5
# The app logs every request itself (assembly.access, with its request id); gunicorn's own
# access log would write each line twice. GUNICORN_ACCESS_LOG=- turns it back on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
max_requests = 5000
max_requests_jitter = 500
