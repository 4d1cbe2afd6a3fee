"""The forms of the agenda pack importer: the upload, and the officer's
corrections to who each printed name is."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.conf import settings
from django.db.models.functions import Lower

from meetings.importers.source import UnreadablePack, read_lines
from meetings.models import Person, name_tokens

KEEP, NEW, SKIP = "", "new", "skip"


class PackUploadForm(forms.Form):
    file = forms.FileField(
        label="Agenda pack (PDF, or a text copy of one)",
        help_text="The pack as the council published it: its front sheet, and "
        "the minutes printed inside it.",
        error_messages={
            "required": "Choose an agenda pack to upload",
            "empty": "The file is empty.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.layout = Layout(Field("file"), Submit("submit", "Upload and read"))

    def clean_file(self):
        """Refuse at once what needs no reading to refuse: too large, or not a
        PDF and not text. A PDF is read by a worker, which reports its problems
        (encrypted, no text, damaged) on the pack's page."""
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_048_576:.1f} MB: the largest file "
                f"allowed is {limit // 1_048_576} MB."
            )
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            data = upload.read()
            upload.seek(0)
            try:
                read_lines(data, name=upload.name)
            except UnreadablePack as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload


class NameChoicesForm(forms.Form):
    """One select per printed name in the plan: keep what the importer
    matched, one of the people it could be, a new person, or leave it out.

    Only those values are accepted, so a tampered form gets an error, never a
    person the page did not offer."""

    def __init__(self, *args, plan, chosen=None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = chosen or {}
        self.plan_names = plan["names"]
        offered = _people_to_offer(self.plan_names)
        for i, name in enumerate(self.plan_names):
            people = offered.get(_surname(name["printed"]), [])
            people = _with(people, name)
            self.fields[f"name_{i}"] = forms.ChoiceField(
                label=f"Who is {name['printed']}?",
                required=False,
                choices=[
                    (KEEP, _keep_label(name, name["key"] in chosen)),
                    *((str(pk), label) for pk, label in people),
                    (NEW, "A new person"),
                    (SKIP, "Leave out"),
                ],
                initial=str(chosen.get(name["key"], KEEP)),
            )

    def rows(self):
        """[(the plan's name, its select)] for the template."""
        return [(name, self[f"name_{i}"]) for i, name in enumerate(self.plan_names)]

    def choices(self):
        """{name key: person pk, "new" or "skip"}, as the services take them."""
        out = {}
        for i, name in enumerate(self.plan_names):
            value = self.cleaned_data.get(f"name_{i}") or KEEP
            if value == KEEP:
                continue
            out[name["key"]] = value if value in (NEW, SKIP) else int(value)
        return out


def _surname(printed):
    tokens = name_tokens(printed)
    return tokens[-1] if tokens else ""


def _people_to_offer(names):
    """{surname: [(pk, name)]}: everyone who shares a printed name's surname,
    read in one query."""
    surnames = {_surname(n["printed"]) for n in names} - {""}
    people = (
        Person.objects.annotate(surname=Lower("family_name"))
        .filter(surname__in=surnames)
        .order_by("family_name", "given_names", "pk")
    )
    offered = {}
    for person in people:
        offered.setdefault(person.surname, []).append((person.pk, str(person)))
    return offered


def _with(people, name):
    """The people sharing the surname, and the plan's own candidates and match
    where a known alias placed the name on someone of another surname."""
    out = dict(people)
    for candidate in name["candidates"]:
        out.setdefault(candidate["pk"], candidate["name"])
    if name["person"]:
        out.setdefault(name["person"], name["person_name"])
    return list(out.items())


def _keep_label(name, chosen):
    if chosen:
        return "As the importer matches it, without your choice"
    if name["how"] == "ambiguous":
        return "Choose who this is"
    if name["person"]:
        return f"As matched: {name['person_name']}"
    return "As read: a new person"
