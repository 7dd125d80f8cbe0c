"""`make lighthouse`: Lighthouse 12 on a phone against the production set-up.

Starts gunicorn with DEBUG off on demo content (SQLite in bench/.lighthouse, no
Redis needed), runs Lighthouse 12 with the system Chromium in its mobile mode for
home, a question, an event and the contact form, and writes the scores into the
"Lighthouse" section of bench/results.md (the rest of that file is left alone).
Lighthouse is installed with npm into bench/.lighthouse (gitignored) on first use.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".lighthouse"
RESULTS = ROOT / "bench" / "results.md"
PYTHON = sys.executable
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8850"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TRIES = 3  # a run now and then ends in NO_NAVSTART; the next one does not
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
LOAD_BEFORE = "?"


def log(message):
    print(message, flush=True)  # noqa: T201 - a command-line tool


def environment():
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "lighthouse-only-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{WORK / 'site.sqlite3'}",
        "REDIS_URL": "",
        "STATIC_ROOT": str(WORK / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def ensure_lighthouse():
    binary = WORK / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("npm install lighthouse@12 into bench/.lighthouse …")
        # Its own package.json, or npm installs into the project's node_modules (ical.js for the tests).
        if not (WORK / "package.json").exists():
            (WORK / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "lighthouse@12"], cwd=WORK, check=True)
    return binary


def prepare(env):
    database = WORK / "site.sqlite3"
    database.unlink(missing_ok=True)
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_gunicorn(env):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "oudersteunpunt.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(WORK / "gunicorn.log", "w"),  # open for the lifetime of the server
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    sys.exit("gunicorn did not start; see bench/.lighthouse/gunicorn.log")


def first_link(path, pattern):
    html = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10).read().decode()
    return re.search(pattern, html).group(1)


def pages():
    return [
        ("home", "/"),
        ("a question", first_link("/vragen/", r'<a href="(/vragen/[^/"]+/[^/"]+/)"')),
        ("an event", first_link("/agenda/", r'<a href="(/agenda/(?!afmelden)[^/"]+/)"')),
        ("contact form", "/contact/"),
    ]


def lighthouse(binary, url, name):
    out = WORK / f"{re.sub(r'[^a-z]+', '-', name)}.json"
    for attempt in range(1, TRIES + 1):
        out.unlink(missing_ok=True)
        subprocess.run(
            [
                str(binary),
                url,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--form-factor=mobile",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            cwd=WORK,
            check=False,
            timeout=300,
        )
        if out.exists():
            report = json.loads(out.read_text())
            scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
            if not report.get("runtimeError") and None not in scores.values():
                failing = [
                    f"{a['id']} ({c})"
                    for c in CATEGORIES
                    if c != "performance"
                    for ref in report["categories"][c]["auditRefs"]
                    if ref["weight"] and (a := report["audits"][ref["id"]])["score"] not in (None, 1)
                ]
                return {c: round(s * 100) for c, s in scores.items()}, failing
        log(f"  {name}: no result (try {attempt} of {TRIES})")
    sys.exit(f"Lighthouse gave no result for {url}")


def write(rows):
    lines = [
        START,
        "## Lighthouse",
        "",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make lighthouse`: Lighthouse 12, mobile, system "
        "Chromium, gunicorn (2 workers) with DEBUG off on demo content, SQLite, no Redis.",
        "Targets: accessibility, best practices and SEO 100; performance at least 98.",
        f"Load average before the run: {LOAD_BEFORE}, after: {os.getloadavg()[0]:.1f} (on a shared machine "
        "the total blocking time, and so performance, rises with what else runs).",
        "",
        "| page | performance | accessibility | best practices | SEO | audits below 100 |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, path, scores, failing in rows:
        numbers = " | ".join(str(scores[c]) for c in CATEGORIES)
        lines.append(f"| {name} (`{path}`) | {numbers} | {', '.join(failing) or '–'} |")
    lines.append(END)
    section = "\n".join(lines)
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text)


def main():
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not shutil.which("npm"):
        sys.exit("npm is needed to install Lighthouse (apt-get install npm)")
    global LOAD_BEFORE  # written once, read when the section is written
    LOAD_BEFORE = f"{os.getloadavg()[0]:.1f}"
    WORK.mkdir(parents=True, exist_ok=True)
    binary = ensure_lighthouse()
    env = environment()
    log("migrate, collectstatic, load_demo …")
    prepare(env)
    process = start_gunicorn(env)
    rows = []
    try:
        for name, path in pages():
            scores, failing = lighthouse(binary, f"http://127.0.0.1:{PORT}{path}", name)
            rows.append((name, path, scores, failing))
            log(f"{name:14} {' '.join(f'{c} {s:3}' for c, s in scores.items())}  {', '.join(failing)}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    write(rows)
    log(f"Written to {RESULTS}")


if __name__ == "__main__":
    main()
