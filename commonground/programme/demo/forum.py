"""Demo partnership forum and lessons (synthetic; development only): a forum meeting where a
college, an NHS trust, the police, probation and the combined authority shared concerns, with its
agenda, minutes and actions (one owned by the demo partner officer, so it waits on their home), and
five lessons with tags, one shared with named agencies only.

Written through the part's actions as the demo programme manager, so each record is audited as a
real one would be. Idempotent: recognised by the meeting's title, and made only once."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Agency, AgencyKind, Area, AreaLevel, User
from commonground.programme.actions import forum as forum_actions
from commonground.programme.actions import lessons as lesson_actions
from commonground.programme.models import ForumMeeting, Readership

RECORDER = "programme"  # the demo programme manager (core/demo.py)
PARTNER = "partner"  # the demo partner officer, Demo Police Force
MEETING_TITLE = "[Demo] Partnership forum: sharing concerns across sectors"

# Agencies the other demo data does not make: clearly synthetic, serving the combined authority.
FORUM_AGENCIES = [
    ("Demo Further Education College", AgencyKind.EDUCATION),
    ("Demo University", AgencyKind.EDUCATION),
    ("Demo NHS Foundation Trust", AgencyKind.HEALTH),
    ("Demo Probation Service", AgencyKind.PROBATION),
    ("Demo Prison", AgencyKind.PROBATION),
]

AGENDA = """1. Welcome and apologies
2. Concerns from each sector: online content shared by students; referrals from A&E
3. Information sharing between the college, the trust and the police
4. Lessons from the last quarter
5. Actions and date of the next meeting"""

MINUTES = """[Demo] The college described a rise in students sharing extremist memes in group chats, and how its
tutors responded. The NHS trust said staff in A&E were unsure when a worry should become a referral;
the police offered a named contact for advice. Probation and the prison described how release plans
now include the local Prevent lead. The forum agreed that each concern raised today should be
written up as a lesson for the library."""

GUESTS = [
    ("Demo guest: college safeguarding lead", "Demo Further Education College"),
    ("Demo guest: university student services", "Demo University"),
    ("Demo guest: trust Prevent lead", "Demo NHS Foundation Trust"),
    ("Demo guest: probation manager", "Demo Probation Service"),
    ("Demo guest: prison Prevent lead", "Demo Prison"),
]

LESSONS = [
    # title, what happened, learned, changed, tags, agencies concerned, named readers (or none)
    (
        "[Demo] Memes in student group chats",
        "Tutors at a college found students sharing extremist memes in a class group chat, mostly as jokes.",
        "Talking with the group about where the images came from worked better than a ban; most students did not know their origin.",
        "Tutorial time now includes a session on recognising extremist imagery online.",
        "online, education, young people",
        ["Demo Further Education College"],
        [],
    ),
    (
        "[Demo] When a worry in A&E becomes a referral",
        "Emergency department staff saw a patient express support for violence and were unsure whom to call.",
        "Staff needed one named contact, not a policy document; a call for advice is not a referral.",
        "The trust's Prevent lead's number is on the department's safeguarding card.",
        "health, information sharing, referrals",
        ["Demo NHS Foundation Trust", "Demo Police Force"],
        [],
    ),
    (
        "[Demo] Release plans that include the Prevent lead",
        "A person leaving custody after a terrorism-related conviction moved to a new borough.",
        "The receiving borough learned late; earlier planning meetings would have allowed support to be in place.",
        "Release planning now invites the receiving borough's Prevent lead three months before release.",
        "probation, prisons, information sharing",
        ["Demo Probation Service", "Demo Prison", "Demo Police Force"],
        ["Demo Police Force", "Demo Probation Service", "Demo Prison"],
    ),
    (
        "[Demo] Counter-narratives led by students",
        "A university students' union ran events after posters from an extremist group appeared on campus.",
        "Students were more trusted messengers than staff; events planned with faith societies drew the widest audience.",
        "Student services fund two student-led events each term.",
        "education, community cohesion",
        ["Demo University"],
        [],
    ),
    (
        "[Demo] Sharing the forum's actions across agencies",
        "Actions agreed at forum meetings were lost between meetings when owners changed jobs.",
        "An action needs an agency as well as a person, so it survives a change of staff.",
        "Every forum action now names its owning agency and appears on its owner's home page.",
        "partnership working",
        [],
        [],
    ),
]


def load() -> None:
    recorder = User.objects.filter(username=RECORDER).first()
    partner = User.objects.filter(username=PARTNER).first()
    if recorder is None or ForumMeeting.objects.filter(title=MEETING_TITLE).exists():
        return
    with transaction.atomic():
        agencies = _agencies()
        meeting = _meeting(recorder, partner, agencies)
        for title, happened, learned, changed, tags, concerned, readers in LESSONS:
            lesson_actions.create_lesson(
                actor=recorder,
                details=lesson_actions.LessonDetails(
                    title=title,
                    what_happened=happened,
                    learned=learned,
                    changed=changed,
                    tags=tags,
                    agencies_concerned=[agencies[name] for name in concerned],
                    readership=Readership.NAMED_AGENCIES if readers else Readership.PARTNERSHIP,
                    reader_agencies=[agencies[name] for name in readers],
                    forum_meeting=meeting,
                ),
            )


def _agencies() -> dict[str, Agency]:
    authority = Area.objects.filter(level=AreaLevel.COMBINED_AUTHORITY).first()
    for name, kind in FORUM_AGENCIES:
        agency, created = Agency.objects.get_or_create(name=name, defaults={"kind": kind})
        if created and authority is not None:
            agency.areas.set([authority])
    return {agency.name: agency for agency in Agency.objects.filter(name__startswith="Demo ")}


def _meeting(recorder: User, partner: User | None, agencies: dict[str, Agency]) -> ForumMeeting:
    today = timezone.localdate()
    meeting = forum_actions.create_meeting(
        actor=recorder,
        details=forum_actions.MeetingDetails(
            held_at=timezone.make_aware(datetime.combine(today - timedelta(days=12), time(10, 0))),
            title=MEETING_TITLE,
            place="[Demo] Combined authority offices, room 2",
            agenda=AGENDA,
            minutes=MINUTES,
        ),
    )
    forum_actions.add_attendee(actor=recorder, meeting=meeting, person=recorder)
    if partner is not None:
        forum_actions.add_attendee(actor=recorder, meeting=meeting, person=partner)
    for name, agency in GUESTS:
        forum_actions.add_attendee(actor=recorder, meeting=meeting, name=name, agency=agencies[agency])
    if partner is not None:
        forum_actions.add_action(
            actor=recorder,
            meeting=meeting,
            description="[Demo] Send the trust a named police contact for advice on Prevent worries",
            owner_agency=partner.agency,
            owner_person=partner,
            due_on=today + timedelta(days=9),
        )
    forum_actions.add_action(
        actor=recorder,
        meeting=meeting,
        description="[Demo] Write up the college's group chat concern as a lesson for the library",
        owner_agency=recorder.agency,
        owner_person=recorder,
        due_on=today - timedelta(days=2),
    )
    done = forum_actions.add_action(
        actor=recorder,
        meeting=meeting,
        description="[Demo] Invite the prison's Prevent lead to the next forum",
        owner_agency=agencies["Demo Probation Service"],
        due_on=today - timedelta(days=5),
    )
    forum_actions.mark_action_done(actor=recorder, action=done, done_on=today - timedelta(days=6))
    return meeting
