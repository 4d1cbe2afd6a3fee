"""Meetings' interfaces to the outside: the REST API (views, serializers), Open
Civic Data and Popolo (opendata), CSV exports (exports), RSS and iCalendar
(feeds), and the URLconf of all of /api/ (urls), strategy's and indicators'
endpoints included. Import the module you need, e.g.
``from meetings.api import feeds``."""
