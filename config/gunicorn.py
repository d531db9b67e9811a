import gc
import multiprocessing
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# gunicorn lets a peer it trusts (loopback by default) set SCRIPT_NAME and PATH_INFO with
# request headers; a client on that peer, or one nginx passes them through for, could then
# move every link of a page under a prefix of its choice. The site is served at the root.
forwarder_headers = ""
# Measured with `make bench` on 2 cores (docs/performance.md): one worker per core, threads
# for requests that wait on the database or Redis. More workers only add page caches to warm
# when the cache is local memory.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_class = "gthread"
timeout = 30
keepalive = 5
# The app logs every request itself (assembly.access, with its request id); gunicorn's own
# access log would write each line twice. GUNICORN_ACCESS_LOG=- turns it back on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# Recycling would bound slow leaks, but a new worker starts with empty local caches (pages,
# fragments): at 100,000 requests the workers were recycled in the middle of `make bench`,
# and a cold search page then held requests for seconds. The soak run showed no growth
# (docs/performance.md), so it is off unless GUNICORN_MAX_REQUESTS is set.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
GC_THRESHOLD = int(os.environ.get("GC_THRESHOLD", "20000"))


def post_fork(server, worker):
    # Objects made while loading the app live as long as the worker: keeping them out of
    # the collector's scans, and collecting less often, saves time on every request.
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)
