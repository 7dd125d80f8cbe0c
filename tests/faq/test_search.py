import pytest

from faq import search
from faq.models import MissedSearch, Phase
from tests.factories import QuestionFactory, StaffFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [("thuiszitter", "thuiszitten"), ("leerlingen", "leerling"), ("gesprekken", "gesprek"), ("café", "cafe")],
)
def test_word_forms_meet(a, b):
    assert search.phrase_stems(a) == search.phrase_stems(b)


def test_different_words_stay_apart():
    assert search.phrase_stems("school") != search.phrase_stems("scholier")


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


def test_all_words_together_rank_above_some(client):
    QuestionFactory(slug="een", title="Gesprek met de leerkracht", order=0)
    QuestionFactory(slug="beide", title="Gesprek over het OPP", order=1)
    assert results(client, "gesprek opp") == ["beide", "een"]


def test_rare_words_weigh_more(client):
    for i in range(4):
        QuestionFactory(slug=f"school{i}", title=f"School en thuis {i}", order=i)
    QuestionFactory(slug="zeldzaam", title="Het groeidocument", order=9)
    assert results(client, "school groeidocument")[0] == "zeldzaam"


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
    marked = search.highlight("<p>a &lt;script&gt; gesprek</p>", search.phrase_stems("gesprek"))
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


# --- what a parent really types -------------------------------------------------------------


def test_a_typo_is_corrected_to_a_word_of_the_content_and_can_be_undone(client):
    QuestionFactory(slug="zorgplicht", title="Wat betekent zorgplicht?", answer="<p>De school zoekt een plek.</p>")
    response = client.get("/zoeken/", {"q": "zorgplciht"})
    assert [q.slug for q in response.context["results"]] == ["zorgplicht"]
    content = response.content.decode()
    assert "Resultaten voor <em>zorgplicht</em>" in content
    assert "?q=zorgplciht&amp;precies=1" in content
    assert results(client, "zorgplciht") == ["zorgplicht"]
    exact = client.get("/zoeken/", {"q": "zorgplciht", "precies": "1"})
    assert exact.context["results"] == []


def test_short_words_are_never_corrected(client):
    QuestionFactory(slug="opp", title="Wat is een OPP?")
    assert results(client, "app") == []


def test_a_sentence_with_stop_words_and_a_word_the_content_lacks(client):
    QuestionFactory(slug="diagnose", title="Moet ik school vertellen over de diagnose?", order=0)
    QuestionFactory(slug="anders", title="Hoe bereid ik een gesprek voor?", order=1)
    # "zoon" is nowhere in the content; it must not empty the result.
    assert results(client, "Mijn zoon heeft een diagnose, wat moet ik nu doen?")[0] == "diagnose"


def test_dutch_compounds_meet_their_parts(client):
    QuestionFactory(slug="lpa", title="Krijg ik problemen met de leerplichtambtenaar?", answer="<p>Nee.</p>")
    QuestionFactory(slug="leerplicht", title="Wat is leerplicht?", answer="<p>Een wet.</p>")
    assert set(results(client, "leerplicht")) == {"lpa", "leerplicht"}
    QuestionFactory(slug="gesprek", title="Een gesprek met school", answer="<p>Bereid je voor.</p>")
    assert results(client, "schoolgesprek")[0] == "gesprek"


def test_speciale_meets_speciaal(client):
    QuestionFactory(slug="so", title="Naar het speciaal onderwijs")
    assert results(client, "speciale onderwijs") == ["so"]


def test_a_glossary_variant_leads_to_the_questions_that_use_the_term(client):
    TermFactory(term="OPP", meaning="ontwikkelingsperspectiefplan", variants="ontwikkelingsperspectief")
    QuestionFactory(slug="opp", title="Wat is een OPP?", answer="<p>Een plan voor je kind.</p>")
    QuestionFactory(slug="anders", title="Over rapporten", answer="<p>Cijfers.</p>")
    response = client.get("/zoeken/", {"q": "ontwikkelingsperspectief"})
    assert [q.slug for q in response.context["results"]] == ["opp"]
    assert [t.term for t in response.context["terms"]] == ["OPP"]


def test_an_english_synonym_from_the_starter_list(client):
    QuestionFactory(slug="klacht", title="Waar kan ik een klacht indienen?", answer="<p>Bij school.</p>")
    QuestionFactory(slug="anders", title="Over rapporten", answer="<p>Cijfers.</p>")
    assert results(client, "complaint") == ["klacht"]
    assert results(client, "how do I file a complaint") == ["klacht"]


def test_everyday_words_from_the_starter_list(client):
    QuestionFactory(slug="thuis", title="Mijn kind zit thuis", answer="<p>Thuiszitten is zwaar.</p>")
    QuestionFactory(slug="arr", title="Wat is een arrangement?", answer="<p>Extra ondersteuning.</p>")
    assert results(client, "verzuim") == ["thuis"]
    assert results(client, "rugzakje")[0] == "arr"
    assert results(client, "my child stays home from school")[0] == "thuis"


def test_hidden_search_words_find_a_question_without_being_shown(client):
    QuestionFactory(slug="ruzie", title="We komen er niet uit", search_words="conflict, onenigheid, vastgelopen")
    response = client.get("/zoeken/", {"q": "vastgelopen"})
    assert [q.slug for q in response.context["results"]] == ["ruzie"]
    assert "onenigheid" not in response.content.decode()


def test_the_index_follows_saves_deletes_and_unpublishing(client):
    question = QuestionFactory(slug="a", title="Over zwemles")
    assert results(client, "zwemles") == ["a"]
    question.title = "Over fietsles"
    question.save()
    assert results(client, "zwemles") == []
    assert results(client, "fietsles") == ["a"]
    question.published = False
    question.save()
    assert results(client, "fietsles") == []
    question.delete()
    QuestionFactory(slug="b", title="Over tekenles")
    assert results(client, "tekenles") == ["b"]


def test_unpublish_action_in_the_admin_takes_the_question_out_of_search(client):
    question = QuestionFactory(slug="a", title="Over zwemles")
    assert results(client, "zwemles") == ["a"]
    client.force_login(StaffFactory(role="netwerkgroep"))
    response = client.post(
        "/beheer/faq/question/", {"action": "unpublish", "_selected_action": [question.pk]}, follow=True
    )
    assert response.status_code == 200
    assert results(client, "zwemles") == []


def test_nothing_found_offers_suggestions_phases_and_the_consulent(client):
    QuestionFactory(slug="a", title="Over de leerplichtambtenaar")
    response = client.get("/zoeken/", {"q": "leerplichtig kwijt"})
    content = response.content.decode()
    assert response.context["results"] == []
    assert "Bedoelde je" in content
    assert "/contact/?zoekvraag=leerplichtig%20kwijt" in content
    assert Phase.objects.first().get_absolute_url() in content


def test_contact_form_is_prefilled_with_the_search(client):
    response = client.get("/contact/", {"zoekvraag": "pgb zorgkosten"})
    assert response.status_code == 200
    assert "pgb zorgkosten</textarea>" in response.content.decode()


def test_search_needs_few_queries(client, django_assert_max_num_queries):
    for i in range(20):
        QuestionFactory(slug=f"v{i}", title=f"Vraag {i} over school", order=i)
    results(client, "school")  # builds the index
    with django_assert_max_num_queries(6):
        assert len(results(client, "school")) == 10  # the best ten are shown


def test_the_index_follows_a_change_made_by_another_app_server():
    """No signal reaches this process when another server saves; the fingerprint in the database does."""
    from django.utils import timezone

    from faq.models import Question

    question = QuestionFactory(title="Over zwemles")
    index = search.search_index()
    assert [hit.slug for hit in search.run("zwemles", index).hits] == [question.slug]
    Question.objects.filter(pk=question.pk).update(title="Over fietsles", updated_at=timezone.now())
    assert search.search_index() is not index
    assert [hit.slug for hit in search.run("fietsles", search.search_index()).hits] == [question.slug]
    Question.objects.filter(pk=question.pk).delete()
    assert search.run("fietsles", search.search_index()).hits == []


def test_the_same_words_are_ranked_once_and_a_change_shows_at_once(client, monkeypatch):
    question = QuestionFactory(title="Mijn kind zit thuis", answer="<p>Bel de leerplichtambtenaar.</p>")
    ranked = []
    real_run = search.run
    monkeypatch.setattr(search, "run", lambda *args, **kwargs: ranked.append(args[0]) or real_run(*args, **kwargs))
    for _ in range(2):
        assert "Mijn kind zit" in client.get("/zoeken/?q=thuis").content.decode()
    assert ranked == ["thuis"]
    dutch_address = question.get_absolute_url()
    english = client.get("/en/zoeken/?q=thuis").content.decode()
    assert f'href="/en{dutch_address}"' in english  # a result's address is per language
    question.title = "Mijn kind blijft thuis van school"
    question.save()
    assert "Mijn kind blijft" in client.get("/zoeken/?q=thuis").content.decode()


def test_a_search_without_results_is_counted_each_time_also_when_kept(client):
    QuestionFactory(title="Mijn kind zit thuis")
    for _ in range(3):
        client.get("/zoeken/?q=zwemdiploma")
    assert MissedSearch.objects.get().count == 3
