"""Everything the faq part offers the core, registered in one place (see oudersteunpunt/registry.py)."""

from django.apps import apps


def home_context(request):
    from oudersteunpunt.fragments import read

    from .models import Phase

    data = read(["vragen"], "chooser", lambda: list(Phase.objects.only("slug", "chooser_statement", "order")))
    return {"phases": data.value, "data_key": data.key}


def admin_todos(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from oudersteunpunt.registry import AdminTodo

    from .models import MissedSearch, Question

    todos = []
    if request.user.has_perm("faq.view_question"):
        todos.append(
            AdminTodo(
                _("Antwoorden die langer dan een jaar niet zijn nagelezen"),
                reverse("admin:faq_question_changelist") + "?controle=nodig",
                Question.objects.review_overdue().count(),
            )
        )
    if request.user.has_perm("faq.view_missedsearch"):
        todos.append(
            AdminTodo(
                _("Zoekopdrachten zonder resultaat"),
                reverse("admin:faq_missedsearch_changelist"),
                MissedSearch.objects.count(),
                needs_action=False,
            )
        )
    return todos


def export_missed_searches(email, names):
    from .models import MissedSearch

    return list(MissedSearch.objects.mentioning(names).values_list("words", flat=True))


def erase_missed_searches(email, names):
    from .models import MissedSearch

    return MissedSearch.objects.mentioning(names).delete()[0]


def glossary_jargon():
    from .models import Term

    return Term.jargon()


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


def register():
    from django.db.models.signals import post_delete, post_save
    from django.utils.translation import gettext_lazy as _

    from oudersteunpunt import registry

    from . import demo
    from .glossary import terms_changed
    from .sitemaps import FaqListSitemap, QuestionSitemap

    registry.register_urls("faq.urls")
    registry.register_menu_entry(10, _("Vragen"), "faq:index", mark_current=True)
    registry.register_link("search", "faq:search")
    registry.register_home_block(10, "faq/home_block.html", home_context)
    registry.register_demo_loader(10, "faq", demo.load)
    registry.register_sitemap("vragen-lijsten", FaqListSitemap)
    registry.register_sitemap("vragen", QuestionSitemap)
    registry.register_overview(overview)
    registry.register_jargon(glossary_jargon)
    registry.register_admin_todos(10, admin_todos)
    # A changed term changes the marked-up answers cached by glossary.marked_answer.
    term = apps.get_model("faq", "Term")
    post_save.connect(terms_changed, sender=term, dispatch_uid="glossary-term-save")
    post_delete.connect(terms_changed, sender=term, dispatch_uid="glossary-term-delete")
    registry.register_cache_dependency(
        "vragen",
        models=[apps.get_model("faq", name) for name in ("Phase", "Theme", "Question", "Term", "Synonym")],
        prefixes=("/vragen/", "/zoeken/", "/begrippen/"),
    )
    registry.register_mentions(
        "zoekopdrachten zonder resultaat", export=export_missed_searches, erase=erase_missed_searches
    )
