"""The long-tail rows of `make bench`: random sitemap URLs in every language, with Redis, while
another process saves one item every 5 s; cold, after one warm-up pass, and through Varnish.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 16
SAVE_EVERY_SECONDS = 5
GOAL_COLD, GOAL_WARM, GOAL_P99_MS = 0.25, 0.60, 50
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""
SAVER = """
import random, time
from assembly.models import NewsItem
pks = list(NewsItem.objects.published().values_list("pk", flat=True))
while True:
    time.sleep({every})
    item = NewsItem.objects.get(pk=random.choice(pks))
    item.lead_kk = item.lead_kk.rstrip(" .") + "."
    item.save()
"""


def redis_url():
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as error:
        return None, f"Redis not reachable at {url} ({error.__class__.__name__})"
    return url, None


def sitemap_paths(base, section="sitemap-news", timeout=120):
    """Every address in the sitemap's pages whose address holds ``section`` ("" for all), in
    every language; by default the articles."""
    index = urllib.request.urlopen(base + "/sitemap.xml", timeout=60).read().decode()
    paths = []
    for page in re.findall(r"<loc>([^<]+)</loc>", index):
        if section not in page:
            continue
        body = urllib.request.urlopen(page, timeout=timeout).read().decode()
        paths += [
            re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", body)
        ]
    return paths


def warm_pass(base, paths):
    def get(path):
        try:
            urllib.request.urlopen(base + path, timeout=60).read()
        except OSError:
            pass

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(get, paths))


def start_varnish(workdir, app_port, port):
    if not shutil.which("varnishd"):
        return None
    vcl = (ROOT / "config" / "varnish.vcl").read_text().replace('"8000"', f'"{app_port}"')
    (workdir / "bench.vcl").write_text(vcl)
    process = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-n", str(workdir / "varnish"), "-s", "malloc,512m"]
        + ["-a", f"127.0.0.1:{port}", "-f", str(workdir / "bench.vcl")],
        stdout=(workdir / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    time.sleep(3)
    return process if process.poll() is None else None


def stop(process):
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def measure(env, workdir, duration, server_class, wrk, free_port, log):
    """{"rows": [...], "memory_mb": ...} or {"skipped": reason}."""
    url, reason = redis_url()
    if reason:
        log(f"long tail skipped: {reason}")
        return {"skipped": reason}
    varnish_port = free_port()
    prefix = f"bench-{secrets.token_hex(4)}"
    env = {
        **env,
        "REDIS_URL": url,
        "CACHE_KEY_PREFIX": prefix,
        "FRONTEND_CACHES": f"http://127.0.0.1:{varnish_port}/",
    }
    script = workdir / "random.lua"
    script.write_text(WRK_SCRIPT)
    rows = []
    with server_class(env, workdir, "long-tail") as server:
        paths = sitemap_paths(server.base)
        (workdir / "paths.txt").write_text("\n".join(paths) + "\n")
        os.environ["BENCH_PATHS"] = str(workdir / "paths.txt")
        app_port = int(server.base.rsplit(":", 1)[1])
        saver = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "manage.py",
                "shell",
                "-c",
                SAVER.format(every=SAVE_EVERY_SECONDS),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        varnish = start_varnish(workdir, app_port, varnish_port)
        try:
            floor = wrk(server.base + "/robots.txt", CONNECTIONS, duration)
            log(f"long tail: floor {floor['rps']:.0f} rps; {len(paths)} URLs")
            cold = wrk(server.base + "/", CONNECTIONS, duration, script)
            rows.append({"name": "cold start", **cold})
            log(f"long tail cold: {cold['rps']:.0f} rps, p99 {cold['p99']:.1f} ms; warm-up pass")
            warm_pass(server.base, paths)
            warm = wrk(server.base + "/", CONNECTIONS, duration, script)
            rows.append({"name": "after one warm-up pass", **warm})
            log(f"long tail warm: {warm['rps']:.0f} rps, p99 {warm['p99']:.1f} ms")
            if varnish is not None:
                base = f"http://127.0.0.1:{varnish_port}"
                warm_pass(base, paths)
                front = wrk(base + "/", CONNECTIONS, duration, script)
                rows.append({"name": "Varnish in front, after one warm-up pass", **front})
                log(f"long tail Varnish: {front['rps']:.0f} rps, p99 {front['p99']:.1f} ms")
        finally:
            stop(saver)
            stop(varnish)
        memory = redis_memory_mb(url, prefix)
    return {"floor": floor, "rows": rows, "urls": len(paths), "memory_mb": memory}


def redis_memory_mb(url, prefix):
    import redis

    client = redis.Redis.from_url(url)
    total = sum(
        client.memory_usage(key) or 0 for key in client.scan_iter(f"{prefix}:*", count=1000)
    )
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)
    return total / 1e6


def report(result):
    lines = ["", "## Long tail: random sitemap URLs, Redis, a save every 5 s", ""]
    if "skipped" in result:
        return lines + [f"Not measured: {result['skipped']}."]
    floor = result["floor"]["rps"]
    lines += [
        f"wrk at {CONNECTIONS} connections, each request a random one of the sitemap's "
        f"{result['urls']} article URLs (every language); another process saves one item "
        f"every {SAVE_EVERY_SECONDS} s. The floor, `/robots.txt` in the same run: "
        f"{floor:.0f} requests/s.",
        "",
        "| row | requests/s | p50 ms | p99 ms | ratio to floor | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['name']} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} "
            f"| {row['rps'] / floor:.2f} | {row['errors']} |"
        )
    lines += [
        "",
        f"Redis holds {result['memory_mb']:.1f} MB for these pages (compressed), fragments "
        "and tags.",
    ]
    return lines


def goals(result):
    if "skipped" in result:
        return []
    floor = result["floor"]["rps"]
    rows = {row["name"]: row for row in result["rows"]}
    cold, warm = rows["cold start"], rows["after one warm-up pass"]
    return [
        (
            f"long tail, cold start >= {GOAL_COLD:.0%} of the floor",
            f"{cold['rps'] / floor:.0%}",
            cold["rps"] / floor >= GOAL_COLD,
        ),
        (
            f"long tail, after a warm-up pass >= {GOAL_WARM:.0%} of the floor",
            f"{warm['rps'] / floor:.0%}",
            warm["rps"] / floor >= GOAL_WARM,
        ),
        (
            f"long tail, after a warm-up pass p99 < {GOAL_P99_MS} ms",
            f"{warm['p99']:.1f} ms",
            warm["p99"] < GOAL_P99_MS,
        ),
    ]
