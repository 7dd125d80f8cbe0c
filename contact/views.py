from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.views.generic import FormView

from faq.models import Question
from oudersteunpunt.spam import rate_limited
from oudersteunpunt.validators import has_control_characters

from .forms import ContactRequestForm, JoinForm
from .models import ContactRequest
from .services import contact_join_create, contact_request_create

SESSION_KEY = "contact_last_request"


@rate_limited("contact")
class ContactView(FormView):
    form_class = ContactRequestForm
    template_name = "contact/contact_form.html"

    @cached_property
    def about_question(self):
        slug = self.request.GET.get("vraag") or self.request.POST.get("vraag")
        if not slug or len(slug) > 200 or has_control_characters(slug):  # a posted NUL never reaches PostgreSQL
            return None
        return Question.objects.published().filter(slug=slug).only("title", "slug", "phase_id").first()

    def get_initial(self):
        question = self.about_question
        initial = {"phase": question.phase_id} if question else {}
        # A parent who found nothing in the search starts with what they typed.
        searched = " ".join(self.request.GET.get("zoekvraag", "")[:200].split())
        if searched:
            initial["message"] = searched
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(about_question=self.about_question, **kwargs)

    def form_valid(self, form):
        fields = form.answers()
        question = self.about_question
        if question and not fields["phase"]:
            fields["phase"] = question.phase  # for the overview; the parent's own choice wins
        contact_request = contact_request_create(
            about_question=question, mail_language=self.request.LANGUAGE_CODE, **fields
        )
        self.request.session[SESSION_KEY] = contact_request.pk
        return redirect("contact:thanks")


@rate_limited("contact")  # one limit for both of the consulent's forms
class JoinView(FormView):
    """Doe mee: join the netwerkgroep or become a buddy."""

    form_class = JoinForm
    template_name = "contact/join_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        contact_request = contact_join_create(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            wish=form.wish_label(),
            message=data["message"],
            mail_language=self.request.LANGUAGE_CODE,
        )
        self.request.session[SESSION_KEY] = contact_request.pk
        return redirect("contact:join_thanks")


def sent_page(request, template, form_url_name):
    """The thank-you page for the request this visitor just sent; without one, back to the form."""
    contact_request = ContactRequest.objects.filter(pk=request.session.get(SESSION_KEY)).first()
    if contact_request is None:
        return redirect(form_url_name)
    return render(
        request,
        template,
        {"contact_request": contact_request, "target_days": settings.OSP_RESPONSE_TARGET_WORKING_DAYS},
    )


def thanks(request):
    return sent_page(request, "contact/thanks.html", "contact:form")


def join_thanks(request):
    return sent_page(request, "contact/join_thanks.html", "contact:join")
