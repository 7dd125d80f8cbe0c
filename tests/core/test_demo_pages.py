"""Over ons says who we are and how to reach us; the visie explains the four buffers. They do not repeat."""

import pytest

from oudersteunpunt.demo import load_pages

pytestmark = pytest.mark.django_db


def test_over_ons_and_visie_are_distinct_and_name_the_partners(client):
    load_pages()
    about = client.get("/over-ons/").content.decode()
    vision = client.get("/visie/").content.decode()
    assert "buffers" in vision and "buffers" not in about
    assert "Zo bereik je ons" in about and "Zo bereik je ons" not in vision
    for link in ('href="/contact/"', 'href="/doe-mee/"', 'href="/visie/"'):
        assert link in about
    assert 'href="https://www.stichtingbmp.nl"' in about and "Ouderschapsspel" in about
    assert 'href="https://schouders.nl"' in about
    assert "gespreksspel met kaarten" in vision
