"""Render a page in headless Chromium: its DOM, console messages, a screenshot and an A4 PDF.

Plain subprocess, no extra dependency. :func:`find_chromium` returns None where no browser is
installed; the tests then skip and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, else the first of the usual names on PATH (None if none)."""
    if os.environ.get("CHROMIUM"):  # a browser named explicitly; missing means: skip
        return os.environ["CHROMIUM"] if Path(os.environ["CHROMIUM"]).is_file() else None
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass(frozen=True)
class Rendered:
    dom: str
    console: list[str]
    """Every console message the page logged (errors, warnings, logs)."""
    screenshot: Path
    pdf: Path

    @property
    def pdf_pages(self) -> int:
        """Page objects in the PDF (``/Type /Page``, not ``/Pages``)."""
        return len(PAGE.findall(self.pdf.read_bytes()))


def render(browser: str, page: Path, workdir: Path, width: int = 1200, height: int = 1800, timeout: float = 180) -> Rendered:
    """Load ``page`` once: dump its DOM, take a screenshot and print it to PDF (no header or footer)."""
    shot, pdf = workdir / f"{page.stem}.png", workdir / f"{page.stem}.pdf"
    command = [
        browser,
        *FLAGS,
        f"--user-data-dir={workdir / 'profile'}",
        f"--window-size={width},{height}",
        "--dump-dom",
        f"--screenshot={shot}",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not pdf.exists() or not shot.exists():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    console = [m.group(1) for m in CONSOLE.finditer(done.stderr)]
    return Rendered(dom=done.stdout, console=console, screenshot=shot, pdf=pdf)
