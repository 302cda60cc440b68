# Reference data and first advice content. Both are editable afterwards (Django admin); this only
# seeds a new installation. Strands: the five nationally monitored, plus alternative subculture
# (recorded locally in Greater Manchester since 2013), sex or gender (recorded experimentally since
# 2021) and "other". Perception is the test: any perceived hostility may be reported.

from django.db import migrations
from django.utils.translation import gettext_noop as _

STRANDS = [
    ("race", _("Race or ethnicity"), "Including nationality, skin colour and where someone is from", True),
    ("religion", _("Religion or belief"), "Including having no religion", True),
    (
        "sexual_orientation",
        "Sexual orientation",
        "For example being gay, lesbian, bisexual or straight",
        True,
    ),
    ("disability", _("Disability"), "Physical, learning or mental health", True),
    ("transgender", _("Transgender identity"), "Including non-binary identities", True),
    ("alternative_subculture", _("Alternative subculture"), "For example goths, emos or punks", False),
    ("sex_gender", _("Sex or gender"), "For example hostility towards women", False),
    ("other", _("Something else"), "Another part of who they are", False),
]

ADVICE_SCRIPTS = [
    (
        "Danger now: call 999",
        "If anyone is in immediate danger, end the call politely and call 999, or ask the caller to. Stay on the line if they want you to.",
    ),
    (
        "What a hate incident is",
        "Anything the person, or anyone else, thinks was motivated by hostility towards who they are. They do not need proof. It does not need to be a crime to be reported.",
    ),
    (
        "Reporting to the police",
        "The caller can report to the police on 101, or 999 in an emergency. We can pass the report on only if they agree. They can change their mind later using their status link.",
    ),
    (
        "What safeguarding support is",
        "Support is voluntary. It is not a criminal record. It is help from people such as mentors, youth workers, health and education services. The person is told first, and children's parents are asked to agree.",
    ),
    (
        "Removing graffiti and online posts",
        "Hateful graffiti on council property is removed within a day once reported. For online posts, report them to the platform as well; we can also ask partners to act.",
    ),
    (
        "Victim support",
        "Free, confidential support is available whether or not the incident was reported to the police. We can pass on their details with their agreement.",
    ),
]

PAGES = [
    (
        "what-is-a-hate-incident",
        "What a hate incident is",
        "Hostility towards who someone is, whether or not it is a crime.",
        "A hate incident is anything that the person it happened to, or anyone else, thinks was caused by hostility or prejudice towards:\n\n"
        "- race or ethnicity\n- religion or belief\n- sexual orientation\n- disability\n- transgender identity\n- an alternative subculture\n- sex or gender\n\n"
        "You do not need proof, and it does not need to be a crime. Name-calling, graffiti, online posts, damage and violence can all be hate incidents.\n\n"
        "## If someone is in danger now\n\nCall 999.",
    ),
    (
        "what-happens-next",
        "What happens after you report",
        "Who reads your report, and what they do.",
        "1. You get a reference and a private link to follow your report.\n"
        "2. A triage officer reads it within 2 working days, or within an hour if it is urgent.\n"
        "3. It goes to the team that can act, for example the council's community safety team.\n"
        "4. You can see what was done in plain words, and send and receive messages, even if you did not give your name.\n\n"
        "We pass your report to the police only if you agree. You can change your mind at any time from your private link.",
    ),
    (
        "safeguarding-support",
        "What safeguarding support is",
        "Voluntary help for someone who may be drawn into harm.",
        "If you are worried that someone is being drawn into hateful or violent views, you can talk to a trained advisor first.\n\n"
        "## What support is\n\n- voluntary: the person chooses to take part\n- help from mentors, youth workers, and health, education and housing services\n\n"
        "## What support is not\n\n- it is not a criminal record\n- it is not an accusation\n- it is not surveillance: decisions are made by people, with reasons, and nobody is given an automatic risk score",
    ),
    (
        "where-to-get-support",
        "Where to get support",
        "Help for people affected by hate.",
        "- In an emergency, call 999. To report to the police otherwise, call 101.\n"
        "- Victim support services give free, confidential help whether or not you reported to the police.\n"
        "- Third-party hate crime reporting centres can help you report in a safe place, in confidence.\n"
        "- If you are struggling, Samaritans are there day or night on 116 123.",
    ),
    (
        "how-your-data-is-used",
        "How your information is used",
        "What we keep, who sees it and for how long.",
        "We use what you tell us only to respond to your report and to see how hate is changing in the area.\n\n"
        "- You do not have to give your name.\n- If you do not give your name, we do not keep your internet address or device details.\n"
        "- Location details are removed from photos you send.\n- Only the teams who need to act can see your report.\n"
        "- A report that leads to no further action is deleted after 2 years.\n\nRead the full privacy notice for your rights.",
    ),
]


def seed(apps, schema_editor):
    HostilityStrand = apps.get_model("reports", "HostilityStrand")
    AdviceScript = apps.get_model("reports", "AdviceScript")
    ContentPage = apps.get_model("reports", "ContentPage")
    for order, (code, label, hint, national) in enumerate(STRANDS):
        HostilityStrand.objects.get_or_create(
            code=code, defaults={"label": label, "hint": hint, "is_national": national, "order": order}
        )
    for order, (title, body) in enumerate(ADVICE_SCRIPTS):
        AdviceScript.objects.get_or_create(title=title, defaults={"body": body, "order": order})
    for slug, title, summary, body in PAGES:
        ContentPage.objects.get_or_create(
            slug=slug, language="en", defaults={"title": title, "summary": summary, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
