"""The README's first command: `make serve` serves the site on http://127.0.0.1:8000."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

from conftest import ROOT


def test_make_serve_serves_the_site_at_the_root_of_port_8000():
    process = subprocess.Popen(
        ["make", "serve"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/journey/developing/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        else:
            raise AssertionError("make serve did not answer on http://127.0.0.1:8000 within two minutes")
        assert "<h1" in page and 'class="mbct-action' in page
        # Live reload needs an inline script, so serve leaves the CSP meta tag out.
        assert "Content-Security-Policy" not in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
