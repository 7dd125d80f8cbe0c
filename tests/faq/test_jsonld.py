"""A question page tells search engines where it sits (BreadcrumbList) beside the question and answer (FAQPage)."""

import json
import re

import pytest

from tests.factories import PhaseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def graph(client, path):
    html = client.get(path).content.decode()
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(script)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}, html


def trail(breadcrumbs):
    items = breadcrumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


def test_a_question_has_its_breadcrumbs_from_home_to_itself(client, site_settings):
    site_settings.name = "Oudersteunpunt Noordkust"
    site_settings.save()
    phase = PhaseFactory(name="Eerste zorgen", slug="eerste-zorgen")
    question = QuestionFactory(
        phase=phase, slug="hoe", title="Hoe begin ik?", answer="<p>Met een <em>gesprek</em>.</p>"
    )
    found, html = graph(client, question.get_absolute_url())
    assert trail(found["BreadcrumbList"]) == [
        ("Oudersteunpunt Noordkust", "http://testserver/"),
        ("Vragen", "http://testserver/vragen/"),
        ("Eerste zorgen", "http://testserver/vragen/eerste-zorgen/"),
        ("Hoe begin ik?", "http://testserver/vragen/eerste-zorgen/hoe/"),
    ]
    # The visible breadcrumb shows the same steps between home and the question.
    visible = html[html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))]
    assert 'href="/vragen/"' in visible and 'href="/vragen/eerste-zorgen/"' in visible
    # The last step is the page's own canonical address.
    assert '<link rel="canonical" href="http://testserver/vragen/eerste-zorgen/hoe/">' in html
    assert found["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["text"] == "Met een gesprek."


def test_the_english_page_has_english_steps_and_addresses(client):
    path = "/en" + QuestionFactory(title="Hoe begin ik?").get_absolute_url()
    found, _html = graph(client, path)
    steps = trail(found["BreadcrumbList"])
    assert steps[0][1] == "http://testserver/en/"
    assert steps[1] == ("Questions", "http://testserver/en/vragen/")
    assert steps[-1][1] == f"http://testserver{path}"


def test_a_title_cannot_end_the_script(client):
    question = QuestionFactory(title='"Nee" </script><script>alert(1)</script>')
    found, html = graph(client, question.get_absolute_url())
    assert "<script>alert(1)" not in html
    assert trail(found["BreadcrumbList"])[-1][0] == question.title


def test_a_question_is_described_by_the_first_words_of_its_answer(client):
    words = " ".join(f"woord{n}" for n in range(40))
    question = QuestionFactory(answer=f"<p>School &amp; ouders <strong>praten</strong> samen. {words}</p>")
    html = client.get(question.get_absolute_url()).content.decode()
    expected = "School &amp; ouders praten samen. " + " ".join(f"woord{n}" for n in range(25)) + "…"
    assert f'<meta name="description" content="{expected}">' in html
    assert f'<meta property="og:description" content="{expected}">' in html
