"""The Taalhulp on the list of questions: a score per answer and a filter for the hard ones."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from faq.models import Question
from oudersteunpunt.plainlanguage import HARD_SCORE
from tests.factories import QuestionFactory, StaffFactory, TermFactory

pytestmark = pytest.mark.django_db

HARD = (
    "<p>Indien er sprake is van een ondersteuningsbehoefte die de basisondersteuning overstijgt, wordt door "
    "het schoolbestuur een toelaatbaarheidsverklaring aangevraagd bij het samenwerkingsverband, waarna een "
    "deskundigenadvies wordt opgesteld conform de geldende procedures.</p>"
)
PLAIN = "<p>Je kind gaat graag naar school. Praat met de juf als je je zorgen maakt.</p>"


def test_saving_an_answer_keeps_its_score():
    TermFactory(term="TLV", meaning="toelaatbaarheidsverklaring")
    hard = QuestionFactory(answer=HARD)
    plain = QuestionFactory(answer=PLAIN)
    assert hard.plain_language_score < HARD_SCORE
    assert plain.plain_language_score == 100
    plain.answer = HARD
    plain.save()
    assert Question.objects.get(pk=plain.pk).plain_language_score < HARD_SCORE


def test_the_list_shows_the_score_and_filters_the_hard_answers(client):
    hard = QuestionFactory(title="Moeilijk antwoord", answer=HARD)
    QuestionFactory(title="Makkelijk antwoord", answer=PLAIN)
    client.force_login(StaffFactory(role="netwerkgroep"))
    url = reverse("admin:faq_question_changelist")
    page = client.get(url).content.decode()
    assert "leesbaarheid" in page.lower()
    assert f"{hard.plain_language_score} (moeilijk)" in page
    hard_only = client.get(url, {"taal": "moeilijk"}).content.decode()
    assert "Moeilijk antwoord" in hard_only and "Makkelijk antwoord" not in hard_only
    plain_only = client.get(url, {"taal": "goed"}).content.decode()
    assert "Makkelijk antwoord" in plain_only and "Moeilijk antwoord" not in plain_only


def test_the_demo_has_a_hard_answer_and_mostly_plain_ones(tmp_path):
    with open(tmp_path / "demo.log", "w") as log:
        call_command("load_demo", stdout=log)
    scores = list(Question.objects.values_list("plain_language_score", flat=True))
    hard = [score for score in scores if score < HARD_SCORE]
    assert 1 <= len(hard) < len(scores) / 4, scores
