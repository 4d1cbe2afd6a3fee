"""The site's own pages at the root, without a namespace: the home page,
search and a signed-in person's work (`{% url 'home' %}`, `{% url 'search' %}`,
`{% url 'your_work' %}`). hwbb/urls.py includes it."""

from django.urls import path

from meetings import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("your-work/", views.your_work, name="your_work"),
]
