"""A password validator for what Django's own miss: a common word dressed up
with digits and symbols ("officer123", "Coventry2019!")."""

import gzip
import re
from functools import cache
from pathlib import Path

import django.contrib.auth
from django.conf import settings
from django.core.exceptions import ValidationError

# Django's list of 20,000 common passwords (CommonPasswordValidator's).
COMMON = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"

# The words anyone guessing a board member's password tries first.
SITE_WORDS = {
    "admin",
    "administrator",
    "author",
    "board",
    "chair",
    "chairman",
    "chairperson",
    "committee",
    "council",
    "councillor",
    "democratic",
    "governance",
    "hwbb",
    "letmein",
    "meeting",
    "member",
    "minutes",
    "nhs",
    "officer",
    "password",
    "secretary",
    "welcome",
    "wellbeing",
}


@cache
def _common_words():
    with gzip.open(COMMON, "rt", encoding="utf-8") as f:
        common = {line.strip() for line in f}
    local = re.findall(
        r"[a-z]+", f"{settings.SITE_NAME} {settings.COUNCIL_NAME}".lower()
    )
    return frozenset(common | SITE_WORDS | {word for word in local if len(word) > 2})


class CommonWordWithDigitsValidator:
    """Refuse a password whose letters, once its digits and symbols are taken
    out, are one common word, the site's or council's name, or the user's
    own name."""

    def validate(self, password, user=None):
        letters = "".join(re.findall(r"[a-z]+", password.lower()))
        if not letters:
            return
        names = set()
        if user is not None:
            for field in ("username", "first_name", "last_name"):
                names.update(
                    re.findall(r"[a-z]+", str(getattr(user, field, "")).lower())
                )
        if letters in _common_words() or letters in names:
            raise ValidationError(
                "This password is a common word with digits or symbols added. "
                "Choose three or more random words instead.",
                code="password_common_word",
            )

    def get_help_text(self):
        return "Your password cannot be a common word with digits or symbols added."
