"""The language helper on Dutch sentences whose difficulty we know."""

import pytest
from django.utils import translation

from oudersteunpunt.plainlanguage import Jargon, analyse, sentences

OPP = Jargon("OPP", "ontwikkelingsperspectief", ("ontwikkelingsperspectieven",))
TLV = Jargon("TLV", "toelaatbaarheidsverklaring", ())


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def kinds(report):
    return [advice.kind for advice in report.advice]


def test_a_short_plain_sentence_gets_no_advice():
    report = analyse("<p>Je kind gaat graag naar school. Dat is fijn.</p>", jargon=[OPP])
    assert report.advice == []
    assert report.score == 100
    assert not report.is_hard
    assert report.summary() == "Deze tekst is goed te lezen."


def test_a_thirty_word_sentence_is_too_long():
    long = (
        "Als de school merkt dat je kind meer hulp nodig heeft dan de leerkracht in de klas kan geven, "
        "gaat de intern begeleider samen met jou en de leerkracht kijken wat je kind nodig heeft om verder te komen."
    )
    assert len(long.split()) > 30
    report = analyse(f"<p>{long}</p>")
    assert kinds(report) == ["long_sentence"]
    assert "woorden" in report.advice[0].message
    assert report.advice[0].excerpt.startswith("Als de school")


def test_a_rare_long_word_is_flagged_once():
    report = analyse("<p>De school vraagt een ondersteuningsbehoefte aan. De ondersteuningsbehoefte is groot.</p>")
    assert kinds(report) == ["hard_word"]
    assert "ondersteuningsbehoefte" in report.advice[0].message


def test_common_long_words_are_fine():
    assert analyse("<p>Het samenwerkingsverband helpt de school en de ouders.</p>").advice == []


def test_an_unexplained_glossary_term_gets_advice():
    report = analyse("<p>De school maakt een OPP voor je kind.</p>", jargon=[OPP])
    assert kinds(report) == ["jargon"]
    assert "OPP (ontwikkelingsperspectief)" in report.advice[0].message


@pytest.mark.parametrize(
    "text",
    [
        "<p>De school maakt een ontwikkelingsperspectief (OPP) voor je kind.</p>",
        "<p>De school maakt een OPP (ontwikkelingsperspectief) voor je kind.</p>",
        "<p>De school maakt een OPP: een plan voor wat je kind kan leren.</p>",
    ],
)
def test_a_glossary_term_explained_where_it_first_occurs_is_fine(text):
    assert analyse(text, jargon=[OPP]).advice == []


def test_only_the_first_use_needs_an_explanation():
    text = "<p>Het OPP (ontwikkelingsperspectief) is een plan. Het OPP wordt elk jaar besproken.</p>"
    assert "jargon" not in kinds(analyse(text, jargon=[OPP]))


def test_the_passive_voice_where_easy_to_spot():
    report = analyse("<p>Het plan wordt door de school gemaakt.</p>")
    assert kinds(report) == ["passive"]
    assert analyse("<p>De school maakt het plan.</p>").advice == []


def test_a_sentence_never_runs_across_list_items_or_paragraphs():
    html = "<ul><li>Bel de school</li><li>Vraag om een gesprek</li></ul><p>Neem iemand mee</p>"
    assert sentences(html) == ["Bel de school", "Vraag om een gesprek", "Neem iemand mee"]


def test_abbreviations_do_not_end_a_sentence():
    assert len(sentences("<p>Neem bijv. een vriendin mee. Dat helpt.</p>")) == 2


def test_a_hard_text_scores_low_and_the_summary_says_why():
    hard = (
        "<p>Indien er sprake is van een ondersteuningsbehoefte die de basisondersteuning overstijgt, wordt door "
        "het schoolbestuur een toelaatbaarheidsverklaring aangevraagd bij het samenwerkingsverband, waarna een "
        "deskundigenadvies wordt opgesteld conform de geldende procedures.</p><p>Het OPP wordt geëvalueerd.</p>"
    )
    report = analyse(hard, jargon=[OPP, TLV])
    assert report.is_hard
    assert set(kinds(report)) == {"long_sentence", "hard_word", "jargon", "passive"}
    summary = report.summary()
    assert "lange zin" in summary and "moeilijke woorden" in summary and "vakwoord" in summary


def test_empty_text():
    report = analyse("")
    assert report.score == 100 and report.advice == []


def test_a_definition_right_after_the_term_explains_it():
    assert analyse("<p>Een OPP is een plan voor je kind.</p>", jargon=[OPP]).advice == []


def test_abbreviations_only_count_in_capitals():
    so = Jargon("SO", "speciaal onderwijs", ())
    assert analyse("<p>Ik denk het wel, so what.</p>", jargon=[so]).advice == []


class TestInTheAdmin:
    """Beside every rich-text field: advice after saving, fresh advice while typing."""

    @pytest.fixture
    def editor(self, client, db):
        from tests.factories import StaffFactory

        client.force_login(StaffFactory(role="netwerkgroep"))
        return client

    def test_the_change_page_shows_the_advice(self, editor):
        from django.urls import reverse

        from tests.factories import QuestionFactory, TermFactory

        TermFactory(term="OPP", meaning="ontwikkelingsperspectief")
        question = QuestionFactory(answer="<p>De school maakt een OPP voor je kind.</p>")
        response = editor.get(reverse("admin:faq_question_change", args=[question.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Taalhulp (B1)" in html
        assert "OPP (ontwikkelingsperspectief)" in html
        assert reverse("admin:taalhulp") in html
        assert "js/admin-taalhulp" in html

    def test_fresh_advice_for_posted_text(self, editor):
        from django.urls import reverse

        long = " ".join(["woord"] * 25) + "."
        response = editor.post(reverse("admin:taalhulp"), {"text": f"<p>{long}</p>"})
        assert response.status_code == 200
        assert "25 woorden" in response.content.decode()

    def test_only_staff_may_ask(self, client, db):
        from django.urls import reverse

        response = client.post(reverse("admin:taalhulp"), {"text": "x"})
        assert response.status_code == 302


@pytest.mark.parametrize("model", ["faq/question", "oudersteunpunt/page", "events/event"])
def test_add_and_change_pages_with_rich_text_still_open(client, db, model):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(f"/beheer/{model}/add/")
    assert response.status_code == 200
    assert "Taalhulp (B1)" in response.content.decode()
