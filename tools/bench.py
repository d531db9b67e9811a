#!/usr/bin/env python3
"""`make bench`: a fresh database with N demo items, `make serve`, wrk, docs/performance.md.

Environment: N (items, default 10000), BENCH_DATABASE_URL (default: a new SQLite file),
BENCH_DURATION (seconds per wrk run, default 5; each row is the median of 3 runs), SOAK=1
(adds 60 s at 32 connections on home and article, with the app servers' memory at start and
end), BENCH_EXPLAIN_DATABASE_URL (PostgreSQL for the EXPLAIN pass; default the local server
when it answers, EXPLAIN=0 skips), BENCH_REDIS_URL (Redis for the long-tail rows, default the
local server; LONG_TAIL=0 skips them). Before any server starts, the cold-page rows
(tools/cold_pages.py) time each page in one process with every cache off, on a seed-only
database and on the N-item one.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import cold_pages
import long_tail

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
DOC = ROOT / "docs" / "performance.md"
FLOOR = "robots.txt"
GOAL_RATIO, GOAL_UNCACHED_RPS, GOAL_P99_MS = 0.60, 400, 50
# The article in Kazakh's Latin reading (/kk-latn/) against the Cyrillic one.
LATIN_ARTICLE, GOAL_LATIN_RATIO = "article, kk-latn", 0.90
DEFAULT_EXPLAIN_URL = "postgres://postgres@127.0.0.1:5432/perf_bench_explain"


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def manage(env, *args, capture=False):
    result = run(
        [str(PY), "manage.py", *args],
        env,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout if capture else None


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing Debian's package")
    apt = ["apt-get", "install", "-y", "-qq", "wrk"]
    if os.geteuid() != 0:
        apt = ["sudo", *apt]
    if subprocess.run(apt, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}).returncode:
        subprocess.run([*apt[:-4], "update", "-qq"], check=True)
        subprocess.run(apt, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_postgres_database(url):
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def postgres_answers(url):
    try:
        import psycopg

        parts = urlparse(url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), connect_timeout=2):
            return True
    except Exception:
        return False


def build_database(env, news, database_url):
    if database_url.startswith("postgres"):
        recreate_postgres_database(database_url)
    log(f"database: {redact_url(database_url)}, {news} demo news items")
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed_content")
    started = time.monotonic()
    manage(
        env,
        "generate_demo_content",
        "--news",
        str(news),
        "--institutions",
        str(max(10, news // 10)),
        "--initiatives",
        str(max(10, news // 50)),
    )
    return time.monotonic() - started


def redact_url(url):
    parts = urlparse(url)
    if parts.password:
        return url.replace(parts.password, "***")
    return url


class Server:
    """`make serve` on a free port, in its own process group."""

    def __init__(self, env, workdir, label):
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port)}
        self.log_path = workdir / f"serve-{label}.log"
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"make serve did not answer; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log_file.close()

    def gunicorn_pids(self):
        """The gunicorn master and its workers (make -> gunicorn master -> workers)."""
        pids = []
        frontier = [self.process.pid]
        while frontier:
            pid = frontier.pop()
            children = Path(f"/proc/{pid}/task/{pid}/children")
            try:
                found = [int(p) for p in children.read_text().split()]
            except OSError:
                found = []
            frontier.extend(found)
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"gunicorn" in cmdline:
                pids.append(pid)
        return pids

    def rss_mb(self):
        total = 0
        for pid in self.gunicorn_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                total += int(match.group(1))
        return total / 1024


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def find(pattern, output, default="nan"):
    match = re.search(pattern, output)
    return match.group(1) if match else default


def wrk(url, connections, duration, script=None):
    threads = 1 if connections == 1 else 2
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    # A slow answer counts in the latency, not as a silent wrk timeout (default 2 s).
    args += ["--timeout", "10s"]
    if script:
        args += ["-s", str(script)]
    output = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    result = {
        "rps": float(find(r"Requests/sec:\s+([\d.]+)", output, "0")),
        # Anchored: "+/- Stdev" columns such as "70.50%" must not pass for the 50th percentile.
        "p50": to_ms(find(r"(?m)^\s+50%\s+(\S+)", output)),
        "p99": to_ms(find(r"(?m)^\s+99%\s+(\S+)", output)),
        "requests": int(find(r"(\d+) requests in", output, "0")),
        "errors": 0,
    }
    if not result["requests"]:
        log(f"wrk finished no request on {url}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    if socket_errors:
        result["errors"] += sum(int(n) for n in socket_errors.groups())
    return result


def page_paths(env):
    code = (
        "import json; from django.urls import reverse; from django.utils import translation; "
        "from assembly import languages; from assembly.models import NewsItem\n"
        "with translation.override('kk'):\n"
        "    article = NewsItem.objects.published().filter(seed_key__isnull=False)"
        ".exclude(seed_key__startswith='demo-').first() or NewsItem.objects.published().first()\n"
        "    print(json.dumps({'home': reverse('assembly:home'), "
        "'news list': reverse('assembly:news_list'), 'article': article.get_absolute_url(), "
        f"'{LATIN_ARTICLE}': languages.url_in(article, 'kk-latn'), "
        "'institution list': reverse('assembly:institution_list'), "
        "'search': reverse('assembly:search') + '?q=%D0%B1%D1%96%D1%80%D0%BB%D1%96%D0%BA', "
        "'robots.txt': '/robots.txt'}))"
    )
    return json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])


def cold_runs(env, workdir, news, database_url, paths):
    """The cold-page timings on the seed content alone and on the N-item database."""
    manage(env, "collectstatic", "--noinput")  # DEBUG=0 pages name the hashed static files
    seed_url = f"sqlite:///{workdir / 'seed.sqlite3'}"
    seed_env = {**env, "DATABASE_URL": seed_url}
    manage(seed_env, "migrate", "--noinput")
    manage(seed_env, "load_seed_content")
    runs = []
    for label, url, page_env in (
        ("seed database", seed_url, seed_env),
        (f"{news} items", database_url, env),
    ):
        log(f"cold pages, one process, caches off: {label}")
        result = cold_pages.measure(env, url, page_paths(page_env))
        log("  " + ", ".join(f"{page} {ms:.2f} ms" for page, ms in result.items()))
        runs.append((label, result))
    return runs


def warm(server, paths):
    for path in paths.values():
        for _ in range(20):
            fetch(server.base + path)
        wrk(server.base + path, 4, 2)


RUNS = 3
TABLE_HEADER = (
    "| page | connections | requests/s | p50 ms | p99 ms | ratio to floor | errors "
    "| the 3 runs, req/s |"
)
TABLE_RULE = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"


def median_run(url, connections, duration):
    """The run with the median requests/s of RUNS: one run can land on a moment when the
    shared machine is busy, or when one gunicorn worker took most of the connections."""
    runs = [wrk(url, connections, duration) for _ in range(RUNS)]
    median = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return {**median, "runs": [run["rps"] for run in runs]}


def measure(server, paths, duration, connection_counts=(1, 16)):
    rows = []
    for name, path in paths.items():
        for connections in connection_counts:
            result = median_run(server.base + path, connections, duration)
            log(
                f"{name:<17} c={connections:<3} {result['rps']:8.0f} rps  "
                f"p50 {result['p50']:6.2f} ms  p99 {result['p99']:6.2f} ms"
            )
            rows.append({"page": name, "path": path, "connections": connections, **result})
    return rows


def soak(server, paths, workdir, duration=60, connections=32):
    script = workdir / "soak.lua"
    quoted = ", ".join(json.dumps(paths[name]) for name in ("home", "article"))
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\nend\n"
    )
    before = server.rss_mb()
    log(f"soak: {duration} s at {connections} connections on home and article")
    result = wrk(server.base + "/", connections, duration, script=script)
    after = server.rss_mb()
    return {**result, "rss_start_mb": before, "rss_end_mb": after, "duration": duration}


def static_check(server):
    """Hashed static names, far-future caching, gzip and brotli through whitenoise."""
    _status, _headers, html = fetch(server.base + "/kk/")
    # The stylesheet is inside the page (assembly/stylesheet.py); the script is a file.
    match = re.search(rb'src="(/static/[^"]+\.js)"', html)
    if not match:
        return {}
    path = match.group(1).decode()
    checks = {"path": path}
    for encoding in ("br", "gzip"):
        _s, headers, _b = fetch(server.base + path, {"Accept-Encoding": encoding})
        checks[encoding] = headers.get("Content-Encoding") == encoding
        checks["cache_control"] = headers.get("Cache-Control", "")
    return checks


def explain(database_url, news, workdir):
    env = {
        **base_env(workdir),
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "CACHE_PAGES": "0",
        "CACHE_FRAGMENTS": "0",
    }
    build_database(env, news, database_url)
    output = run(
        [str(PY), str(Path(__file__).resolve()), "--explain-worker"],
        env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def explain_worker():
    """Runs inside Django: EXPLAIN ANALYZE for every query each page makes."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from assembly.models import Institution, NewsItem

    with translation.override("kk"):
        article = NewsItem.objects.published().order_by("-published_at").first()
        institution = Institution.objects.published().first()
        pages = {
            "home": reverse("assembly:home"),
            "news list": reverse("assembly:news_list"),
            "news list, page 400": reverse("assembly:news_list") + "?page=400",
            "article": article.get_absolute_url(),
            "institution list": reverse("assembly:institution_list"),
            "institution list, filtered": reverse("assembly:institution_list")
            + "?kind=friendship_house&level=regional",
            "institution": institution.get_absolute_url(),
            "initiative list": reverse("assembly:initiative_list"),
            "search": reverse("assembly:search") + "?q=%D0%B1%D1%96%D1%80%D0%BB%D1%96%D0%BA",
            "sitemap, news": reverse("sitemap_section", kwargs={"section": "news"}),
        }
    client = Client(HTTP_HOST="127.0.0.1")
    report = []
    for name, url in pages.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        plans = []
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
                plans.append(summarize_plan(plan, sql))
        report.append({"page": name, "url": url, "status": status, "queries": plans})
    print(json.dumps(report))


def summarize_plan(plan, sql):
    scans = []

    def walk(node):
        kind = node["Node Type"]
        if "Scan" in kind and "Relation Name" in node:
            index = node.get("Index Name")
            scans.append(
                f"{kind} on {node['Relation Name']}" + (f" using {index}" if index else "")
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(plan["Plan"])
    table = re.search(r'FROM "(\w+)"', sql)
    return {
        "table": table.group(1) if table else "?",
        "ms": plan["Execution Time"],
        "rows": plan["Plan"].get("Actual Rows"),
        "scans": scans,
    }


def base_env(workdir):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DEBUG", "CACHE_PAGES", "PORT", "MAKEFLAGS"}
    }
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        }
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": os.getloadavg(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
    }


def gunicorn_settings(env):
    code = (
        "import runpy, json; c = runpy.run_path('config/gunicorn.py'); "
        "print(json.dumps({k: c.get(k) for k in ('workers', 'threads', 'worker_class')}))"
    )
    output = subprocess.run(
        [str(PY), "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def fmt_ms(value):
    return f"{value:.2f}"


KEPT_SECTIONS = ("## Lighthouse (mobile)", "## Search on PostgreSQL", "## Notes")


def latin_goals(rows, uncached):
    """The Latin reading's article at 16 connections, as a share of the Cyrillic article's."""
    found = []
    for label, measured in (("cache warm", rows), ("cache off", uncached)):
        speed = {r["page"]: r["rps"] for r in measured if r["connections"] == 16}
        if LATIN_ARTICLE in speed and speed.get("article"):
            share = speed[LATIN_ARTICLE] / speed["article"]
            found.append(
                (
                    f"article in Latin script >= {GOAL_LATIN_RATIO:.0%} of the Cyrillic "
                    f"article's requests/s at 16 connections, {label}",
                    f"{share:.0%}",
                    share >= GOAL_LATIN_RATIO,
                )
            )
    return found


def write_report(context):
    rows, floor = context["rows"], {}
    for row in rows:
        if row["page"] == FLOOR:
            floor[row["connections"]] = row["rps"]
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (tools/bench.py); do not edit by hand.",
        "",
        f"- Date: {context['date']}",
        f"- Machine: {context['machine']['nproc']} CPUs, {context['machine']['cpu']}, "
        f"load average at start {', '.join(f'{v:.2f}' for v in context['machine']['load'])} "
        "(the machine is shared; numbers move with its load)",
        f"- Python {context['machine']['python']}, {context['machine']['wrk']}",
        f"- Database: {context['database']}, {context['news']} demo news items "
        f"(+ {max(10, context['news'] // 10)} institutions, generated in "
        f"{context['generate_seconds']:.1f} s)",
        f"- Server: `make serve` (DEBUG=0), gunicorn {context['gunicorn']['worker_class']}, "
        f"{context['gunicorn']['workers']} workers x {context['gunicorn']['threads']} threads; "
        f"page cache: {context['cache_backend']}",
        f"- wrk: the median of {RUNS} runs of {context['duration']} s after a warm-up; "
        "1 connection (1 thread) and 16 connections (2 threads), on the same machine as the "
        "server",
        "",
        "## Results, page cache on (warm)",
        "",
        TABLE_HEADER,
        TABLE_RULE,
    ]

    def table_row(row, label=None):
        ratio = row["rps"] / floor[row["connections"]] if floor.get(row["connections"]) else 0
        return (
            f"| {label or row['page']} | {row['connections']} | {row['rps']:.0f} | "
            f"{fmt_ms(row['p50'])} | {fmt_ms(row['p99'])} | {ratio:.2f} | {row['errors']} | "
            f"{' / '.join(f'{rps:.0f}' for rps in row.get('runs', []))} |"
        )

    lines += [table_row(row) for row in rows]
    lines += [
        "",
        f"The floor is `/{FLOOR}`: the same Django stack and middleware, no template, no query.",
        "",
        "## Article with the page cache off (`CACHE_PAGES=0`)",
        "",
        TABLE_HEADER,
        TABLE_RULE,
    ]
    lines += [table_row(row, f"{row['page']}, cache off") for row in context["uncached"]]
    lines += [
        table_row(row, f"{row['page']}, page and fragment caches off")
        for row in context.get("no_fragments", [])
    ]
    lines += [
        "",
        "With the page cache off, the article is still built by the view on every request:",
        "its query by slug, the language versions, JSON-LD, head, menus and breadcrumbs. The",
        "article's own HTML (text, mentions, related news, share links) comes from a fragment",
        "tagged like the page (assembly/fragments.py); the last rows turn that off",
        "too (`CACHE_FRAGMENTS=0`), as right after an edit.",
    ]
    article16 = next(r for r in rows if r["page"] == "article" and r["connections"] == 16)
    uncached16 = next(
        r for r in context["uncached"] if r["page"] == "article" and r["connections"] == 16
    )
    worst_p99 = max(r["p99"] for r in rows if r["connections"] == 16)
    ratio = article16["rps"] / floor[16]
    goals = [
        (
            f"article at 16 connections >= {GOAL_RATIO:.0%} of the floor, cache warm",
            f"{ratio:.0%}",
            ratio >= GOAL_RATIO,
        ),
        (
            f"article at 16 connections >= {GOAL_UNCACHED_RPS} requests/s, cache off",
            f"{uncached16['rps']:.0f}",
            uncached16["rps"] >= GOAL_UNCACHED_RPS,
        ),
        (
            f"p99 < {GOAL_P99_MS} ms at 16 connections (all pages, cache warm)",
            f"{worst_p99:.1f} ms",
            worst_p99 < GOAL_P99_MS,
        ),
        (
            f"p99 < {GOAL_P99_MS} ms at 16 connections, article with cache off",
            f"{uncached16['p99']:.1f} ms",
            uncached16["p99"] < GOAL_P99_MS,
        ),
        *latin_goals(rows, context["uncached"]),
    ]
    if context.get("cold"):
        lines += cold_pages.report(context["cold"])
        goals += cold_pages.goals(context["cold"])
    if context.get("long_tail"):
        lines += long_tail.report(context["long_tail"])
        goals += long_tail.goals(context["long_tail"])
    lines += ["", "## Goals", "", "| goal | measured | met |", "| --- | ---: | :---: |"]
    lines += [f"| {goal} | {value} | {'yes' if ok else 'NO'} |" for goal, value, ok in goals]
    static = context.get("static") or {}
    if static:
        lines += [
            "",
            "## Static files",
            "",
            f"- `{static['path']}`: brotli {'yes' if static['br'] else 'NO'}, gzip "
            f"{'yes' if static['gzip'] else 'NO'}, `Cache-Control: {static['cache_control']}`",
        ]
    soak_result = context.get("soak")
    if soak_result:
        lines += [
            "",
            f"## Soak: {soak_result['duration']} s at 32 connections, home and article",
            "",
            f"- {soak_result['requests']} requests, {soak_result['rps']:.0f} requests/s, "
            f"p50 {fmt_ms(soak_result['p50'])} ms, p99 {fmt_ms(soak_result['p99'])} ms",
            f"- errors (non-2xx/3xx and socket errors): {soak_result['errors']}",
            f"- memory of the app servers (gunicorn master and workers, RSS): "
            f"{soak_result['rss_start_mb']:.0f} MB at start, "
            f"{soak_result['rss_end_mb']:.0f} MB at end",
        ]
    lines += explain_section(context.get("explain"))
    # tools/search_bench.py writes its own section; Lighthouse runs and notes are written by
    # hand. Keep them.
    previous = DOC.read_text() if DOC.exists() else ""
    for heading in KEPT_SECTIONS:
        kept = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", previous, re.M | re.S)
        if kept:
            lines += ["", kept.group(0).rstrip("\n")]
    DOC.write_text("\n".join(lines) + "\n")
    return goals


def explain_section(report):
    lines = ["", "## Query plans on PostgreSQL", ""]
    if not report:
        return [*lines, "Not run this time (no PostgreSQL answered, or EXPLAIN=0)."]
    lines += [
        f"EXPLAIN ANALYZE of every query each page makes, on PostgreSQL with "
        f"{report['news']} demo news items, page cache off; every table scan of the plans "
        "is listed (sequential scans of small tables such as regions are the planner's "
        "right choice).",
        "",
        "Indexes (migrations 0001_squashed_0013 and 0024): news lists read the partial "
        "`news_public_<lang>_idx` (published_at, id, status, featured, only rows translated "
        "into that language), so a list page and its count never read the long bodies; "
        "`news_featured_pub_idx` finds the home page's featured story; institution lists "
        "filter on `institution_pub_kind_idx` / `institution_pub_level_idx` and the region "
        "foreign key. After a bulk load the generator runs `ANALYZE`: without statistics "
        "both PostgreSQL and SQLite sorted every news item to show twelve (a news list "
        "query went from about 1 s to 1.4 ms on SQLite with statistics).",
        "",
        "| page | queries | total ms | slowest ms | scans |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for page in report["pages"]:
        queries = page["queries"]
        scans = sorted({scan for query in queries for scan in query["scans"]})
        lines.append(
            f"| {page['page']} | {len(queries)} | {sum(q['ms'] for q in queries):.2f} | "
            f"{max((q['ms'] for q in queries), default=0):.2f} | "
            f"{'; '.join(scans) or '-'} |"
        )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=int(os.environ.get("N") or 10000))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 5)))
    parser.add_argument("--soak", action="store_true", default=os.environ.get("SOAK") == "1")
    parser.add_argument("--explain-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.explain_worker:
        return explain_worker()

    ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="assembly-bench-"))
    env = base_env(workdir)
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env["DATABASE_URL"] = database_url
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "news": args.news,
        "duration": args.duration,
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        "cache_backend": "Redis" if env.get("REDIS_URL") else "local memory per worker",
        "gunicorn": gunicorn_settings(env),
    }
    try:
        context["generate_seconds"] = build_database(env, args.news, database_url)
        paths = page_paths(env)
        context["cold"] = cold_runs(env, workdir, args.news, database_url, paths)
        with Server(env, workdir, "cached") as server:
            log(f"serving on {server.base}; warming up")
            warm(server, paths)
            context["static"] = static_check(server)
            context["rows"] = measure(server, paths, args.duration)
            if args.soak:
                context["soak"] = soak(server, paths, workdir)
                log(
                    f"soak: {context['soak']['requests']} requests, "
                    f"{context['soak']['errors']} errors, RSS "
                    f"{context['soak']['rss_start_mb']:.0f} -> "
                    f"{context['soak']['rss_end_mb']:.0f} MB"
                )
        with Server({**env, "CACHE_PAGES": "0"}, workdir, "uncached") as server:
            log("page cache off: article")
            article = {"article": paths["article"], LATIN_ARTICLE: paths[LATIN_ARTICLE]}
            warm(server, article)
            context["uncached"] = measure(server, article, args.duration)
        with Server(
            {**env, "CACHE_PAGES": "0", "CACHE_FRAGMENTS": "0"}, workdir, "no-fragments"
        ) as server:
            log("page and fragment caches off: article")
            warm(server, article)
            context["no_fragments"] = measure(server, article, args.duration)
        if os.environ.get("LONG_TAIL", "1") != "0":
            duration = max(3 * args.duration, 15)
            context["long_tail"] = long_tail.measure(
                env, workdir, duration, Server, wrk, free_port, log
            )
        explain_url = os.environ.get("BENCH_EXPLAIN_DATABASE_URL", DEFAULT_EXPLAIN_URL)
        if os.environ.get("EXPLAIN", "1") != "0" and postgres_answers(explain_url):
            log(f"EXPLAIN on {redact_url(explain_url)}")
            context["explain"] = {
                "news": args.news,
                "pages": explain(explain_url, args.news, workdir),
            }
        goals = write_report(context)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(DOC.read_text())
    missed = [goal for goal, _value, ok in goals if not ok]
    for goal in missed:
        log(f"goal not met: {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
