from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("import/", views.indicator_import, name="import"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("watchlist/", views.watchlist, name="watchlist"),
    path("values/new/", views.value_add, name="value_add"),
    path("export.<str:fmt>", views.indicator_export, name="export"),
    path("<slug:slug>/", views.indicator_detail, name="detail"),
]
