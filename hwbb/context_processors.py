from django.conf import settings

from hwbb import licence, permissions


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "COUNCIL_ADDRESS": settings.COUNCIL_ADDRESS,
        "HOME_BODY_SLUG": settings.HOME_BODY_SLUG,
        "user_roles": permissions.roles_of(request.user),
        "is_officer": permissions.is_officer(request.user),
        "LOCAL_PASSWORDS": settings.LOCAL_PASSWORDS,
        "OGL_URL": licence.URL,
    }
