"""Everything the events part offers the core, registered in one place (see oudersteunpunt/registry.py)."""

from django.apps import apps

HOME_EVENTS = 3


def home_context(request):
    import time

    from oudersteunpunt.fragments import read

    from .models import Event, counted
    from .views import AGENDA_SECONDS

    def upcoming():
        # The first few, then counted (one small grouped query, not a join over every sign-up).
        upcoming = Event.objects.published().filter(cancelled_at__isnull=True).upcoming().select_related("type")
        return counted(upcoming[:HOME_EVENTS])

    # Read once per version of the agenda and of the home page (a sign-up renews it), and every half minute.
    moment = int(time.time() // AGENDA_SECONDS)
    data = read(["agenda"], f"home-events:{moment}", upcoming, paths=["/"])
    return {"events": data.value, "data_key": data.key}


def signup_pages(signup):
    """The pages that show an event's places left: a sign-up renews these and no others."""
    from django.urls import reverse

    return [reverse("home"), reverse("events:list"), reverse("events:detail", kwargs={"slug": signup.event.slug})]


def admin_todos(request):
    from django.urls import reverse
    from django.utils import formats, timezone
    from django.utils.translation import gettext as _

    from oudersteunpunt.registry import AdminTodo

    from .models import Event

    if not request.user.has_perm("events.view_event"):
        return []
    event = Event.objects.filter(cancelled_at__isnull=True).upcoming().select_related("type").with_counts().first()
    if event is None:
        return [
            AdminTodo(_("Er staat geen bijeenkomst gepland"), reverse("admin:events_event_add"), needs_action=False)
        ]
    if request.user.has_perm("events.view_signup"):
        url = reverse("admin:events_signup_changelist") + f"?event__id__exact={event.pk}"
    else:
        url = reverse("admin:events_event_change", args=[event.pk])
    label = _("Volgende bijeenkomst: %(title)s, %(date)s — aanmeldingen (personen)") % {
        "title": event.title,
        "date": formats.date_format(timezone.localtime(event.starts_at), "j F"),
    }
    return [AdminTodo(label, url, event.confirmed_people, needs_action=False)]


def export_personal_data(email):
    from .models import Signup

    return [
        {
            "activiteit": signup.event.title,
            "datum": signup.event.starts_at.isoformat(),
            "naam": signup.name,
            "e-mail": signup.email,
            "telefoon": signup.phone,
            "rol": signup.role,
            "personen": signup.people,
            "opmerking": signup.remarks,
            "status": signup.status,
            "aangemeld_op": signup.created_at.isoformat(),
        }
        for signup in Signup.objects.for_email(email).select_related("event")
    ]


def erase_personal_data(email):
    from .models import Signup

    return Signup.objects.for_email(email).anonymise()


def personal_names(email):
    from .models import Signup

    return Signup.objects.for_email(email).names()


def export_subscriptions(email):
    from .models import Subscription

    return [
        {
            "e-mail": subscription.email,
            "soorten": [t.name for t in subscription.types.all()],
            "gevraagd": [t.name for t in subscription.pending_types()],
            "bevestigd_op": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
            "aangemaakt_op": subscription.created_at.isoformat(),
        }
        for subscription in Subscription.objects.for_email(email).prefetch_related("types")
    ]


def erase_subscriptions(email):
    from .models import Subscription

    return Subscription.objects.for_email(email).forget()


def privacy_facts():
    from django.conf import settings
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from oudersteunpunt.privacy import DataFacts

    from .forms import SignupForm, SubscriptionForm
    from .models import SUBSCRIPTION_CONFIRM_DAYS

    days = settings.EVENT_SIGNUP_RETENTION_DAYS
    return [
        DataFacts(
            order=20,
            title=_("Aanmelding voor een activiteit"),
            form=SignupForm,
            purpose=_(
                "Zodat we weten wie er komt, je een bevestiging en herinnering kunnen sturen en je kunnen bellen "
                "als het niet doorgaat."
            ),
            retention=ngettext(
                "We wissen je naam, e-mailadres, telefoonnummer en opmerking %(days)s dag na de activiteit. "
                "Alleen het aantal deelnemers blijft.",
                "We wissen je naam, e-mailadres, telefoonnummer en opmerking %(days)s dagen na de activiteit. "
                "Alleen het aantal deelnemers blijft.",
                days,
            )
            % {"days": days},
        ),
        DataFacts(
            order=21,
            title=_("Mail bij nieuwe activiteiten"),
            form=SubscriptionForm,
            purpose=_("Zodat we je een mail kunnen sturen als er een nieuwe activiteit is van de soort die je koos."),
            retention=ngettext(
                "Bevestig je niet binnen %(days)s dag, dan wissen we je e-mailadres. "
                "Meld je je af (met de link in elke mail), dan wissen we het meteen.",
                "Bevestig je niet binnen %(days)s dagen, dan wissen we je e-mailadres. "
                "Meld je je af (met de link in elke mail), dan wissen we het meteen.",
                SUBSCRIPTION_CONFIRM_DAYS,
            )
            % {"days": SUBSCRIPTION_CONFIRM_DAYS},
        ),
    ]


def register():
    from django.utils.translation import gettext_lazy as _

    from oudersteunpunt import registry

    from . import demo
    from .sitemaps import EventListSitemap, EventSitemap, EventTypeSitemap

    registry.register_urls("events.urls")
    registry.register_menu_entry(20, _("Agenda"), "events:list")
    registry.register_cache_dependency(
        "agenda",
        models=[apps.get_model("events", name) for name in ("EventType", "Event", "Signup")],
        prefixes=("/agenda/",),
        narrow={apps.get_model("events", "Signup"): signup_pages},
    )
    registry.register_home_block(20, "events/home_block.html", home_context)
    registry.register_demo_loader(20, "events", demo.load)
    registry.register_admin_todos(20, admin_todos)
    registry.register_sitemap("agenda", EventListSitemap)
    registry.register_sitemap("activiteiten", EventSitemap)
    registry.register_sitemap("soorten-activiteiten", EventTypeSitemap)
    registry.register_robots_disallow(
        "agenda/afmelden/", "agenda/op-de-hoogte/bevestigen/", "agenda/op-de-hoogte/afmelden/"
    )
    registry.register_personal_data_facts(privacy_facts)
    registry.register_personal_data(
        "aanmeldingen", export=export_personal_data, erase=erase_personal_data, names=personal_names
    )
    registry.register_personal_data(
        "mail bij nieuwe activiteiten", export=export_subscriptions, erase=erase_subscriptions
    )
