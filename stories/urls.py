from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("verhalen/", views.story_list, name="list"),
    path("verhalen/fase/<slug:phase>/", views.story_list, name="phase"),
    path("verhalen/vertel/", views.StoryCreateView.as_view(), name="create"),
    path("verhalen/vertel/verstuurd/", views.thanks, name="thanks"),
    path("verhalen/mijn-verhaal/<slug:token>/", views.private, name="private"),
    path("verhalen/mijn-verhaal/<slug:token>/akkoord/", views.approve, name="approve"),
    path("verhalen/mijn-verhaal/<slug:token>/intrekken/", views.withdraw, name="withdraw"),
    path("verhalen/<int:pk>/", views.story_detail, name="detail"),
]
