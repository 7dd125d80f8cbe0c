import pytest
from django.urls import reverse

from faq.glossary import mark_terms
from faq.models import HelpfulVote, Question, Term
from tests.factories import PhaseFactory, QuestionFactory, StaffFactory, TermFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phases():
    first = PhaseFactory(name="Eerste zorgen", slug="eerste-zorgen", order=1, chooser_statement="Ik maak me zorgen.")
    second = PhaseFactory(name="Thuiszitten", slug="thuiszitten", order=2)
    return first, second


def test_index_lists_phases_in_order_with_questions(client, phases):
    first, second = phases
    QuestionFactory(phase=second, title="Tweede vraag")
    QuestionFactory(phase=first, title="Eerste vraag")
    QuestionFactory(phase=first, title="Verborgen", published=False)
    content = client.get("/vragen/").content.decode()
    assert content.index("Eerste zorgen") < content.index("Thuiszitten")
    assert "Eerste vraag" in content and "Tweede vraag" in content
    assert "Verborgen" not in content
    assert "Waar sta je nu?" in content


def test_chooser_on_home_links_to_the_phase(client, phases):
    content = client.get("/").content.decode()
    assert 'href="/vragen/eerste-zorgen/"' in content
    assert "Ik maak me zorgen." in content


def test_phase_page_has_themes_and_neighbours(client, phases):
    first, second = phases
    theme = ThemeFactory(phase=first, name="Praten met school")
    QuestionFactory(phase=first, theme=theme, title="Hoe begin ik?")
    response = client.get("/vragen/eerste-zorgen/")
    content = response.content.decode()
    assert "Praten met school" in content and "Hoe begin ik?" in content
    assert response.context["previous"] is None
    assert response.context["next"] == second


def test_the_phases_are_listed_by_their_order_not_as_they_were_made(client):
    # With a count per phase (GROUP BY) Django leaves out Meta.ordering: the database then gives the
    # rows in any order it likes (PostgreSQL's hash aggregate did, now and then, in CI).
    PhaseFactory(name="Thuiszitten", slug="thuiszitten", order=2)
    PhaseFactory(name="Eerste zorgen", slug="eerste-zorgen", order=1)
    content = client.get("/vragen/").content.decode()
    assert content.index("Eerste zorgen") < content.index("Thuiszitten")


def test_unknown_phase_is_404(client):
    assert client.get("/vragen/bestaat-niet/").status_code == 404


def test_question_page(client, phases):
    first, _ = phases
    q = QuestionFactory(phase=first, slug="hoe", title="Hoe begin ik?", answer="<p>Met een gesprek.</p>")
    other = QuestionFactory(phase=first, slug="daarna", title="En daarna?", order=1)
    q.related.add(other)
    response = client.get("/vragen/eerste-zorgen/hoe/")
    content = response.content.decode()
    assert "Met een gesprek." in content
    assert "Laatst gecontroleerd op" in content
    assert "Ouders vroegen ook" in content
    assert '"@type": "FAQPage"' in content
    assert '<script type="application/ld+json">' in content
    assert response.context["next"] == other


def test_question_in_wrong_phase_or_unpublished_is_404(client, phases):
    first, second = phases
    QuestionFactory(phase=first, slug="hoe")
    QuestionFactory(phase=first, slug="weg", published=False)
    assert client.get("/vragen/thuiszitten/hoe/").status_code == 404
    assert client.get("/vragen/eerste-zorgen/weg/").status_code == 404


def test_jsonld_cannot_break_out_of_the_script(client):
    QuestionFactory(slug="x", title="</script><script>alert(1)</script>")
    content = client.get(Question.objects.get(slug="x").get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in content


def test_glossary_page_a_to_z(client):
    TermFactory(term="zorgplicht", slug="zorgplicht")
    TermFactory(term="OPP", slug="opp")
    response = client.get("/begrippen/")
    content = response.content.decode()
    assert 'id="opp"' in content and 'id="zorgplicht"' in content
    assert content.index('id="letter-O"') < content.index('id="letter-Z"')


def test_sitemap_lists_questions(client):
    q = QuestionFactory()
    assert b"/sitemap-vragen.xml" in client.get("/sitemap.xml").content
    assert q.get_absolute_url().encode() in client.get("/sitemap-vragen.xml").content


class TestGlossaryMarkup:
    def terms(self):
        return [
            TermFactory(term="OPP", slug="opp"),
            TermFactory(term="thuiszitter", slug="thuiszitter", variants="thuiszitten"),
            TermFactory(term="passend onderwijs", slug="passend-onderwijs"),
        ]

    def test_first_occurrence_only(self):
        html, used = mark_terms("<p>Het OPP is een plan. Lees het OPP goed.</p>", self.terms())
        assert html.count('class="term"') == 1
        assert [t.slug for t in used] == ["opp"]
        assert 'aria-describedby="uitleg-opp"' in html

    def test_variants_and_phrases(self):
        html, used = mark_terms("<p>Kinderen die thuiszitten en passend onderwijs.</p>", self.terms())
        assert {t.slug for t in used} == {"thuiszitter", "passend-onderwijs"}

    def test_not_inside_links_headings_or_words(self):
        html, used = mark_terms('<h2>OPP</h2><p><a href="/x">OPP</a> en kOPPen</p>', self.terms())
        assert used == []

    def test_abbreviation_only_in_capitals(self):
        _, used = mark_terms("<p>opp is hier geen afkorting.</p>", self.terms())
        assert used == []

    def test_question_page_explains_terms(self, client):
        Term.objects.create(term="TLV", slug="tlv", explanation="Nodig voor het SBO.")
        q = QuestionFactory(answer="<p>Vraag een TLV aan.</p>")
        content = client.get(q.get_absolute_url()).content.decode()
        assert 'href="#begrip-tlv"' in content
        assert 'id="uitleg-tlv"' in content and "Nodig voor het SBO." in content


class TestFeedback:
    def post(self, client, q, answer, **extra):
        return client.post(reverse("faq:feedback", args=[q.phase.slug, q.slug]), {"geholpen": answer}, **extra)

    def test_yes_and_no_are_counted(self, client):
        q = QuestionFactory()
        response = self.post(client, q, "ja")
        assert response.status_code == 302
        self.post(client, q, "nee", REMOTE_ADDR="10.0.0.9")
        q.refresh_from_db()
        assert (q.helpful_yes, q.helpful_no) == (1, 1)
        assert HelpfulVote.objects.count() == 2

    def test_no_offers_the_contact_form_with_the_question(self, client):
        q = QuestionFactory(slug="mijn-vraag")
        response = self.post(client, q, "nee")
        page = client.get(response.url)
        assert "Jammer dat dit niet hielp" in page.content.decode()

    def test_second_vote_from_same_address_is_not_counted(self, client):
        q = QuestionFactory()
        for _ in range(3):
            self.post(client, q, "ja")
        q.refresh_from_db()
        assert q.helpful_yes == 1

    def test_flood_gets_429(self, client):
        questions = QuestionFactory.create_batch(3)
        for _ in range(20):
            for q in questions:
                self.post(client, q, "ja")
        assert self.post(client, questions[0], "ja").status_code == 429

    def test_bad_value_and_get_are_harmless(self, client):
        q = QuestionFactory()
        assert self.post(client, q, "misschien").status_code == 302
        assert client.get(reverse("faq:feedback", args=[q.phase.slug, q.slug])).status_code == 405
        q.refresh_from_db()
        assert q.helpful_yes == q.helpful_no == 0

    def test_feedback_needs_csrf(self, client):
        from django.test import Client

        q = QuestionFactory()
        strict = Client(enforce_csrf_checks=True)
        assert strict.post(reverse("faq:feedback", args=[q.phase.slug, q.slug]), {"geholpen": "ja"}).status_code == 403


@pytest.mark.parametrize("amount", [10, 1000])
def test_query_count_does_not_grow(client, django_assert_max_num_queries, amount):
    phases = [PhaseFactory() for _ in range(5)]
    theme = ThemeFactory(phase=phases[0])
    questions = [
        Question(
            phase=phases[i % 5],
            theme=theme if i % 5 == 0 else None,
            title=f"Vraag {i} over school",
            slug=f"v{i}",
            answer="<p>Een antwoord over het OPP en school.</p>",
            title_index=" vrag school ",
            body_index=" antwoord opp school ",
        )
        for i in range(amount)
    ]
    Question.objects.bulk_create(questions)
    for i in range(25):
        TermFactory(term=f"Begrip{i}")
    q = Question.objects.get(slug="v0")
    q.related.add(Question.objects.get(slug="v5"))
    for url in [
        "/",
        "/vragen/",
        phases[0].get_absolute_url(),
        q.get_absolute_url(),
        "/zoeken/?q=school",
        "/begrippen/",
    ]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_netwerkgroep_edits_questions_and_sees_missed_searches(client):
    user = StaffFactory(role="netwerkgroep")
    client.force_login(user)
    assert client.get("/beheer/faq/question/").status_code == 200
    assert client.get("/beheer/faq/question/?controle=nodig").status_code == 200
    assert client.get("/beheer/faq/missedsearch/").status_code == 200
    assert client.get("/beheer/faq/question/add/").status_code == 200
    assert user.has_perm("faq.change_question") and not user.has_perm("faq.add_missedsearch")


def test_review_overdue_filter():
    import datetime

    from django.utils import timezone

    old = QuestionFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    QuestionFactory(last_reviewed=timezone.localdate())
    assert list(Question.objects.review_overdue()) == [old]


def test_netwerkgroep_previews_an_unpublished_answer(client):
    question = QuestionFactory(published=False, title="Nog in de maak")
    assert client.get(question.get_absolute_url()).status_code == 404
    client.force_login(StaffFactory(role="netwerkgroep"))
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "nog niet gepubliceerd" in response.content.decode()


def test_admin_start_page_points_to_what_needs_doing(client):
    client.force_login(StaffFactory(role="netwerkgroep"))
    content = client.get("/beheer/").content.decode()
    assert "?controle=nodig" in content and "Waar vragen ouders naar?" in content
    assert "Open vragen aan de consulent" not in content  # not for the netwerkgroep
