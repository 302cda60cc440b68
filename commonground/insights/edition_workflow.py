"""A statistics edition's statuses and the steps between them. Pure: no Django.

A preparer drafts an edition and submits it; a data protection officer approves it or sends it back
as a draft; a preparer publishes the approved edition. Published is final: a correction is a new
edition (a new revision of the quarter), which starts as a draft."""

from commonground.core.state_machine import Machine

DRAFT, AWAITING_APPROVAL, APPROVED, PUBLISHED = "draft", "awaiting_approval", "approved", "published"

SUBMIT, APPROVE, SEND_BACK, PUBLISH = "submit", "approve", "send_back", "publish"

MACHINE = Machine(
    name="statistics edition",
    initial=DRAFT,
    moves={
        DRAFT: {SUBMIT: AWAITING_APPROVAL},
        AWAITING_APPROVAL: {APPROVE: APPROVED, SEND_BACK: DRAFT},
        APPROVED: {PUBLISH: PUBLISHED},
        PUBLISHED: {},
    },
    labels={
        DRAFT: "Draft",
        AWAITING_APPROVAL: "Awaiting approval",
        APPROVED: "Approved, not yet published",
        PUBLISHED: "Published",
    },
    refusals={
        SUBMIT: "Only a draft can be sent for approval",
        APPROVE: "This edition is not awaiting approval",
        SEND_BACK: "This edition is not awaiting approval",
        PUBLISH: "Only an approved edition can be published",
    },
)
