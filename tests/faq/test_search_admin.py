"""The netwerkgroep closes the gaps in search from the admin, and parents find the answer at once."""

import pytest
from django.contrib.auth.models import Group

from faq.models import MissedSearch, Question, Synonym
from tests.factories import QuestionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def results(client, q, prefix=""):
    response = client.get(f"{prefix}/zoeken/", {"q": q})
    assert response.status_code == 200
    return [q.slug for q in response.context["results"]]


@pytest.fixture
def netwerkgroep(client):
    client.force_login(StaffFactory(role="netwerkgroep"))
    return client


def test_netwerkgroep_may_edit_synonyms():
    codenames = set(Group.objects.get(name="netwerkgroep").permissions.values_list("codename", flat=True))
    assert {"add_synonym", "change_synonym", "delete_synonym", "view_synonym"} <= codenames


def test_starter_synonyms_ship_with_the_migrations():
    assert Synonym.objects.filter(phrase="rugzakje").exists()
    assert "klacht" in Synonym.objects.get(phrase="complaint").expansions


def test_a_synonym_added_in_the_admin_is_found_at_once_also_in_english(client, netwerkgroep):
    QuestionFactory(slug="pgb", title="Wie betaalt de zorg op school?", answer="<p>Soms de gemeente.</p>")
    assert results(client, "zorgbudget") == []
    assert results(client, "zorgbudget", prefix="/en") == []
    response = netwerkgroep.post(
        "/beheer/faq/synonym/add/", {"phrase": "Zorgbudget", "expansions": "zorg, gemeente"}, follow=True
    )
    assert response.status_code == 200
    assert Synonym.objects.get(phrase="zorgbudget")
    netwerkgroep.logout()
    assert results(client, "zorgbudget") == ["pgb"]
    assert results(client, "zorgbudget", prefix="/en") == ["pgb"]


def test_a_missed_search_becomes_a_synonym_from_the_admin_list(client, netwerkgroep):
    QuestionFactory(slug="arr", title="Wat is een arrangement?", answer="<p>Extra hulp voor je kind.</p>")
    client.get("/zoeken/", {"q": "hulpbudget"})
    missed = MissedSearch.objects.get(words="hulpbudget")
    response = netwerkgroep.post("/beheer/faq/missedsearch/", {"action": "resolve", "_selected_action": [missed.pk]})
    assert response.status_code == 302
    form_url = response["Location"]
    assert netwerkgroep.get(form_url).status_code == 200
    response = netwerkgroep.post(form_url, {"words": "hulpbudget", "kind": "synoniem", "expansions": "arrangement"})
    assert response.status_code == 302
    assert Synonym.objects.get(phrase="hulpbudget").expansions == "arrangement"
    assert not MissedSearch.objects.exists()
    netwerkgroep.logout()
    assert results(client, "hulpbudget") == ["arr"]


def test_a_missed_search_becomes_a_search_word_of_a_question(client, netwerkgroep):
    question = QuestionFactory(slug="zwem", title="Mag mijn kind mee met het schoolzwemmen?", search_words="bad")
    missed = MissedSearch.objects.create(words="zwembadtas")
    response = netwerkgroep.post(
        f"/beheer/faq/missedsearch/{missed.pk}/oplossen/",
        {"words": "zwembadtas", "kind": "zoekwoord", "question": question.pk},
    )
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).search_words == "bad, zwembadtas"
    netwerkgroep.logout()
    assert results(client, "zwembadtas") == ["zwem"]


def test_resolving_without_the_needed_words_says_what_is_missing(netwerkgroep):
    missed = MissedSearch.objects.create(words="iets")
    response = netwerkgroep.post(
        f"/beheer/faq/missedsearch/{missed.pk}/oplossen/", {"words": "iets", "kind": "synoniem"}
    )
    assert response.status_code == 200
    assert "Vul in naar welke woorden" in response.content.decode()
    assert MissedSearch.objects.exists()


def test_resolving_needs_permission(client):
    missed = MissedSearch.objects.create(words="iets")
    client.force_login(StaffFactory(is_superuser=False))
    response = client.get(f"/beheer/faq/missedsearch/{missed.pk}/oplossen/")
    assert response.status_code == 403
