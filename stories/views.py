from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from faq.models import Phase, Question
from oudersteunpunt.spam import rate_limited
from oudersteunpunt.views import noindex

from .forms import StoryForm
from .models import Story
from .services import StoryError, story_approve, story_create, story_withdraw

STORIES_PER_PAGE = 10
RELATED_QUESTIONS = 5
SESSION_KEY = "stories_last_sent"
LIST_FIELDS = ("id", "title", "happened", "shown_name", "phase_id", "published_at", "phase__name", "phase__slug")


def published_stories():
    return Story.objects.published().select_related("phase").only(*LIST_FIELDS)


def story_list(request, phase=None):
    phases = list(Phase.objects.only("name", "slug", "order"))
    current = None
    stories = published_stories()
    if phase is not None:
        current = next((p for p in phases if p.slug == phase), None)
        if current is None:
            raise Http404
        stories = stories.filter(phase=current)
    try:
        page = Paginator(stories, STORIES_PER_PAGE).page(request.GET.get("pagina", 1))
    except InvalidPage as error:
        raise Http404 from error
    return render(request, "stories/story_list.html", {"phases": phases, "current": current, "page_obj": page})


def story_detail(request, pk):
    story = get_object_or_404(Story.objects.published().select_related("phase"), pk=pk)
    themes = list(story.themes.all())
    # Questions on the same themes, else of the same phase: what other parents asked here.
    questions = Question.objects.published().select_related("phase").only("title", "slug", "phase__slug")
    questions = questions.filter(theme__in=themes) if themes else questions.filter(phase_id=story.phase_id)
    return render(
        request,
        "stories/story_detail.html",
        {"story": story, "themes": themes, "questions": questions.order_by("order", "title")[:RELATED_QUESTIONS]},
    )


@rate_limited("stories")
class StoryCreateView(FormView):
    form_class = StoryForm
    template_name = "stories/story_form.html"

    def form_valid(self, form):
        story = story_create(mail_language=self.request.LANGUAGE_CODE, **form.answers())
        self.request.session[SESSION_KEY] = story.pk
        return redirect("stories:thanks")


def thanks(request):
    story = Story.objects.filter(pk=request.session.get(SESSION_KEY)).only("email").first()
    if story is None:
        return redirect("stories:create")
    return render(request, "stories/thanks.html", {"story": story})


def private_story(token):
    story = Story.objects.select_related("phase").filter(token=token).first()
    if story is None:
        raise Http404
    return story


def render_private(request, story, status=200, **context):
    return render(request, "stories/private.html", {"story": story, **context}, status=status)


@noindex
@never_cache
def private(request, token):
    """The parent's own page: what happens to the story, the edited version to approve, withdrawal."""
    return render_private(request, private_story(token))


@noindex
@never_cache
@require_POST
def approve(request, token):
    story = private_story(token)
    try:
        story = story_approve(token=token, digest=request.POST.get("versie", ""))
    except StoryError as error:
        story.refresh_from_db()
        return render_private(request, story, status=409, error=str(error))
    return render_private(request, story, approved=True)


@noindex
@never_cache
def withdraw(request, token):
    """Mail scanners follow links, so a GET only asks; the POST withdraws."""
    story = private_story(token)
    if request.method == "POST":
        return render(request, "stories/withdraw.html", {"story": story_withdraw(token=token), "done": True})
    return render(request, "stories/withdraw.html", {"story": story})
