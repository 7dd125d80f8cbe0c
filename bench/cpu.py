"""CPU time and queries per request for every public page, in one process, page cache off.

On a shared machine requests per second under load mostly measure the scheduler;
the CPU time one process spends per request (``time.process_time``) does not.
The requests go through the same WSGI handler gunicorn calls, with DEBUG off and
the settings ``bench/run.py`` uses, against a database that already holds the
demo content (``migrate`` and ``load_demo --scale N`` first, and ``collectstatic``
for STATIC_ROOT). With SQLite the database's own work is in the figure; with
PostgreSQL it is not (another process).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 STATIC_ROOT=/tmp/static python bench/cpu.py
    python bench/cpu.py --profile /agenda/          # where the time of one page goes (pyinstrument)

pyinstrument is not a dependency of the site: ``pip install pyinstrument`` for ``--profile``.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULTS = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PAGE_CACHE_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "DJANGO_SETTINGS_MODULE": "oudersteunpunt.settings",
}


def pages():
    from django.contrib.staticfiles.storage import staticfiles_storage

    from events.models import Event
    from faq.models import Phase, Question

    question = Question.objects.published().select_related("phase").order_by("pk")[5]
    event = Event.objects.published().upcoming().order_by("starts_at").first()
    phase = Phase.objects.first().get_absolute_url()
    return [
        ("static", staticfiles_storage.url("css/site.css")),
        ("/", "/"),
        ("/en/", "/en/"),
        ("/vragen/", "/vragen/"),
        ("a phase", phase),
        ("a phase, page 2", phase + "?pagina=2"),
        ("a question", question.get_absolute_url()),
        ("/zoeken/?q=thuiszitten", "/zoeken/?q=thuiszitten"),
        ("/begrippen/", "/begrippen/"),
        ("/agenda/", "/agenda/"),
        ("/agenda/?pagina=2", "/agenda/?pagina=2"),
        ("/agenda/archief/", "/agenda/archief/"),
        ("an event", event.get_absolute_url()),
        ("/agenda/agenda.ics", "/agenda/agenda.ics"),
        ("/buddy/", "/buddy/"),
        ("/contact/", "/contact/"),
        ("/sitemap.xml", "/sitemap.xml"),
        ("/sitemap-vragen.xml", "/sitemap-vragen.xml"),
    ]


def environ_for(url):
    path, _sep, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, url):
    status = []
    body = application(environ_for(url), lambda s, headers, exc_info=None: status.append(s))
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return status[0], size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="requests per page")
    parser.add_argument("--profile", metavar="URL", help="profile this address with pyinstrument instead")
    parser.add_argument("--cprofile", metavar="URL", help="profile this address with cProfile (CPU time)")
    parser.add_argument("--only", help="comma-separated page names or addresses")
    args = parser.parse_args()
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)

    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()
    if args.profile:
        from pyinstrument import Profiler

        for _ in range(5):
            request(application, args.profile)
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(args.n):
            request(application, args.profile)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))  # noqa: T201
        return

    if args.cprofile:
        import cProfile
        import pstats

        for _ in range(5):
            request(application, args.cprofile)
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.n):
            request(application, args.cprofile)
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        return

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    listed = pages()
    if args.only:
        wanted = set(args.only.split(","))
        listed = [(n, u) for n, u in listed if n in wanted or u in wanted]
    print(f"{'page':26} {'CPU ms/request':>15} {'min':>6} {'queries':>8} {'bytes (gzip)':>13}  status")  # noqa: T201
    for name, url in listed:
        for _ in range(3):
            request(application, url)
        times = []
        for _ in range(args.n):
            queries.clear()
            start = time.process_time()
            with connection.execute_wrapper(count):
                status, size = request(application, url)
            times.append((time.process_time() - start) * 1000)
        print(  # noqa: T201
            f"{name:26} {statistics.median(times):15.2f} {min(times):6.2f} {len(queries):8} {size:13}  {status}"
        )


if __name__ == "__main__":
    main()
