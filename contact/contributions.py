"""Everything the contact part offers the core, registered in one place (see oudersteunpunt/registry.py)."""

from django.apps import apps


def overview(since):
    from django.utils.translation import gettext as _

    from oudersteunpunt.overview import Series

    from .models import ContactRequest

    rows = list(
        ContactRequest.objects.filter(created_at__gte=since).values_list("created_at", "topic__name", "phase__name")
    )
    return [
        Series(_("Vragen aan de consulent, per onderwerp"), [(moment, topic) for moment, topic, _phase in rows]),
        Series(_("Vragen aan de consulent, per fase"), [(moment, phase) for moment, _topic, phase in rows]),
    ]


def export_personal_data(email):
    from .models import ContactRequest

    return [
        {
            "kenmerk": contact_request.reference,
            "naam": contact_request.name,
            "telefoon": contact_request.phone,
            "e-mail": contact_request.email,
            "bereikbaar": contact_request.good_times,
            "vraag": contact_request.message,
            "status": contact_request.status,
            "binnengekomen": contact_request.created_at.isoformat(),
        }
        for contact_request in ContactRequest.objects.for_email(email)
    ]


def erase_personal_data(email):
    from .models import ContactRequest

    return ContactRequest.objects.for_email(email).anonymise()


def personal_names(email):
    from .models import ContactRequest

    return ContactRequest.objects.for_email(email).names()


def admin_todos(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from oudersteunpunt.registry import AdminTodo

    from .models import ContactRequest

    if not request.user.has_perm("contact.view_contactrequest"):
        return []
    url = reverse("admin:contact_contactrequest_changelist")
    new = ContactRequest.objects.filter(status=ContactRequest.Status.NEW).count()
    return [
        AdminTodo(_("Nieuwe vragen aan de consulent"), f"{url}?status__exact={ContactRequest.Status.NEW}", new),
        AdminTodo(_("Open vragen aan de consulent"), f"{url}?open=ja", ContactRequest.objects.open().count(), False),
    ]


def privacy_facts():
    from django.conf import settings
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from oudersteunpunt.privacy import DataFacts

    from .forms import ContactRequestForm

    months = settings.CONTACT_RETENTION_MONTHS
    return [
        DataFacts(
            order=40,
            title=_("Vraag aan de consulent"),
            form=ContactRequestForm,
            purpose=_("Zodat de consulent je kan bellen of mailen en met je mee kan denken."),
            retention=ngettext(
                "%(months)s maand nadat je vraag is afgerond, wissen we alles wat zegt wie je bent. Alleen het "
                "onderwerp en de fase blijven over, om te tellen waar ouders naar vragen.",
                "%(months)s maanden nadat je vraag is afgerond, wissen we alles wat zegt wie je bent. Alleen het "
                "onderwerp en de fase blijven over, om te tellen waar ouders naar vragen.",
                months,
            )
            % {"months": months},
        )
    ]


def register():
    from django.utils.translation import gettext_lazy as _

    from oudersteunpunt import registry

    from . import demo
    from .sitemaps import ContactSitemap

    registry.register_urls("contact.urls")
    registry.register_menu_entry(40, _("Contact"), "contact:form")
    registry.register_link("contact", "contact:form")
    registry.register_footer_link(10, _("Doe mee"), "contact:join")
    registry.register_home_card(40, "contact/home_card.html")
    registry.register_overview(overview)
    registry.register_personal_data(
        "vragen aan de consulent", export=export_personal_data, erase=erase_personal_data, names=personal_names
    )
    registry.register_demo_loader(40, "contact", demo.load)
    registry.register_personal_data_facts(privacy_facts)
    registry.register_admin_todos(40, admin_todos)
    registry.register_sitemap("contact", ContactSitemap)
    registry.register_home_block(30, "contact/home_join_block.html")
    # The topics are choices of the contact form. No addresses of its own: a page no part
    # claims (/contact/ among them) already counts every part, the faq's phases too.
    registry.register_cache_dependency("contact", models=[apps.get_model("contact", "Topic")], prefixes=())
