"""Run inside the provider's process (manage.py shell): the directory's one
person, and HWBB registered as a confidential client."""

import os

from django.contrib.auth.models import User
from oauth2_provider.models import Application

user = User.objects.create_user(
    "ruth.k",
    email=os.environ["OIDC_USER_EMAIL"],
    password=os.environ["OIDC_USER_PASSWORD"],
    first_name="Ruth",
    last_name="Knight",
)
Application.objects.create(
    name="HWBB",
    client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"],
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=os.environ["OIDC_REDIRECT_URI"],
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
