from django.urls import path

from . import views

app_name = "buddies"

urlpatterns = [
    path("buddy/", views.index, name="index"),
    path("buddy/verstuurd/", views.thanks, name="thanks"),
    path("buddy/mijn/", views.portal, name="portal"),
    path("buddy/mijn/profiel/", views.profile_edit, name="profile"),
    path("buddy/mijn/pauze/", views.pause, name="pause"),
    path("buddy/mijn/koppeling/<int:pk>/accepteren/", views.match_accept_view, name="match_accept"),
    path("buddy/mijn/koppeling/<int:pk>/afwijzen/", views.match_decline_view, name="match_decline"),
    path("buddy/mijn/koppeling/<int:pk>/gestart/", views.match_start_view, name="match_start"),
    path("buddy/mijn/koppeling/<int:pk>/stoppen/", views.match_end_view, name="match_end"),
    path("buddy/evaluatie/<str:token>/", views.evaluation, name="evaluation"),
]
