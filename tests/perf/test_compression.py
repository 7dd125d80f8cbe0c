"""HTML goes out gzip-compressed, also from the page cache, with the visitor's own CSRF token inside."""

import gzip

import pytest
from django.test import Client

from tests.factories import EventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def test_pages_are_compressed_after_the_csrf_token_is_filled_in():
    event = EventFactory()
    Client().get(event.get_absolute_url())  # fills the page cache
    visitor = Client()
    response = visitor.get(event.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert len(response.content) < len(html) / 2
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token and "osp-csrf-placeholder" not in html
    assert int(response["Content-Length"]) == len(response.content)


def test_no_compression_for_a_client_that_does_not_ask(client):
    response = client.get("/agenda/")
    assert "Content-Encoding" not in response
    assert response.content.decode().rstrip().endswith("</html>")
