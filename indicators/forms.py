import io

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.conf import settings


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
        return io.StringIO(text, newline="")  # the CSV as a text stream
