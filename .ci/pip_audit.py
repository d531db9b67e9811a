"""Audits the installed packages with pip-audit when its advisory service can be reached.

pip-audit reports a package it cannot look up as "skipped" and still exits 0, so a machine
without network would pass silently. This wrapper says plainly when nothing could be checked,
and fails only on a known vulnerability.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def main():
    with tempfile.TemporaryDirectory() as workdir:
        report = Path(workdir) / "audit.json"
        result = subprocess.run(
            [
                str(VENV_BIN / "pip-audit"),
                "--format",
                "json",
                "--progress-spinner",
                "off",
                "--output",
                str(report),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        data = json.loads(report.read_text()) if report.exists() else None
    if data is None:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: the advisory service could not be reached ({reason}); not checked.")
        return 0
    dependencies = data.get("dependencies", [])
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    if vulnerable:
        for dep in vulnerable:
            ids = ", ".join(vuln["id"] for vuln in dep["vulns"])
            print(f"pip-audit: {dep['name']} {dep.get('version', '')} is vulnerable: {ids}")
        return 1
    if not audited:
        print(
            "pip-audit: the advisory service could not be reached "
            f"({len(dependencies)} packages could not be looked up); not checked."
        )
        return 0
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: {len(audited)} packages audited, {skipped} skipped, none vulnerable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
