"""`make run` prints lines a person reads; production writes JSON lines."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assembly.operations.log_format import TextFormatter

ROOT = Path(__file__).resolve().parent.parent
PRINT_FIRST_LINE = """
import logging, django
django.setup()
logging.getLogger("assembly.access").info(
    "GET /kk/ 200", extra={"method": "GET", "path": "/kk/", "status": 200, "duration_ms": 12.5}
)
"""


def first_log_line(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "LOG_FORMAT", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_FIRST_LINE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [line for line in result.stderr.splitlines() if "assembly.access" in line]
    assert lines, result.stderr
    return lines[0]


def test_make_run_prints_readable_lines():
    line = first_log_line(DEBUG="1")
    assert not line.startswith("{")
    assert "INFO" in line
    assert "assembly.access: GET /kk/ 200 (12.5 ms)" in line


def test_production_writes_json_lines():
    line = first_log_line(
        DEBUG="0", SECRET_KEY="test-only-secret-key-for-json-log-format-0123456789"
    )
    entry = json.loads(line)
    assert entry["message"] == "GET /kk/ 200"
    assert entry["status"] == 200


def test_log_format_can_be_chosen():
    assert json.loads(first_log_line(DEBUG="1", LOG_FORMAT="json"))["path"] == "/kk/"


@pytest.mark.parametrize("secret", ["password=hunter22", "sessionid=abc123def"])
def test_readable_lines_redact_secrets(secret):
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, f"login {secret}", None, None)
    line = TextFormatter().format(record)
    assert secret.split("=")[1] not in line
    assert "[redacted]" in line
