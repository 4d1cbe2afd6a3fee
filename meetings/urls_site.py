"""The site's own pages at the root, without a namespace: the home page and
search (`{% url 'home' %}`, `{% url 'search' %}`). hwbb/urls.py includes it."""

from django.urls import path

from meetings import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
]
