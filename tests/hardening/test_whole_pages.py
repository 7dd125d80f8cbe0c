"""Every public page arrives whole through gunicorn with DEBUG off (issue 13.1).

The page cache used to fill in the CSRF token after ``Content-Length`` was set,
so forms pages were sent 39 bytes longer than announced and browsers cut off
the footer and the closing tags. Read raw, on a cache miss and on a hit.
"""

import sqlite3

import pytest

from tests.servers import demo_database, demo_database_template, gunicorn, static_root  # noqa: F401

STATIC_PAGES = ["/over-ons/", "/visie/", "/disclaimer/", "/privacy/", "/toegankelijkheid/"]


@pytest.fixture
def server(gunicorn, demo_database):  # noqa: F811
    return gunicorn(DATABASE_URL=demo_database)


def public_pages(database_url):
    """Read from the database, not from pages: a page fetched to find a link would be cached already."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        phase, question = db.execute(
            "SELECT p.slug, q.slug FROM faq_question q JOIN faq_phase p ON p.id = q.phase_id"
            " WHERE q.published ORDER BY q.id LIMIT 1"
        ).fetchone()
        (event,) = db.execute(
            "SELECT slug FROM events_event WHERE published AND starts_at > datetime('now') ORDER BY starts_at LIMIT 1"
        ).fetchone()
    return [
        "/",
        "/vragen/",
        f"/vragen/{phase}/",
        f"/vragen/{phase}/{question}/",
        "/agenda/",
        f"/agenda/{event}/",
        "/contact/",
        "/buddy/",
        "/zoeken/?q=opp",
        "/begrippen/",
        *STATIC_PAGES,
    ]


def test_every_public_page_arrives_whole_on_a_miss_and_a_hit(server):
    checked = []
    for path in public_pages(server.env["DATABASE_URL"]):
        for expected in ("miss", "hit"):
            response = server.raw(path)
            assert response.status == 200, path
            assert response.header("X-Page-Cache") == expected, path
            assert int(response.header("Content-Length")) == len(response.body), (path, expected)
            assert response.body.rstrip().endswith(b"</html>"), (path, expected)
            checked.append((path, expected))
    form_pages = [p for p, _ in checked if "csrfmiddlewaretoken" in server.request("GET", p).body.decode()]
    assert "/contact/" in form_pages and "/buddy/" in form_pages
    print(f"{len(checked)} responses whole: {checked}")  # noqa: T201
