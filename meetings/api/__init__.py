"""Meetings' interfaces to the outside: the REST API (views, serializers), Open
Civic Data and Popolo (opendata), CSV exports (exports), RSS and iCalendar
(feeds). Import the module you need, e.g. ``from meetings.api import feeds``."""
