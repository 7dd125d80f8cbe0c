import pytest

from tests.factories import EventFactory, PageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_secure_headers(response):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request["PATH_INFO"], name)
    assert "camera=()" in response.headers["Permissions-Policy"]
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp


def test_every_kind_of_response(client):
    PageFactory(slug="privacy")
    event = EventFactory()
    urls = [
        "/",  # html
        "/privacy/",  # html, again from the page cache below
        "/privacy/",
        "/bestaat-niet/",  # 404
        "/beheer/",  # redirect
        "/health/",  # json
        "/robots.txt",  # text
        "/sitemap.xml",  # xml
        "/agenda/agenda.ics",  # calendar
        event.get_absolute_url(),  # page with a form
        "/agenda/afmelden/onbekend/",  # 404 of the app
        "/en/",
    ]
    for url in urls:
        assert_secure_headers(client.get(url))
    assert_secure_headers(client.post("/contact/", {}))  # a form with errors


def test_hsts_and_https_under_production_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    insecure = client.get("/")
    assert insecure.status_code == 301 and insecure.url.startswith("https://")
    secure = client.get("/", secure=True)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
