from django.urls import path

from lianxin.volunteering.views import activities, callouts, pairings, projects, registrations, teams, wishes

app_name = "volunteering"

urlpatterns = [
    path("register/", registrations.register, name="register"),
    path("registrations/", registrations.vetting, name="vetting"),
    path("registrations/<int:pk>/approve/", registrations.registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/refuse/", registrations.registration_refuse, name="registration_refuse"),
    path("units/", registrations.units, name="units"),
    path("units/<int:pk>/", registrations.unit, name="unit"),
    path(
        "units/<int:pk>/approve/", registrations.unit_registration_approve, name="unit_registration_approve"
    ),
    path("units/<int:pk>/refuse/", registrations.unit_registration_refuse, name="unit_registration_refuse"),
    path("teams/", teams.teams, name="teams"),
    path("teams/<int:pk>/", teams.team, name="team"),
    path("team-members/<int:pk>/end/", teams.team_member_end, name="team_member_end"),
    path("callouts/", callouts.callouts, name="callouts"),
    path("callouts/mine/", callouts.callouts_mine, name="callouts_mine"),
    path("callouts/<int:pk>/", callouts.callout, name="callout"),
    path("callouts/<int:pk>/answer/", callouts.callout_answer, name="callout_answer"),
    path("pairings/", pairings.pairings, name="pairings"),
    path("pairings/<int:pk>/", pairings.pairing, name="pairing"),
    path("pairings/<int:pk>/end/", pairings.pairing_end, name="pairing_end"),
    path("co-building/", pairings.agreements, name="agreements"),
    path("sent-down/", pairings.sent_down, name="sent_down"),
    path("sent-down/<int:pk>/end/", pairings.sent_down_end, name="sent_down_end"),
    path("projects/", projects.projects, name="projects"),
    path("wishes/", wishes.wishes, name="wishes"),
    path("wishes/<int:pk>/claim/", wishes.wish_claim_view, name="wish_claim"),
    path("wishes/<int:pk>/step/", wishes.wish_step, name="wish_step"),
    path("activities/", activities.activities, name="activities"),
    path("activities/near-me/", activities.join, name="activities_join"),
    path("activities/figures/", activities.activity_figures, name="activity_figures"),
    path("activities/check-in/<str:token>/", activities.checkin, name="checkin"),
    path("activities/<int:pk>/", activities.activity, name="activity"),
    path("activities/<int:pk>/sign-up/", activities.activity_signup, name="activity_signup"),
    path("activities/<int:pk>/roll/", activities.activity_roll, name="activity_roll"),
    path("activities/<int:pk>/close/", activities.activity_close, name="activity_close"),
    path("activities/<int:pk>/hours/", activities.activity_hours, name="activity_hours"),
    path("activities/<int:pk>/results/", activities.activity_results, name="activity_results"),
    path("hours/", activities.hours_mine, name="hours_mine"),
    path("training/", activities.training, name="training"),
]
