"""Sources under an answer, and the demo answers a parent must be able to trust."""

import io

import pytest

from faq import demo
from faq.models import MAX_SOURCES, Question, parse_sources
from tests.factories import PhaseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_sources_are_shown_under_the_answer_as_links(client):
    question = QuestionFactory(
        phase=PhaseFactory(slug="thuiszitten"),
        sources="Leerplicht (Rijksoverheid) | https://www.rijksoverheid.nl/onderwerpen/leerplicht\n"
        "Ouders & Onderwijs | https://www.oudersenonderwijs.nl",
    )
    content = client.get(question.get_absolute_url()).content.decode()
    assert '<h2 id="bronnen-titel">Bronnen</h2>' in content
    url = "https://www.rijksoverheid.nl/onderwerpen/leerplicht"
    link = f'<a href="{url}" rel="noopener">Leerplicht (Rijksoverheid)</a>'
    assert link in content
    assert "Ouders &amp; Onderwijs</a>" in content
    assert content.index(question.answer[3:20]) < content.index("Bronnen")


def test_no_sources_no_heading(client):
    question = QuestionFactory(sources="")
    assert "Bronnen" not in client.get(question.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "line",
    [
        "Klik | javascript:alert(1)",
        "Data | data:text/html;base64,PHNjcmlwdD4=",
        "Geen adres",
        "Zonder host | https://",
        "Spatie | https://example.org/a b",
        "Relatief | /contact/",
        "| ",
    ],
)
def test_unsafe_or_broken_lines_are_left_out(line):
    assert parse_sources(line) == []


def test_a_title_is_escaped_and_a_missing_title_becomes_the_host(client):
    question = QuestionFactory(
        sources='<script>x</script>" onmouseover="y | https://example.org/pad\n | https://example.org/'
    )
    content = client.get(question.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in content
    assert "&lt;script&gt;x&lt;/script&gt;&quot; onmouseover=&quot;y</a>" in content
    assert '<a href="https://example.org/" rel="noopener">example.org</a>' in content


def test_a_quote_in_the_url_cannot_leave_the_attribute(client):
    question = QuestionFactory(sources='Titel | https://example.org/"onmouseover="alert(1)')
    content = client.get(question.get_absolute_url()).content.decode()
    assert 'href="https://example.org/&quot;onmouseover=&quot;alert(1)"' in content


def test_the_number_of_sources_is_bounded():
    text = "\n".join(f"Bron {i} | https://example.org/{i}" for i in range(MAX_SOURCES + 5))
    assert len(parse_sources(text)) == MAX_SOURCES


def test_demo_answers_carry_sources_and_the_checked_facts():
    demo.load(io.StringIO())
    assert set(demo.SOURCES) <= set(Question.objects.values_list("title", flat=True))
    for question in Question.objects.filter(title__in=demo.SOURCES):
        assert question.source_links(), question.title
        assert all(url.startswith("https://") for _title, url in question.source_links())
    answers = " ".join(Question.objects.values_list("answer", flat=True))
    assert "flessenpost" not in answers
    assert "colafles-effect" in answers
    assert "niet bang te zijn voor een boete" not in answers
    fine = Question.objects.get(title="Krijg ik problemen met de leerplichtambtenaar?").answer
    assert "beslist de leerplichtambtenaar" in fine
    exemption = Question.objects.get(title="Kan mijn kind een deel van de tijd naar school?").answer
    assert "aan bij de leerplichtambtenaar, niet school" in exemption
    assert "arts of psycholoog" in exemption
    home = Question.objects.get(title="Mijn kind zit thuis. Wat moet ik als eerste doen?").answer
    assert 'href="/contact/"' in home and "onderwijsconsulenten.nl" in home
    # One title for the consulent in every answer.
    assert "consulent van het Oudersteunpunt" not in answers
    assert "consulent van het samenwerkingsverband" not in answers
