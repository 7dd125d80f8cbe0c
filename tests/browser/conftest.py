"""Browser tests: Playwright drives Debian's Chromium against the live server."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    # Every rule still runs and every violation is reported in full; axe only skips building selectors
    # for the thousands of nodes that pass (axe-playwright-python's own default, lost when options are given).
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required here but not found at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    from django.contrib.auth.models import Group

    from tests.helpers import reapply_role_migrations

    if not Group.objects.exists():
        reapply_role_migrations()


class DemoSnapshot:
    """The database right after ``load_demo``, taken once per test session (per xdist worker) and put back
    for each test that asks for ``demo``: the same rows as a fresh ``load_demo``, in milliseconds instead of
    seconds. SQLite (the in-memory test database) is copied with its backup API; other databases copy every
    table into a schema of their own and back. Uploaded files under MEDIA_ROOT are copied along.
    """

    SCHEMA = "osp_demo_snapshot"

    def __init__(self, folder):
        self.folder = folder
        self.taken = False
        self.sqlite = None
        self.tables = None
        self.media = None

    def take(self, connection, media_root):
        self.taken = True
        if Path(media_root).exists():
            self.media = self.folder / "media"
            shutil.copytree(media_root, self.media)
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)
            return
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
            for table in tables:
                cursor.execute(f"CREATE TABLE {self.SCHEMA}.{quote(table)} AS SELECT * FROM {quote(table)}")
        self.tables = tables

    def restore(self, connection, media_root):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache
        from django.core.management.color import no_style
        from django.db import transaction

        if self.media is not None:
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)
        connection.ensure_connection()
        if self.sqlite is not None:
            self.sqlite.backup(connection.connection)
        else:
            quote = connection.ops.quote_name
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for sql in connection.ops.sql_flush(no_style(), self.tables):
                    cursor.execute(sql)
                for table in self.tables:
                    cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {self.SCHEMA}.{quote(table)}")
                models = apps.get_models(include_auto_created=True)
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
        # The rows are the snapshot's: ids cached from the previous test's database no longer hold.
        ContentType.objects.clear_cache()
        cache.clear()


@pytest.fixture(scope="session")
def _demo_snapshot(tmp_path_factory):
    return DemoSnapshot(tmp_path_factory.mktemp("demo-snapshot"))


@pytest.fixture
def demo(_roles, _demo_snapshot, settings, tmp_path):
    """The demo content of ``load_demo``: loaded for real once per session, then put back from a snapshot."""
    from django.core.management import call_command
    from django.db import connection

    if _demo_snapshot.taken:
        _demo_snapshot.restore(connection, settings.MEDIA_ROOT)
    else:
        with open(tmp_path / "demo.log", "w") as log:
            call_command("load_demo", stdout=log)
        _demo_snapshot.take(connection, settings.MEDIA_ROOT)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page):
    """Zero axe-core violations for WCAG 2.2 A and AA and axe's best practices on what the page shows now."""
    result = _axe.run(page, options=WCAG)
    problems = [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]
    ]
    assert result.violations_count == 0, f"{page.url}\n" + "\n".join(problems)


def screenshot(page, name):
    """Save what a parent sees on a phone and on a laptop."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)
