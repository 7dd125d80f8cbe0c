from django.db.models import Count, Q

from oudersteunpunt.sitemaps import ListSitemap, RowSitemap

from .models import Phase, Question


class FaqListSitemap(ListSitemap):
    """/vragen/, /begrippen/ and every page of every phase."""

    def lists(self):
        from .views import QUESTIONS_PER_PAGE

        phases = Phase.objects.annotate(count=Count("questions", filter=Q(questions__published=True)))
        phases = phases.order_by(*Phase._meta.ordering)  # a count (GROUP BY) drops Meta.ordering
        return [
            ("faq:index", None, 0, 0),
            ("faq:glossary", None, 0, 0),
            *(("faq:phase", {"phase": p.slug}, p.count, QUESTIONS_PER_PAGE) for p in phases.only("slug")),
        ]


class QuestionSitemap(RowSitemap):
    url_name = "faq:question"
    url_fields = {"phase": "phase__slug", "question": "slug"}

    def queryset(self):
        return Question.objects.published()
