"""Forms for the lessons library: searching and filtering it, and writing or editing a lesson
(with its version, for edits). GOV.UK wording; a lesson for named agencies names at least one."""

from django import forms

from commonground.core.access import Scope
from commonground.core.form_helpers import pick_field
from commonground.programme.actions.lessons import NAMED_WITHOUT_AGENCY, LessonDetails
from commonground.programme.models import Lesson, Readership
from commonground.programme.queries import forum as forum_queries
from commonground.programme.queries import lessons as queries


class LessonSearchForm(forms.Form):
    q = forms.CharField(
        label="Search lessons",
        required=False,
        max_length=200,
        help_text="Words from the title, the story, what was learned or changed, or a tag",
        error_messages={"max_length": "Search with 200 characters or fewer"},
    )

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        tags = queries.tags_in_use(scope)
        self.fields["tag"] = forms.ChoiceField(
            label="Tag",
            required=False,
            choices=[("", "Any tag")] + [(name, f"{name} ({count})") for name, count in tags],
            error_messages={"invalid_choice": "Select a tag from the list"},
        )
        self.fields["agency"] = pick_field(
            "Agency concerned",
            queries.agencies_concerned_in_use(scope),
            str,
            message="Select an agency from the list",
            required=False,
            empty="Any agency",
        )

    def search(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"text": "", "tag": "", "agency_id": None}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "tag": data["tag"],
            "agency_id": data["agency"].pk if data["agency"] else None,
        }


def _text(label: str, *, required: bool, message: str = "", rows: int = 0, max_length: int = 20000, **kwargs):
    errors = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages=errors,
        **kwargs,
    )


def _agencies(label: str, help_text: str = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=forum_queries.agencies_to_choose(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={
            "invalid_choice": "Select agencies from the list",
            "invalid_pk_value": "Select agencies from the list",
        },
    )


class LessonForm(forms.Form):
    title = _text("Title", required=True, message="Enter the lesson's title", max_length=200)
    what_happened = _text(
        "What happened",
        required=True,
        message="Describe what happened",
        rows=5,
        help_text="The situation or practice, in a way others can recognise. Never name a person at risk.",
    )
    learned = _text("What was learned", required=True, message="Describe what was learned", rows=5)
    changed = _text(
        "What changed because of it (optional)",
        required=False,
        rows=4,
        help_text="A process, a contact, training, a referral route",
    )
    tags = _text(
        "Tags (optional)",
        required=False,
        max_length=500,
        help_text="Separate tags with commas, for example: online, schools, information sharing",
    )
    agencies_concerned = _agencies("Agencies concerned (optional)")
    readership = forms.ChoiceField(
        label="Who may read it",
        choices=Readership.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who may read the lesson",
            "invalid_choice": "Select who may read the lesson",
        },
    )
    reader_agencies = _agencies(
        "Agencies that may read it", help_text="Only if the lesson is for named agencies only"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        meetings = list(queries.meetings_to_link(scope))
        if meetings:
            self.fields["forum_meeting"] = pick_field(
                "Forum meeting it came from (optional)",
                meetings,
                str,
                message="Select a forum meeting from the list",
                required=False,
                empty="Not from a forum meeting",
            )
        self.tag_names = queries.tag_names()

    def clean(self):
        data = super().clean() or self.cleaned_data
        named = data.get("readership") == Readership.NAMED_AGENCIES
        if named and not data.get("reader_agencies") and "reader_agencies" not in self.errors:
            self.add_error("reader_agencies", NAMED_WITHOUT_AGENCY)
        return data

    @staticmethod
    def initial_for(lesson: Lesson) -> dict:
        return {
            "title": lesson.title,
            "what_happened": lesson.what_happened,
            "learned": lesson.learned,
            "changed": lesson.changed,
            "tags": ", ".join(tag.name for tag in lesson.tags.all()),
            "agencies_concerned": [agency.pk for agency in lesson.agencies_concerned.all()],
            "readership": lesson.readership,
            "reader_agencies": [agency.pk for agency in lesson.reader_agencies.all()],
            "forum_meeting": lesson.forum_meeting_id or "",
            "version": lesson.version,
        }

    def details(self) -> LessonDetails:
        data = self.cleaned_data
        return LessonDetails(
            title=data["title"],
            what_happened=data["what_happened"],
            learned=data["learned"],
            changed=data["changed"],
            tags=data["tags"],
            agencies_concerned=list(data["agencies_concerned"]),
            readership=data["readership"],
            reader_agencies=list(data["reader_agencies"]),
            forum_meeting=data.get("forum_meeting"),
        )
