import pytest

from faq import search
from faq.models import MissedSearch
from tests.factories import QuestionFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [("thuiszitter", "thuiszitten"), ("leerlingen", "leerling"), ("gesprekken", "gesprek"), ("café", "cafe")],
)
def test_word_forms_meet(a, b):
    assert search.parse_query(a) == search.parse_query(b)


def test_different_words_stay_apart():
    assert search.parse_query("school") != search.parse_query("scholier")


def results(client, q):
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    return [q.slug for q in response.context["results"]]


def test_thuiszitter_finds_text_that_only_says_thuiszitten(client):
    QuestionFactory(slug="thuis", title="Mijn kind gaat niet naar school", answer="<p>Kinderen die thuiszitten…</p>")
    QuestionFactory(slug="anders", title="Over rapporten", answer="<p>Cijfers.</p>")
    assert results(client, "thuiszitter") == ["thuis"]


@pytest.mark.parametrize("query", ["leerling", "gesprek", "cafe", "CAFÉ"])
def test_forms_and_accents(client, query):
    QuestionFactory(slug="doel", title="Het café voor ouders", answer="<p>Gesprekken met leerlingen en ouders.</p>")
    assert results(client, query) == ["doel"]


def test_titles_rank_above_answers(client):
    QuestionFactory(slug="in-antwoord", title="Algemene vraag", answer="<p>Iets over het OPP.</p>", order=0)
    QuestionFactory(slug="in-titel", title="Wat is een OPP?", answer="<p>Een plan.</p>", order=5)
    assert results(client, "opp") == ["in-titel", "in-antwoord"]


def test_every_word_must_be_found(client):
    QuestionFactory(slug="beide", title="Gesprek over het OPP")
    QuestionFactory(slug="een", title="Gesprek met de leerkracht")
    assert results(client, "gesprek opp") == ["beide"]


def test_unpublished_questions_are_not_found(client):
    QuestionFactory(slug="verborgen", title="Geheime vraag over school", published=False)
    assert results(client, "geheime") == []


def test_results_show_phase_and_marked_snippet(client):
    q = QuestionFactory(title="Praten met school", answer="<p>Een goed <strong>gesprek</strong> begint thuis.</p>")
    response = client.get("/zoeken/", {"q": "gesprekken"})
    content = response.content.decode()
    assert "<mark>gesprek</mark>" in content
    assert q.phase.name in content


def test_snippet_escapes_html():
    marked = search.highlight("<p>a &lt;script&gt; gesprek</p>", search.parse_query("gesprek"))
    assert "<script>" not in marked
    assert "<mark>gesprek</mark>" in marked


@pytest.mark.parametrize(
    "query",
    ["", "a", "x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE faq_question; --", "%%%", "🙂🙂", "\x00"],
)
def test_strange_queries_are_calm(client, query):
    QuestionFactory()
    response = client.get("/zoeken/", {"q": query})
    # A NUL in an address is refused before the search sees it (tests/hardening/test_nul_bytes.py).
    assert response.status_code == (400 if query == "\x00" else 200)
    assert "<script>alert" not in response.content.decode()


def test_search_without_results_is_counted_by_words_only(client):
    client.get("/zoeken/", {"q": "Zwemles  Autisme"})
    client.get("/zoeken/", {"q": "autisme zwemles"}, REMOTE_ADDR="10.1.1.1")
    missed = MissedSearch.objects.get()
    assert missed.words == "autisme zwemles"
    assert missed.count == 2


def test_search_with_results_is_not_counted(client):
    QuestionFactory(title="Zwemles op school")
    client.get("/zoeken/", {"q": "zwemles"})
    assert not MissedSearch.objects.exists()


def test_glossary_terms_are_found(client):
    TermFactory(term="TLV", meaning="toelaatbaarheidsverklaring", explanation="Nodig voor speciaal onderwijs.")
    response = client.get("/zoeken/", {"q": "toelaatbaarheidsverklaring"})
    assert [t.term for t in response.context["terms"]] == ["TLV"]
    assert not MissedSearch.objects.exists()


def test_same_top_results_whatever_the_database(client, django_db_setup):
    """The ranking happens in Python over a plain LIKE filter; this pins its order."""
    for i, (title, answer) in enumerate(
        [
            ("Gesprek met de IB'er", "<p>Over het OPP.</p>"),
            ("Het OPP lezen", "<p>Een gesprek helpt.</p>"),
            ("Gesprek over het OPP", "<p>Samen.</p>"),
            ("Iets anders", "<p>Geen gesprek, wel OPP.</p>"),
        ]
    ):
        QuestionFactory(slug=f"r{i}", title=title, answer=answer, order=i)
    assert results(client, "gesprek opp") == ["r2", "r0", "r1", "r3"]
