#!/usr/bin/env python3
"""Search timings on PostgreSQL: the "Search on PostgreSQL" section of docs/performance.md.

Times the search page through the Django test client, page cache off, on a database that
already holds the demo content (`generate_demo_content --news 10000`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/searchperf SECRET_KEY=... \\
        .venv/bin/python tools/search_bench.py [--runs 20] [--write]

Without --write it prints the section; with it, the section replaces its earlier version
in docs/performance.md (or is appended), leaving the other sections as they are.
"""

import argparse
import logging
import os
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Search on PostgreSQL"
GOAL_MS = 100
# (language, query, what it shows)
QUERIES = [
    ("kk", "қазақстан", "Kazakh word in nearly every item"),
    ("kk", "казакстан", "the same with Russian look-alike letters"),
    ("ru", "ассамблея", "Russian word in nearly every item (stems too)"),
    ("en", "assembly", "English word in nearly every item (stems too)"),
    ("ru", "праздники", "Russian word form found by its stem"),
    ("kk", "ақсақалдар", "rare word (seed article only)"),
    ("kk", "қазақстн", "typo, corrected to a word in nearly every item"),
    ("kk", "жоқсөзбарма", "no result: typo correction and suggestions"),
    ("ru", "ассамблея молодёжь", "two words, each in nearly every item"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, lang, query, runs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        url = reverse("assembly:search")
    for _ in range(2):  # warm-up: connection, plans, templates
        response = client.get(url, {"q": query})
    total = response.context["total"] if response.context else None
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, {"q": query})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return total, timings


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def section(rows, runs, news_count, load):
    lines = [
        HEADING,
        "",
        "Written by `tools/search_bench.py`: the search page through the Django test client, "
        "page cache off (`CACHE_PAGES=0`), DEBUG off, PostgreSQL on the same machine.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average at start {load}, "
        f"at end {load_average()}",
        f"- {news_count} published news items (demo content plus the seed article); "
        f"{runs} timed requests per query after 2 warm-up requests",
        f"- Goal: p95 < {GOAL_MS} ms for every query",
        "",
        "| language | query | what | results | p50 ms | p95 ms | max ms | goal met |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for lang, query, what, total, timings in rows:
        p95 = percentile(timings, 0.95)
        lines.append(
            f"| {lang} | {query} | {what} | {total} | {statistics.median(timings):.1f} "
            f"| {p95:.1f} | {max(timings):.1f} | {'yes' if p95 < GOAL_MS else 'NO'} |"
        )
    lines += [
        "",
        "How: search has its own table, one entry per object and language "
        "(`assembly_searchentry`), with stored word vectors (`vector_plain`, `vector_folded`, "
        "and `vector_stems` for ru/en) and a stored folded title (`title_folded`), kept by a "
        "trigger (migration 0014_squashed_0023); the vectors have GIN indexes, the titles a "
        "trigram GIN "
        "index. Matching and rank are sets of object keys from those indexes (entries of one "
        "model and language), looked up for each key of what readers may see, which comes "
        "with its recency from a partial index, read index-only; the count rides on the same "
        "query (a window); only the rows shown are read whole.",
        "",
    ]
    return "\n".join(lines)


def write(text):
    current = DOC.read_text() if DOC.exists() else ""
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        current = pattern.sub(lambda _match: text + "\n", current, count=1)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    DOC.write_text(current.rstrip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    os.environ["CACHE_PAGES"] = "0"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.disable(logging.INFO)  # the access log of each request
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from assembly.models import NewsItem

    if connection.vendor != "postgresql":
        sys.exit("search_bench: DATABASE_URL must point to PostgreSQL")
    setup_test_environment()  # response.context, for the result count
    client = Client(HTTP_HOST="127.0.0.1")
    load = load_average()
    rows = []
    for lang, query, what in QUERIES:
        total, timings = measure(client, lang, query, args.runs)
        rows.append((lang, query, what, total, timings))
        print(f"{lang} {query}: p95 {percentile(timings, 0.95):.1f} ms", file=sys.stderr)
    text = section(rows, args.runs, NewsItem.objects.published().count(), load)
    if args.write:
        write(text)
    print(text)


if __name__ == "__main__":
    main()
