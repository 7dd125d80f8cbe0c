import datetime
import re

import pytest
from django.utils import timezone

from contact.models import ContactRequest
from oudersteunpunt.models import QueuedMail
from tests.factories import BuddyRequestFactory, EventFactory, QuestionFactory, SignupFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def content():
    QuestionFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    QuestionFactory(last_reviewed=timezone.localdate())
    later = EventFactory(title="Passend-onderwijs-café", starts_at=timezone.now() + datetime.timedelta(days=20))
    SignupFactory(event=later)
    first = EventFactory(title="Oudercafé over thuiszitten")
    SignupFactory.create_batch(3, event=first)
    ContactRequest.objects.create(reference="OSP-1", name="A", email="a@example.org", message="Vraag", consent=True)
    ContactRequest.objects.create(
        reference="OSP-2", name="B", email="b@example.org", message="Vraag", consent=True, status="in_progress"
    )
    BuddyRequestFactory()
    QueuedMail.objects.create(to=["x@example.org"], subject="Bevestiging", body="...", attempts=2)
    return first


def todos(client):
    html = client.get("/beheer/").content.decode()
    block = html.split('id="osp-todos"')[1].split("</table>")[0]
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a></th><td>(?:<strong class="osp-count">)?(\d*)', block)
    return {label: (url.replace("&amp;", "&"), count) for url, label, count in rows}


def test_netwerkgroep_sees_content_and_the_next_cafe_but_no_personal_data_counts(client, content):
    client.force_login(StaffFactory(role="netwerkgroep"))
    rows = todos(client)
    assert rows["Antwoorden die langer dan een jaar niet zijn nagelezen"] == (
        "/beheer/faq/question/?controle=nodig",
        "1",
    )
    [(label, (url, count))] = [(k, v) for k, v in rows.items() if k.startswith("Volgende bijeenkomst")]
    assert "Oudercafé over thuiszitten" in label
    assert count == "3"
    assert url == f"/beheer/events/signup/?event__id__exact={content.pk}"
    assert len(client.get(url).context["cl"].result_list) == 3
    assert not any("consulent" in label or "Buddy" in label or "Mails" in label for label in rows)


def test_consulent_sees_new_requests_and_waiting_buddy_requests(client, content):
    client.force_login(StaffFactory(role="consulent"))
    rows = todos(client)
    url, count = rows["Nieuwe vragen aan de consulent"]
    assert count == "1"
    assert [r.reference for r in client.get(url).context["cl"].result_list] == ["OSP-1"]
    url, count = rows["Buddy-aanvragen die wachten op een buddy"]
    assert count == "1"
    assert client.get(url).context["cl"].result_count == 1


def test_beheerder_sees_mails_that_failed(client, content):
    client.force_login(StaffFactory(role="beheerder"))
    url, count = todos(client)["Mails die (nog) niet verstuurd konden worden"]
    assert count == "1"
    assert client.get(url).status_code == 200
