import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from oudersteunpunt.models import Page

PASSWORD = "een-goed-wachtwoord-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(user, TOTP_SECRET)


class StaffFactory(UserFactory):
    """Staff have two-factor authentication unless ``two_factor=False``."""

    is_staff = True

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(user, TOTP_SECRET)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["slug"]

    title = factory.Faker("sentence", nb_words=3, locale="nl_NL")
    slug = "over-ons"
    intro = "Een korte inleiding."
    body = "<p>Een tekst over het Oudersteunpunt.</p>"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "faq.Phase"

    name = factory.Sequence(lambda n: f"Fase {n}")
    slug = factory.Sequence(lambda n: f"fase-{n}")
    order = factory.Sequence(int)
    description = "Een korte beschrijving van deze fase."
    you_are_here_if = "je je herkent in deze fase."
    chooser_statement = factory.Sequence(lambda n: f"Ik sta in fase {n}.")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "faq.Theme"

    phase = factory.SubFactory(PhaseFactory)
    name = factory.Sequence(lambda n: f"Thema {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "faq.Question"

    phase = factory.SubFactory(PhaseFactory)
    theme = None
    title = factory.Sequence(lambda n: f"Vraag nummer {n} over school")
    slug = factory.Sequence(lambda n: f"vraag-{n}")
    answer = "<p>Een duidelijk antwoord.</p>"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "faq.Term"

    term = factory.Sequence(lambda n: f"begrip{n}")
    explanation = "Uitleg in gewone taal."


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.EventType"
        django_get_or_create = ["slug"]

    name = "Oudercafé"
    slug = "oudercafe"
    description = "Ouders praten met elkaar."
    for_whom = "ouders"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    type = factory.SubFactory(EventTypeFactory)
    title = factory.Sequence(lambda n: f"Oudercafé {n}")
    slug = factory.Sequence(lambda n: f"oudercafe-{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=2))
    place_name = "Buurthuis De Linde"
    address = "Lindelaan 12, Alkmaar"
    capacity = 10


class SignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Signup"

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"ouder{n}@example.org")
    consent = True


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "buddies.Municipality"
        django_get_or_create = ["name"]

    name = "Alkmaar"


class BuddyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "buddies.BuddyProfile"

    user = factory.SubFactory(UserFactory)
    first_name = factory.Sequence(lambda n: f"Buddy{n}")
    capacity = 1
    active = True
    trained_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class BuddyRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "buddies.BuddyRequest"

    reference = factory.Sequence(lambda n: f"BUD-T-{n:04d}")
    name = "Linda de Boer"
    email = factory.Sequence(lambda n: f"ouder{n}@example.org")
    municipality = factory.SubFactory(MunicipalityFactory)
    child_age = 10
    hopes = "Iemand die luistert."
    consent = True
