from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("actions/mine/", views.my_actions, name="my_actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
]
