from django.contrib.sitemaps import Sitemap

from .models import Phase, Question


class PhaseSitemap(Sitemap):
    def items(self):
        return Phase.objects.all()


class QuestionSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Question.objects.published().select_related("phase").only("slug", "updated_at", "phase__slug")

    def lastmod(self, question):
        return question.updated_at
