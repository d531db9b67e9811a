#!/usr/bin/env python3
"""What the pages of N demo items take in Redis: build, serve, read every sitemap URL once.

A new SQLite database with the seed content and N demo news items (as `make bench` builds
it), `make serve` with REDIS_URL on a Redis database of its own (emptied before and after),
one GET of every URL in the sitemap (every section, every language), then Redis's own count.

Environment: N (default 10000), MEMORY_URLS (read only the sitemap's first URLs, the news
pages; default all), MEMORY_REDIS_URL (default redis://127.0.0.1:6379/5; the database number
must be one nothing else uses: it is flushed). Prints the keys, their memory by kind (pages,
fragments, tags) and Redis's used_memory before and after, as JSON.
"""

import json
import os
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import bench
import long_tail

THREADS = 8


def read_all(base, paths):
    def get(path):
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
                return response.headers.get("X-Page-Cache", "")
        except OSError:
            return "error"

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(get, paths))


def redis_state(client):
    info = client.info("memory")
    kinds = {}
    for key in client.scan_iter(count=1000):
        name = key.decode(errors="replace")
        kind = next((k for k in ("fragment", "tag", "page") if f":{k}" in name), "other")
        count, size = kinds.get(kind, (0, 0))
        kinds[kind] = (count + 1, size + (client.memory_usage(key) or 0))
    return {"used_memory": info["used_memory"], "keys": kinds}


def main():
    import redis

    news = int(os.environ.get("N") or 10000)
    url = os.environ.get("MEMORY_REDIS_URL", "redis://127.0.0.1:6379/5")
    client = redis.Redis.from_url(url)
    client.flushdb()
    workdir = Path(tempfile.mkdtemp(prefix="assembly-redis-memory-"))
    env = {
        **bench.base_env(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'memory.sqlite3'}",
        "REDIS_URL": url,
        "STATIC_ROOT": str(workdir / "static"),
    }
    bench.build_database(env, news, env["DATABASE_URL"])
    before = redis_state(client)
    with bench.Server(env, workdir, "memory") as server:
        started = time.monotonic()
        paths = long_tail.sitemap_paths(server.base, section="", timeout=300)
        if os.environ.get("MEMORY_URLS"):
            paths = paths[: int(os.environ["MEMORY_URLS"])]
        bench.log(f"{len(paths)} sitemap URLs; reading each once")
        answers = read_all(server.base, paths)
        seconds = time.monotonic() - started
        after = redis_state(client)
    client.flushdb()
    result = {
        "news": news,
        "urls": len(paths),
        "answers": {kind: answers.count(kind) for kind in set(answers)},
        "seconds": round(seconds),
        "before": before,
        "after": after,
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    sys.exit(main())
