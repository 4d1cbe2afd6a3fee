import os

# Playwright's sync API runs an event loop in the test thread; the test itself
# only sets data up through the ORM before and between page loads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
