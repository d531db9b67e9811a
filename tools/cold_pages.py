"""The cold-page rows of `make bench`: each page built from the database, in one process.

`DEBUG=0 CACHE_PAGES=0 CACHE_FRAGMENTS=0`, django.test.Client, no server and no network: what
one request costs in Python, templates and queries when no cache helps, as right after an
edit. Each request is timed in the process's CPU time, which other work on a shared machine
does not stretch as it stretches wall time; the pages are requested in turns with robots.txt
(the floor), each row is a median, and its ratio to the floor's median in the same run is what
the goals are read on.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "robots.txt"
# The goals in milliseconds, set when robots.txt took FLOOR_MS in such a run; read
# as ratios to the floor, they do not move with the machine's load.
GOALS_MS = {"article": 3, "home": 4, "institution list": 4, "news list": 3, "search": 6}
FLOOR_MS = 0.3
WARMUP, ROUNDS, REQUESTS = 10, 10, 10


def measure(env, database_url, paths):
    """{page: median ms} for ``paths`` on ``database_url``, in a process of its own."""
    env = {
        **env,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "CACHE_PAGES": "0",
        "CACHE_FRAGMENTS": "0",
        "BENCH_COLD_PATHS": json.dumps(paths),
    }
    output = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(Path(__file__).resolve())],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def worker():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.test import Client

    paths = json.loads(os.environ["BENCH_COLD_PATHS"])
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in paths.items():
        for _ in range(WARMUP):
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status}")
    times = {name: [] for name in paths}
    for _ in range(ROUNDS):
        for name, path in paths.items():
            for _ in range(REQUESTS):
                started = time.process_time()
                client.get(path)
                times[name].append((time.process_time() - started) * 1000)
    print(json.dumps({name: statistics.median(values) for name, values in times.items()}))


def ratio(result, page):
    return result[page] / result[FLOOR]


def report(runs):
    """``runs``: [(label, {page: ms}), ...], one per database."""
    lines = [
        "",
        "## Cold pages: one process, every cache off",
        "",
        "`DEBUG=0 CACHE_PAGES=0 CACHE_FRAGMENTS=0`, django.test.Client in one process (no "
        f"server, no network): the median CPU time of {ROUNDS * REQUESTS} requests per page, "
        f"taken in turns with `/{FLOOR}`. The ratio is to `/{FLOOR}` in the same run. The goals "
        f"are the issue's milliseconds, set when `/{FLOOR}` took {FLOOR_MS} ms in such a run; "
        f"as ratios, goal ÷ {FLOOR_MS} ms.",
        "",
        "| page | "
        + " | ".join(f"{label}: ms | ratio" for label, _result in runs)
        + " | goal ms | goal ratio |",
        "| --- | " + " | ".join("---: | ---:" for _run in runs) + " | ---: | ---: |",
    ]
    others = [page for page in runs[0][1] if page not in GOALS_MS and page != FLOOR]
    for page in [*GOALS_MS, *others, FLOOR]:
        cells = " | ".join(
            f"{result[page]:.2f} | {ratio(result, page):.1f}" for _label, result in runs
        )
        goal = GOALS_MS.get(page)
        goal_cells = f"{goal} | {goal / FLOOR_MS:.1f}" if goal else "- | -"
        lines.append(f"| {page} | {cells} | {goal_cells} |")
    return lines


def goals(runs):
    return [
        (
            f"cold {page}, {label}: <= {goal / FLOOR_MS:.1f} x the floor ({goal} ms at "
            f"{FLOOR_MS} ms)",
            f"{ratio(result, page):.1f} x ({result[page]:.1f} ms)",
            ratio(result, page) <= goal / FLOOR_MS,
        )
        for label, result in runs
        for page, goal in GOALS_MS.items()
    ]


if __name__ == "__main__":
    worker()
