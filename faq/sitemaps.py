from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Q

from oudersteunpunt.sitemaps import ITEMS_PER_SITEMAP_PAGE, LatestLastmodMixin, ListSitemap

from .models import Phase, Question


class FaqListSitemap(ListSitemap):
    """/vragen/, /begrippen/ and every page of every phase."""

    def lists(self):
        from .views import QUESTIONS_PER_PAGE

        phases = Phase.objects.annotate(count=Count("questions", filter=Q(questions__published=True)))
        return [
            ("faq:index", None, 0, 0),
            ("faq:glossary", None, 0, 0),
            *(("faq:phase", {"phase": p.slug}, p.count, QUESTIONS_PER_PAGE) for p in phases.only("slug")),
        ]


class QuestionSitemap(LatestLastmodMixin, Sitemap):
    limit = ITEMS_PER_SITEMAP_PAGE

    def items(self):
        return Question.objects.published().select_related("phase").only("slug", "updated_at", "phase__slug")

    def lastmod(self, question):
        return question.updated_at
