"""Everything the buddies part offers the core, registered in one place (see oudersteunpunt/registry.py)."""

from django.apps import apps

CHOICE_MODELS = ("Theme", "SchoolType", "Municipality", "Language")


def overview(since):
    from django.utils.translation import gettext as _

    from oudersteunpunt.overview import Series

    from .models import BuddyRequest

    rows = BuddyRequest.objects.filter(created_at__gte=since).values_list("created_at", "themes__name")
    return [Series(_("Buddy-aanvragen, per thema"), list(rows))]


def export_personal_data(email):
    from .models import BuddyRequest

    return [
        {
            "kenmerk": buddy_request.reference,
            "naam": buddy_request.name,
            "e-mail": buddy_request.email,
            "telefoon": buddy_request.phone,
            "gemeente": str(buddy_request.municipality or ""),
            "leeftijd_kind": buddy_request.child_age,
            "wens": buddy_request.hopes,
            "aangevraagd": buddy_request.created_at.isoformat(),
            "koppelingen": [
                {"buddy": m.buddy.first_name, "stand": m.state} for m in buddy_request.matches.select_related("buddy")
            ],
        }
        for buddy_request in BuddyRequest.objects.for_email(email).select_related("municipality")
    ]


def erase_personal_data(email):
    from .models import BuddyRequest

    return BuddyRequest.objects.for_email(email).anonymise()


def personal_names(email):
    from .models import BuddyRequest

    return BuddyRequest.objects.for_email(email).names()


def admin_todos(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from oudersteunpunt.registry import AdminTodo

    from .admin import follow_up_due, waiting_for_buddy
    from .models import BuddyRequest, Match

    todos = []
    if request.user.has_perm("buddies.view_buddyrequest"):
        todos.append(
            AdminTodo(
                _("Buddy-aanvragen die wachten op een buddy"),
                reverse("admin:buddies_buddyrequest_changelist") + "?wacht=ja",
                waiting_for_buddy(BuddyRequest.objects.all()).count(),
            )
        )
    if request.user.has_perm("buddies.view_match"):
        todos.append(
            AdminTodo(
                _("Koppelingen die opvolging nodig hebben"),
                reverse("admin:buddies_match_changelist") + "?opvolging=nu",
                follow_up_due(Match.objects.all()).count(),
            )
        )
    return todos


def privacy_facts():
    from django.conf import settings
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from oudersteunpunt.privacy import DataFacts

    from .forms import BuddyRequestForm

    months = settings.BUDDY_RETENTION_MONTHS
    return [
        DataFacts(
            order=30,
            title=_("Aanvraag voor een buddy"),
            form=BuddyRequestForm,
            purpose=_("Zodat de consulent een buddy kan zoeken die bij je past."),
            retention=ngettext(
                "%(months)s maand na het einde van het contact met je buddy (of na je aanvraag, als er geen "
                "buddy kwam) wissen we alles wat zegt wie je bent.",
                "%(months)s maanden na het einde van het contact met je buddy (of na je aanvraag, als er geen "
                "buddy kwam) wissen we alles wat zegt wie je bent.",
                months,
            )
            % {"months": months},
            note=_(
                "Een buddy krijgt je achternaam en contactgegevens pas als hij of zij ja zegt. Vooraf ziet de "
                "buddy alleen je voornaam, je gemeente, de leeftijd van je kind en wat je hoopt."
            ),
        )
    ]


def register():
    from django.utils.translation import gettext_lazy as _

    from oudersteunpunt import registry

    from . import demo
    from .sitemaps import BuddySitemap

    registry.register_urls("buddies.urls")
    registry.register_menu_entry(30, _("Buddy"), "buddies:index")
    registry.register_home_card(30, "buddies/home_card.html")
    # The demo buddy: buddies/demo.py gives this account a profile and an active match.
    registry.register_demo_users(("buddy@example.org", "Bram", None, False))
    registry.register_overview(overview)
    # The choices of the request form (themes, municipalities, …) show on /buddy/ too.
    registry.register_cache_dependency(
        "buddies",
        models=[apps.get_model("buddies", name) for name in ("BuddyProfile", *CHOICE_MODELS)],
        prefixes=("/buddy/",),
    )
    registry.register_personal_data(
        "buddy-aanvragen", export=export_personal_data, erase=erase_personal_data, names=personal_names
    )
    registry.register_demo_loader(30, "buddies", demo.load)
    registry.register_robots_disallow("buddy/evaluatie/", "buddy/mijn/")
    registry.register_personal_data_facts(privacy_facts)
    registry.register_admin_todos(30, admin_todos)
    registry.register_sitemap("buddy", BuddySitemap)
