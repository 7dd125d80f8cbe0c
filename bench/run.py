"""`make bench`: the site under load on this machine, SQLite and PostgreSQL.

Loads demo content scaled up, starts gunicorn with 2 workers, drives load from a
second process with wrk (16 connections, bounded in time, 127.0.0.1 only) and
writes bench/results.md. Every page is compared with a static file served by the
same gunicorn and WhiteNoise in the same run: the ceiling for this stack.
"""

import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8077"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = 16
SCALE = int(os.environ.get("BENCH_SCALE", "100"))  # 1,000 questions, 500 events, ~10,000 sign-ups
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/osp_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


def log(message):
    print(message, flush=True)  # noqa: T201 - a command-line tool


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")


def environment(database_url):
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(TMP / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env, label):
    log(f"[{label}] migrate, collectstatic, load_demo --scale {SCALE} …")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--scale", str(SCALE))


def reset_postgres():
    admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    name = POSTGRES_URL.rsplit("/", 1)[1]
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, capture_output=True)


def redis_flush():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    except Exception as error:  # noqa: BLE001 - the bench still runs with a cold cache
        log(f"(could not flush Redis: {error})")


def start_gunicorn(env):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "oudersteunpunt.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(TMP / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start; see bench/tmp/gunicorn.log")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def wrk(url):
    # Warm up (and fill the page cache) before measuring.
    subprocess.run(["wrk", "-t1", "-c2", "-d1s", url], capture_output=True, check=True)
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--timeout",
            "5s",
            "-s",
            str(ROOT / "bench" / "wrk_report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["rps"] = data["requests"] / data["seconds"]
    return data


def pages(env):
    code = (
        "import django, json; django.setup();"
        "from faq.models import Phase, Question; from events.models import Event;"
        "from django.contrib.staticfiles.storage import staticfiles_storage as s;"
        "q = Question.objects.published().select_related('phase').order_by('pk')[5];"
        "e = Event.objects.published().upcoming().order_by('starts_at').first();"
        "print(json.dumps({'static': s.url('css/site.css'), 'phase': Phase.objects.first().get_absolute_url(),"
        " 'question': q.get_absolute_url(), 'event': e.get_absolute_url()}))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "oudersteunpunt.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    urls = json.loads(out.strip().splitlines()[-1])
    return [
        ("static file (ceiling)", urls["static"]),
        ("/", "/"),
        ("/vragen/", "/vragen/"),
        ("a phase", urls["phase"]),
        ("a question", urls["question"]),
        ("/zoeken/?q=thuiszitten", "/zoeken/?q=thuiszitten"),
        ("/agenda/", "/agenda/"),
        ("an event", urls["event"]),
        ("/agenda/agenda.ics", "/agenda/agenda.ics"),
    ]


def run(label, database_url):
    env = environment(database_url)
    prepare(env, label)
    redis_flush()
    process = start_gunicorn(env)
    rows = []
    try:
        for name, path in pages(env):
            data = wrk(f"http://127.0.0.1:{PORT}{path}")
            rows.append((name, data))
            log(f"[{label}] {name:28} {data['rps']:8.0f} req/s  p95 {data['p95']:6.1f} ms  errors {data['errors']}")
    finally:
        stop(process)
    ceiling = rows[0][1]["rps"]
    return [(name, data, data["rps"] / ceiling) for name, data in rows]


def table(label, rows):
    lines = [
        f"### {label}",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to static |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, d, ratio in rows:
        numbers = [f"{d['rps']:.0f}", f"{d['p50']:.1f}", f"{d['p95']:.1f}", f"{d['p99']:.1f}", str(d["errors"])]
        lines.append(f"| {name} | {' | '.join(numbers)} | {ratio:.2f} |")
    return "\n".join(lines)


def main():
    ensure_wrk()
    if TMP.exists():
        shutil.rmtree(TMP)
    TMP.mkdir(parents=True)
    results = [("SQLite", run("SQLite", f"sqlite:///{TMP / 'bench.sqlite3'}"))]
    if shutil.which("psql") and os.environ.get("BENCH_SKIP_POSTGRES") != "1":
        reset_postgres()
        results.append(("PostgreSQL", run("PostgreSQL", POSTGRES_URL)))
    header = [
        "# Benchmark",
        "",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}). gunicorn with 2 workers, wrk with "
        f"{CONNECTIONS} connections for {DURATION} per page from a second process on the same machine; "
        f"demo content at scale {SCALE}.",
        "The ratio compares each page with a static file served by the same gunicorn and WhiteNoise in the same run.",
        "Targets: ratio of at least 0.5, p95 under 50 ms, no errors.",
        "Pages are measured warm: anonymous visitors get them from the page cache (oudersteunpunt/pagecache.py).",
        "",
        "",
    ]
    body = "\n\n".join(table(label, rows) for label, rows in results)
    path = ROOT / "bench" / "results.md"
    old = path.read_text() if path.exists() else ""
    # `make lighthouse` keeps its own section at the end; a new load run leaves it in place.
    kept = old[old.index("<!-- lighthouse:start -->") :] if "<!-- lighthouse:start -->" in old else ""
    path.write_text("\n".join(header) + body + "\n" + ("\n" + kept if kept else ""))
    log(f"\nWritten to {ROOT / 'bench' / 'results.md'}")
    failures = [(label, name) for label, rows in results for name, d, ratio in rows if d["errors"]]
    if failures:
        sys.exit(f"errors on: {failures}")


if __name__ == "__main__":
    main()
