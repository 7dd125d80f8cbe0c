from django.urls import path

from . import views

app_name = "buddies"

urlpatterns = [
    path("buddy/", views.index, name="index"),
    path("buddy/verstuurd/", views.thanks, name="thanks"),
    path("buddy/mijn/", views.portal, name="portal"),
    path("buddy/mijn/profiel/", views.profile_edit, name="profile"),
    path("buddy/mijn/pauze/", views.pause, name="pause"),
    path("buddy/mijn/koppeling/<int:pk>/<str:action>/", views.match_action, name="match_action"),
    path("buddy/evaluatie/<str:token>/", views.evaluation, name="evaluation"),
]
