"""The public finders and the Open Referral UK open data: open to everyone, signed in or not. An
entry hidden from the public (never audited, failing its audit, withdrawn) answers 404 to everyone,
staff included: staff read it on their own pages."""

from tests.architecture.roles_matrix import everyone

CENTRE = {"finder": "reporting-centres", "entry_id": "{directory_public_centre}"}
SPACE = {"finder": "meeting-spaces", "entry_id": "{directory_public_space}"}

EXPECTED = {
    "directory:find": [({}, everyone(200))],
    "directory:finder": [
        ({"finder": "reporting-centres"}, everyone(200)),
        ({"finder": "meeting-spaces"}, everyone(200)),
        ({"finder": "shops"}, everyone(404)),
    ],
    "directory:entry": [
        (CENTRE, everyone(200)),
        (SPACE, everyone(200)),
        # A meeting space is not found among the reporting centres.
        ({**SPACE, "finder": "reporting-centres"}, everyone(404)),
        ({"finder": "reporting-centres", "entry_id": "{directory_hidden_centre}"}, everyone(404)),
        ({"finder": "reporting-centres", "entry_id": "{directory_withdrawn_centre}"}, everyone(404)),
    ],
    "api:list_openreferral_services": [({}, everyone(200))],
    "api:get_openreferral_service": [
        ({"id": "{directory_public_service_id}"}, everyone(200)),
        ({"id": "{directory_hidden_service_id}"}, everyone(404)),
    ],
    "api:list_openreferral_organizations": [({}, everyone(200))],
    "api:get_openreferral_organization": [
        ({"id": "{directory_public_organisation_id}"}, everyone(200)),
        ({"id": "{directory_hidden_organisation_id}"}, everyone(404)),
    ],
    "api:list_openreferral_locations": [({}, everyone(200))],
    "api:list_openreferral_service_at_locations": [({}, everyone(200))],
}


def sample_values(agency):
    from commonground.directory.models import AuditResult, EntryKind
    from commonground.directory.open_referral import object_id, organisation_id
    from tests.directory import finder_world as world

    centre = world.entry("Matrix Centre", 53.579, -2.430)
    space = world.entry("Matrix Hall", 53.58, -2.44, kind=EntryKind.MEETING_SPACE)
    hidden = world.entry("Matrix Hidden", 53.58, -2.43, result=AuditResult.DOES_NOT_MEET)
    withdrawn = world.entry("Matrix Withdrawn", 53.58, -2.43, published=False)
    return {
        "directory_public_centre": centre.pk,
        "directory_public_space": space.pk,
        "directory_hidden_centre": hidden.pk,
        "directory_withdrawn_centre": withdrawn.pk,
        "directory_public_service_id": object_id("service", centre.pk),
        "directory_hidden_service_id": object_id("service", hidden.pk),
        "directory_public_organisation_id": organisation_id("Matrix Centre"),
        "directory_hidden_organisation_id": organisation_id("Matrix Hidden"),
    }
