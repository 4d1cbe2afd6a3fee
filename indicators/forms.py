import csv
import hashlib
import io
import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.conf import settings

from indicators.fingertips import REQUIRED
from indicators.models import Area, Indicator, IndicatorValue


class FingertipsUploadForm(forms.Form):
    file = forms.FileField(
        label="Fingertips CSV file",
        help_text='The "all data" CSV as the Fingertips service downloads it.',
        error_messages={"required": "Choose a CSV file to upload"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("file"), Submit("submit", "Import"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // 1_048_576
            raise forms.ValidationError(f"The largest file allowed is {limit} MB")
        data = upload.read()
        if b"\x00" in data[:4096]:
            raise forms.ValidationError("The file is not a CSV: it is not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file is not UTF-8 text") from exc
        try:
            header = next(csv.reader(io.StringIO(text, newline="")), [])
        except csv.Error as exc:
            raise forms.ValidationError(f"The file is not a CSV: {exc}") from exc
        absent = [c for c in REQUIRED if c not in header]
        if absent:
            raise forms.ValidationError(
                "The file is not a Fingertips CSV: its first line lacks the "
                f"columns {', '.join(absent)}"
            )
        self.sha256 = hashlib.sha256(data).hexdigest()
        return text


PERIOD = re.compile(r"^(\d{4})(?:\s*/\s*(\d{2}|\d{4})|\s*-\s*(\d{2}|\d{4}))?$")


def period_key(label):
    """Fingertips' sortable key for a period label: 2018 -> 20180000."""
    match = PERIOD.match(label.strip())
    return f"{match[1]}0000" if match else None


class LocalValueForm(forms.ModelForm):
    """A value an officer enters for a local indicator (the Household Survey)."""

    area_code = forms.CharField(
        label="Area (GSS code)", max_length=9, help_text="Coventry is E08000026"
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "period_label",
            "value",
            "lower_ci_95",
            "upper_ci_95",
            "count",
            "denominator",
            "sex",
            "age",
            "category_type",
            "category",
            "value_note",
        ]
        labels = {
            "period_label": "Period",
            "value_note": "Note (optional)",
            "category_type": "Breakdown (optional)",
            "category": "Breakdown value (optional)",
        }
        help_texts = {
            "period_label": "For example 2018, 2021/22 or 2015 - 17",
            "sex": "Persons, Male or Female",
            "age": "For example All ages or 16-24 yrs",
            "category_type": "For example Disability or Ward, as Fingertips names it",
            "category": "For example Disabled",
        }
        error_messages = {"value": {"required": "Enter the value"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(fingertips_id=None)
        self.fields["value"].required = True
        for name in ("sex", "age"):
            self.fields[name].required = False
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("indicator"),
            Field.text("area_code", field_width=10),
            Field.text("period_label", field_width=10),
            Field.text("value", field_width=5),
            Field.text("lower_ci_95", field_width=5),
            Field.text("upper_ci_95", field_width=5),
            Field.text("count", field_width=5),
            Field.text("denominator", field_width=5),
            Field.text("sex", field_width=10),
            Field.text("age", field_width=10),
            Field.text("category_type", field_width=20),
            Field.text("category", field_width=20),
            Field.text("value_note"),
            Submit("submit", "Save the value"),
        )

    def clean_area_code(self):
        code = self.cleaned_data["area_code"].strip().upper()
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise forms.ValidationError(f'"{code}" is not an area HWBB knows')
        self.instance.area = area
        return code

    def clean_period_label(self):
        label = self.cleaned_data["period_label"].strip()
        if period_key(label) is None:
            raise forms.ValidationError(
                "Enter the period like 2018, 2021/22 or 2015 - 17"
            )
        self.instance.period_key = period_key(label)
        return label

    def clean_sex(self):
        sex = self.cleaned_data["sex"].strip() or "Persons"
        if sex not in ("Persons", "Male", "Female"):
            raise forms.ValidationError("Enter Persons, Male or Female")
        return sex

    def clean_age(self):
        return self.cleaned_data["age"].strip() or "All ages"

    def clean(self):
        data = super().clean()
        if bool(data.get("category_type")) != bool(data.get("category")):
            self.add_error(
                "category", "Give both the breakdown and its value, or neither"
            )
        value, low, high = (
            data.get(k) for k in ("value", "lower_ci_95", "upper_ci_95")
        )
        if (low is None) != (high is None):
            self.add_error(
                "upper_ci_95", "Give both ends of the confidence interval, or neither"
            )
        elif None not in (value, low, high) and not low <= value <= high:
            self.add_error("value", "The value must lie within its confidence interval")
        count, denominator = data.get("count"), data.get("denominator")
        if None not in (count, denominator) and count > denominator:
            self.add_error("count", "The count cannot be more than the denominator")
        indicator = data.get("indicator")
        if (
            indicator
            and indicator.unit == "%"
            and value is not None
            and not 0 <= value <= 100
        ):
            self.add_error("value", "A percentage must be between 0 and 100")
        return data


class ValueFilterForm(forms.Form):
    """Which of an indicator's values its page lists: by default the local
    area and its comparators, England and the region; or one area, or all."""

    COMPARED = ""
    ALL = "all"
    SEXES = [
        ("", "All"),
        ("Persons", "Persons"),
        ("Female", "Female"),
        ("Male", "Male"),
    ]

    area = forms.ChoiceField(required=False)
    sex = forms.ChoiceField(required=False, choices=SEXES)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        held = Area.objects.filter(pk__in=indicator.values.values("area"))
        self.fields["area"].choices = [
            (self.COMPARED, "Local area and comparators"),
            (self.ALL, "All areas"),
            *((a.code, a.label) for a in held.order_by("area_type", "name")),
        ]

    def filter(self, values):
        """The values asked for, newest first; the default if the form is not
        valid (its errors say why)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        area = data.get("area", self.COMPARED)
        if area == self.COMPARED:
            values = values.filter(
                area__code__in=[
                    settings.HOME_AREA_CODE,
                    settings.COMPARATOR_AREA_CODE,
                    settings.REGION_AREA_CODE,
                ]
            )
        elif area != self.ALL:
            values = values.filter(area__code=area)
        if data.get("sex"):
            values = values.filter(sex=data["sex"])
        return values.order_by(
            "-period_key", "area__area_type", "area__name", "sex", "age", "category"
        )
