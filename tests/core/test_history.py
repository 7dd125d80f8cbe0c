import re

import pytest
import reversion
from django.apps import apps
from django.test import Client
from reversion.models import Version

from contact.models import ContactRequest
from faq.models import Question
from tests.factories import (
    BuddyProfileFactory,
    BuddyRequestFactory,
    EventFactory,
    QuestionFactory,
    SignupFactory,
    StaffFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

PARENT = {"name": "Petra van Dijk", "email": "petra.vandijk@example.org", "phone": "06 12345678"}


@pytest.fixture
def volunteer(client):
    user = StaffFactory(role="netwerkgroep", first_name="Marieke", last_name="Jansen")
    client.force_login(user)
    return client


def question_form(question, answer):
    return {
        "title": question.title,
        "slug": question.slug,
        "phase": question.phase_id,
        "theme": "",
        "answer": answer,
        "published": "on",
        "last_reviewed": "2026-11-01",
        "order": 0,
    }


def change_url(question):
    return f"/beheer/faq/question/{question.pk}/change/"


def test_edit_twice_compare_and_restore_the_first_version(volunteer, settings):
    settings.PAGE_CACHE_SECONDS = 60
    question = QuestionFactory(answer="<p>Het eerste antwoord.</p>")
    visitor = Client()
    assert "Het eerste antwoord." in visitor.get(question.get_absolute_url()).content.decode()

    for answer in ["<p>Het tweede antwoord.</p>", "<p>Het derde antwoord.</p>"]:
        response = volunteer.post(change_url(question), question_form(question, answer))
        assert response.status_code == 302, response.context["adminform"].form.errors

    versions = list(Version.objects.get_for_object(question).order_by("pk"))
    # The state from before the first edit was kept, so that edit can be undone too.
    assert len(versions) == 3
    assert versions[1].revision.user.first_name == "Marieke"

    history = volunteer.get(f"/beheer/faq/question/{question.pk}/history/").content.decode()
    assert "Marieke Jansen" in history
    assert history.count('name="van"') == 3

    compare = volunteer.get(
        f"/beheer/faq/question/{question.pk}/history/vergelijk/", {"van": versions[1].pk, "naar": versions[2].pk}
    ).content.decode()
    assert "<del>tweede</del>" in compare
    assert "<ins>derde</ins>" in compare

    revision_url = f"/beheer/faq/question/{question.pk}/history/{versions[0].pk}/"
    preview = volunteer.get(revision_url)
    assert "Het eerste antwoord." in preview.content.decode()
    assert "Terugzetten" in preview.content.decode()
    question.refresh_from_db()
    assert "derde" in question.answer  # looking changes nothing

    assert "Het derde antwoord." in visitor.get(question.get_absolute_url()).content.decode()
    assert visitor.get(question.get_absolute_url())["X-Page-Cache"] == "hit"
    form = question_form(question, "<p>Het eerste antwoord.</p>")
    assert volunteer.post(revision_url, form).status_code == 302

    question.refresh_from_db()
    assert question.answer == "<p>Het eerste antwoord.</p>"
    response = visitor.get(question.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Het eerste antwoord." in response.content.decode()
    assert Version.objects.get_for_object(question).count() == 4


def test_restore_through_the_model_renews_the_page_cache_and_keeps_live_counts(volunteer, settings):
    settings.PAGE_CACHE_SECONDS = 60
    question = QuestionFactory(answer="<p>Oud.</p>")
    volunteer.post(change_url(question), question_form(question, "<p>Nieuw.</p>"))
    Question.objects.filter(pk=question.pk).update(helpful_yes=7)
    first = Version.objects.get_for_object(question).order_by("pk").first()

    visitor = Client()
    visitor.get(question.get_absolute_url())
    volunteer.post(f"/beheer/faq/question/{question.pk}/history/{first.pk}/", question_form(question, "<p>Oud.</p>"))

    question.refresh_from_db()
    assert question.helpful_yes == 7
    assert "Oud." in visitor.get(question.get_absolute_url()).content.decode()


def test_a_deleted_question_can_be_recovered(volunteer):
    question = QuestionFactory(title="Mag school mijn kind weigeren?", answer="<p>Nee, niet zomaar.</p>")
    pk, form = question.pk, question_form(question, question.answer)
    assert volunteer.post(f"/beheer/faq/question/{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Question.objects.filter(pk=pk).exists()

    listing = volunteer.get("/beheer/faq/question/recover/").content.decode()
    assert "Mag school mijn kind weigeren?" in listing
    version = Version.objects.get_deleted(Question).get()
    assert volunteer.post(f"/beheer/faq/question/recover/{version.pk}/", form).status_code == 302

    recovered = Question.objects.get(pk=pk)
    assert recovered.answer == "<p>Nee, niet zomaar.</p>"


def test_a_buddy_profile_keeps_only_its_public_fields(volunteer):
    buddy = BuddyProfileFactory(first_name="Sanne", introduction="Ik heb twee kinderen.")
    with reversion.create_revision():
        buddy.save()
    data = Version.objects.get_for_object(buddy).get().serialized_data
    assert "Sanne" in data
    assert buddy.user.email not in data
    assert '"user"' not in data and '"capacity"' not in data


def test_history_never_holds_personal_data_of_parents():
    for label in ("contact.ContactRequest", "buddies.BuddyRequest", "buddies.Match", "events.Signup"):
        assert not reversion.is_registered(apps.get_model(label))

    # Even while a revision is being recorded (an admin save), they stay out.
    with reversion.create_revision():
        event = EventFactory()
        SignupFactory(event=event, **PARENT)
        BuddyRequestFactory(**PARENT)
        ContactRequest.objects.create(reference="OSP-T-1", message="Mijn zoon zit thuis.", consent=True, **PARENT)
        QuestionFactory()

    stored = " ".join(Version.objects.values_list("serialized_data", flat=True))
    stored += " ".join(Version.objects.values_list("object_repr", flat=True))
    assert Version.objects.exists()
    for value in PARENT.values():
        assert value not in stored
    assert not re.search(r"petra", stored, re.IGNORECASE)


def test_restoring_a_buddy_profile_keeps_its_account_and_load():
    from oudersteunpunt.history import version_restore

    buddy = BuddyProfileFactory(first_name="Sanne", introduction="Eerste introductie.", capacity=2)
    with reversion.create_revision():
        buddy.save()
    buddy.introduction, buddy.capacity = "Tweede introductie.", 3
    buddy.save()

    version_restore(obj=buddy, version=Version.objects.get_for_object(buddy).get())
    buddy.refresh_from_db()
    assert buddy.introduction == "Eerste introductie."
    assert buddy.capacity == 3  # not part of the history: stays as it is now
    assert buddy.user_id is not None


def test_content_from_before_the_history_gets_a_first_version_after_migrate():
    from oudersteunpunt.history import create_initial_versions

    question = QuestionFactory()
    assert not Version.objects.get_for_object(question).exists()
    create_initial_versions(sender=apps.get_app_config("reversion"))
    assert Version.objects.get_for_object(question).count() == 1
    create_initial_versions(sender=apps.get_app_config("reversion"))
    assert Version.objects.get_for_object(question).count() == 1
