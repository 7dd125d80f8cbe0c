from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def home_context(request):
    from .models import Phase

    return {"phases": Phase.objects.only("slug", "chooser_statement", "order")}


def demo_load(stdout, scale=1):
    from .demo import load

    load(stdout, scale=scale)


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Vragen en antwoorden")

    def ready(self):
        from oudersteunpunt import registry

        from .sitemaps import PhaseSitemap, QuestionSitemap

        registry.register_home_block(10, "faq/home_block.html", home_context)
        registry.register_demo_loader(10, "faq", demo_load)
        registry.register_sitemap("fases", PhaseSitemap)
        registry.register_sitemap("vragen", QuestionSitemap)
        registry.register_overview(overview)
        registry.register_public_models(
            *(self.get_model(name) for name in ("Phase", "Theme", "Question", "Term", "Synonym"))
        )


def overview(since):
    from django.utils.translation import gettext as _

    from oudersteunpunt.overview import Ranking, Series

    from .models import HelpfulVote, MissedSearch

    votes = HelpfulVote.objects.filter(created_at__gte=since).values_list("created_at", "helpful")
    return [
        Series(_("Heeft dit geholpen?"), [(moment, _("ja") if helpful else _("nee")) for moment, helpful in votes]),
        Ranking(
            _("Zoekopdrachten zonder resultaat (meest gezocht)"),
            list(MissedSearch.objects.filter(last_seen__gte=since).values_list("words", "count")[:20]),
        ),
    ]
