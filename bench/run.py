"""`make bench`: the site under load on this machine, SQLite and PostgreSQL.

Loads demo content scaled up (``--scale``), starts gunicorn with 2 workers and
drives it with wrk from a second process (16 connections, bounded in time,
127.0.0.1 only, ``Accept-Encoding: gzip`` as browsers send it). Every page is
measured three ways in one run, each as a ratio to a static file served by the
same gunicorn and WhiteNoise in the same mode (the ceiling for this stack):

- warm: anonymous visitors get the page from the page cache;
- cold: the page cache is off (``PAGE_CACHE_SECONDS=0``), so the page itself;
- mixed: page cache on while a second process signs parents up at a steady rate
  (``--signups-per-second``, spread over the upcoming events), which renews
  cached pages; one more row reads all pages in turn.

Afterwards the sign-ups are counted in the database: every one sent must be
stored. Results go to bench/results.md.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
PYTHON = sys.executable
CONNECTIONS = 16
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/osp_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
SIGNUP_PREFIX = "bench-signup-"
LOAD_BEFORE = f"{os.getloadavg()[0]:.1f}"


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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url, cache_seconds):
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
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        # All load comes from one address: the form rate limit would refuse the sign-up load.
        "OSP_FORM_RATE_LIMIT": "1000000/h",
        "OSP_FORM_MIN_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env, label, scale):
    log(f"[{label}] migrate, collectstatic, load_demo --scale {scale} …")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--scale", str(scale))
    settle(env)


def settle(env):
    """After loading: the database's own upkeep first, so it does not run during the measurement.

    PostgreSQL's autovacuum and analyse start on the freshly loaded tables a few seconds later
    and take a core for a while (seen as the warm column, the first one measured, 20 % lower
    on PostgreSQL than on SQLite while the page cache never touches the database); SQLite
    gets its statistics the same way.
    """
    if env["DATABASE_URL"].startswith("postgres"):
        subprocess.run(["psql", env["DATABASE_URL"], "-q", "-c", "VACUUM ANALYZE"], check=True, capture_output=True)
        subprocess.run(["psql", env["DATABASE_URL"], "-q", "-c", "CHECKPOINT"], check=True, capture_output=True)
    else:
        manage(env, "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')")
    time.sleep(3)  # what the load left (writes to disk) done before the first measurement


def reset_postgres():
    admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    name = POSTGRES_URL.rsplit("/", 1)[1]
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, capture_output=True)


def redis_flush():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    except Exception as error:  # the bench still runs with a cold cache
        log(f"(could not flush Redis: {error})")


def start_gunicorn(env, port):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "oudersteunpunt.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(TMP / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    sys.exit("gunicorn did not start; see bench/tmp/gunicorn.log")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def wrk(url, duration, paths=None):
    env = {**os.environ, "BENCH_PATHS": ",".join(paths or [])}
    gzip = ["-H", "Accept-Encoding: gzip"]
    # Warm up (and fill the page cache) before measuring.
    subprocess.run(["wrk", "-t1", "-c2", "-d1s", *gzip, url], capture_output=True, check=True, env=env, timeout=30)
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "5s", *gzip]
        + ["-s", str(ROOT / "bench" / "wrk_report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=duration + 30,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["rps"] = data["requests"] / data["seconds"]
    data["bytes_per_request"] = data["bytes"] / max(data["requests"], 1)
    return data


def django_query(env, code):
    out = subprocess.run(
        [PYTHON, "-c", "import django, json; django.setup();" + code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "oudersteunpunt.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def pages(env):
    urls = django_query(
        env,
        "import datetime; from django.utils import timezone;"
        "from faq.models import Phase, Question; from events.models import Event;"
        "from django.contrib.staticfiles.storage import staticfiles_storage as s;"
        "q = Question.objects.published().select_related('phase').order_by('pk')[5];"
        "e = Event.objects.published().upcoming().order_by('starts_at').first();"
        "print(json.dumps({'static': s.url('css/site.css'), 'phase': Phase.objects.first().get_absolute_url(),"
        " 'question': q.get_absolute_url(), 'event': e.get_absolute_url(),"
        " 'events': [e.slug for e in Event.objects.published().upcoming().filter(cancelled_at__isnull=True,"
        "  signup_deadline__isnull=True, audience='parents',"
        "  starts_at__gt=timezone.now() + datetime.timedelta(days=1))[:50]]}))",
    )
    listed = [
        ("/", "/"),
        ("/en/", "/en/"),
        ("/vragen/", "/vragen/"),
        ("a phase", urls["phase"]),
        ("a phase, page 2", urls["phase"] + "?pagina=2"),
        ("a question", urls["question"]),
        ("/zoeken/?q=thuiszitten", "/zoeken/?q=thuiszitten"),
        ("/begrippen/", "/begrippen/"),
        ("/agenda/", "/agenda/"),
        ("/agenda/?pagina=2", "/agenda/?pagina=2"),
        ("/agenda/archief/", "/agenda/archief/"),
        ("an event", urls["event"]),
        ("/agenda/agenda.ics", "/agenda/agenda.ics"),
        ("/buddy/", "/buddy/"),
        ("/contact/", "/contact/"),
        ("/sitemap.xml", "/sitemap.xml"),
        ("/sitemap-vragen.xml", "/sitemap-vragen.xml"),
    ]
    return urls["static"], listed, urls["events"]


# --- the second load process: sign-ups at a steady rate -------------------------------------------


def sign_up(base, slug, email):
    """A parent opens the event page and signs up: "stored", or why not."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/agenda/{slug}/"
    try:
        page = opener.open(url, timeout=30).read().decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page))
        data = {**fields, "name": "Bench", "email": email, "role": "parent", "people": "1", "consent": "on"}
        request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url})
        with opener.open(request, timeout=30) as response:
            return "stored" if "/aangemeld/" in response.url else f"answer {response.status} at {response.url}"
    except urllib.error.HTTPError as error:
        return f"refused {error.code}"
    except OSError as error:
        return f"error {type(error).__name__}"


def signup_load(base, slugs, rate, seconds):
    """Sends ``rate`` sign-ups a second for ``seconds``, spread over ``slugs``; prints what happened."""
    planned, outcomes = 0, []
    lock = threading.Lock()

    def one(number):
        outcome = sign_up(base, slugs[number % len(slugs)], f"{SIGNUP_PREFIX}{number}@example.org")
        with lock:
            outcomes.append(outcome)

    start = time.monotonic()
    pool = ThreadPoolExecutor(8)
    while planned < rate * seconds:
        delay = start + planned / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        pool.submit(one, planned)
        planned += 1
    # A server that cannot keep up leaves a queue: what has not started by the end is not sent.
    pool.shutdown(wait=True, cancel_futures=True)
    sent = len(outcomes)
    others = sorted({o for o in outcomes if o != "stored"})
    report = {"planned": planned, "sent": sent, "accepted": outcomes.count("stored"), "other answers": others}
    print(json.dumps(report))  # noqa: T201 - read by the parent process


# --- one database ---------------------------------------------------------------------------------


def measure_all(label, mode, base, static, listed, duration):
    rows = {"static": wrk(base + static, duration)}
    log(f"[{label}] {mode:5} static {rows['static']['rps']:8.0f} req/s")
    for name, path in listed:
        rows[name] = wrk(base + path, duration)
        d = rows[name]
        log(f"[{label}] {mode:5} {name:26} {d['rps']:7.0f} req/s  p95 {d['p95']:7.1f} ms  errors {d['errors']}")
    return rows


def run(label, database_url, args):
    warm_env = environment(database_url, 120)
    prepare(warm_env, label, args.scale)
    static, listed, slugs = pages(warm_env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    results = {}

    redis_flush()
    process = start_gunicorn(warm_env, port)
    try:
        results["warm"] = measure_all(label, "warm", base, static, listed, args.duration)
        # Mixed: the sign-up process runs for the whole measurement, from a second process.
        seconds = (len(listed) + 2) * (args.duration + 1.5) + 5
        loader = subprocess.Popen(
            [PYTHON, __file__, "--signup-load", base, "--signups-per-second", str(args.signups_per_second)]
            + ["--seconds", str(int(seconds)), "--events", ",".join(slugs)],
            stdout=subprocess.PIPE,
            text=True,
        )
        results["mixed"] = measure_all(label, "mixed", base, static, listed, args.duration)
        results["mixed"]["all pages in turn"] = wrk(base + "/", args.duration, paths=[p for _n, p in listed])
        out, _err = loader.communicate(timeout=seconds + 120)
        signups = json.loads(out.strip().splitlines()[-1])
    finally:
        stop(process)
    signups["stored"] = django_query(
        warm_env,
        f"from events.models import Signup; print(Signup.objects.filter(email__startswith='{SIGNUP_PREFIX}').count())",
    )
    log(f"[{label}] sign-ups: {signups}")

    process = start_gunicorn(environment(database_url, 0), port)
    try:
        results["cold"] = measure_all(label, "cold", base, static, listed, args.duration)
    finally:
        stop(process)
    return results, signups


def table(label, results, signups):
    lines = [
        f"### {label}",
        "",
        "| page | warm | cold | mixed | p95 warm ms | p95 cold ms | p95 mixed ms | bytes/request (gzip) | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = list(results["warm"])
    for name in [*names, "all pages in turn"]:
        cells = []
        for mode in ("warm", "cold", "mixed"):
            d = results[mode].get(name)
            cells.append(f"{d['rps'] / results[mode]['static']['rps']:.2f}" if d else "")
        for mode in ("warm", "cold", "mixed"):
            d = results[mode].get(name)
            cells.append(f"{d['p95']:.1f}" if d else "")
        sizes = [results[m][name]["bytes_per_request"] for m in ("warm", "cold", "mixed") if name in results[m]]
        errors = sum(results[m][name]["errors"] for m in ("warm", "cold", "mixed") if name in results[m])
        title = "static file (ceiling)" if name == "static" else name
        lines.append(f"| {title} | {' | '.join(cells)} | {max(sizes):.0f} | {errors} |")
    ceiling = " / ".join(f"{results[m]['static']['rps']:.0f}" for m in ("warm", "cold", "mixed"))
    lines += [
        "",
        f"Static file req/s (warm / cold / mixed): {ceiling}. "
        f"Sign-ups during the mixed run: {signups['planned']} planned at the steady rate, {signups['sent']} sent "
        f"(the rest was still queued when the run ended), {signups['accepted']} answered with the "
        f"thank-you page, {signups['stored']} stored"
        + (f" (other answers: {', '.join(signups['other answers'])})." if signups["other answers"] else "."),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=int(os.environ.get("BENCH_SCALE", "100")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", "10")))
    parser.add_argument("--signups-per-second", type=float, default=5)
    parser.add_argument("--skip-postgres", action="store_true", default=os.environ.get("BENCH_SKIP_POSTGRES") == "1")
    parser.add_argument("--signup-load", metavar="BASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--events", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.signup_load:
        signup_load(args.signup_load, args.events.split(","), args.signups_per_second, args.seconds)
        return

    ensure_wrk()
    if TMP.exists():
        shutil.rmtree(TMP)
    TMP.mkdir(parents=True)
    results = [("SQLite", *run("SQLite", f"sqlite:///{TMP / 'bench.sqlite3'}", args))]
    if shutil.which("psql") and not args.skip_postgres:
        reset_postgres()
        results.append(("PostgreSQL", *run("PostgreSQL", POSTGRES_URL, args)))
    header = [
        "# Benchmark",
        "",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average before the run "
        f"{LOAD_BEFORE}). gunicorn with 2 workers, wrk with {CONNECTIONS} connections for {args.duration} s per "
        f"page from a second process on the same machine, `Accept-Encoding: gzip`; demo content at scale "
        f"{args.scale} (`python bench/run.py --scale {args.scale}`).",
        "",
        "Columns warm, cold and mixed are each page's requests per second as a ratio to a static file served by "
        "the same gunicorn and WhiteNoise in the same mode: warm = from the page cache; cold = page cache off "
        f"(`PAGE_CACHE_SECONDS=0`); mixed = page cache on while a second process signs up "
        f"{args.signups_per_second:g} parents a second spread over the upcoming events (each sign-up renews "
        "that event's page, the agenda and the home page). Bytes are per response, headers included.",
        "Targets: warm at least 0.5, cold at least 0.15, p95 under 50 ms, no errors, every sign-up stored.",
        "",
        "",
    ]
    body = "\n\n".join(table(label, rows, signups) for label, rows, signups in results)
    notes = (ROOT / "bench" / "notes.md").read_text() if (ROOT / "bench" / "notes.md").exists() else ""
    path = ROOT / "bench" / "results.md"
    old = path.read_text() if path.exists() else ""
    # `make lighthouse` keeps its own section at the end; a new load run leaves it in place.
    kept = old[old.index("<!-- lighthouse:start -->") :] if "<!-- lighthouse:start -->" in old else ""
    path.write_text("\n".join(header) + body + "\n" + "".join("\n" + part for part in (notes, kept) if part))
    log(f"\nWritten to {ROOT / 'bench' / 'results.md'}")
    failures = [
        (label, mode, name)
        for label, rows, _signups in results
        for mode, pages_ in rows.items()
        for name, d in pages_.items()
        if d["errors"]
    ]
    lost = [(label, s) for label, _rows, s in results if s["stored"] != s["sent"]]
    if failures or lost:
        sys.exit(f"errors on: {failures}; sign-ups not stored: {lost}")


if __name__ == "__main__":
    main()
