"""A grant application's statuses and the steps between them. Pure: no Django.

`ApplicationStatus` (models/applications.py) matches this table (checked by
tests/architecture/test_statuses_move_through_machines.py); every change of an application's status
goes through `core.actions.moves.make_move` with this machine."""

from commonground.core.state_machine import Machine

DRAFT = "draft"
SUBMITTED = "submitted"
IN_ASSESSMENT = "in_assessment"
AWARDED = "awarded"
DECLINED = "declined"
WITHDRAWN = "withdrawn"

# Steps, named as the buttons that take them.
SUBMIT = "submit"  # the group sends its application
START_ASSESSMENT = "start_assessment"  # the grants officer assigns the assessors
AWARD = "award"  # the panel awards, in full or in part
DECLINE = "decline"  # the panel declines, with reasons
WITHDRAW = "withdraw"  # the group withdraws before a decision

APPLICATION = Machine(
    name="grant application",
    initial=DRAFT,
    moves={
        DRAFT: {SUBMIT: SUBMITTED, WITHDRAW: WITHDRAWN},
        SUBMITTED: {START_ASSESSMENT: IN_ASSESSMENT, DECLINE: DECLINED, WITHDRAW: WITHDRAWN},
        IN_ASSESSMENT: {AWARD: AWARDED, DECLINE: DECLINED, WITHDRAW: WITHDRAWN},
        AWARDED: {},
        DECLINED: {},
        WITHDRAWN: {},
    },
    labels={
        DRAFT: "Draft",
        SUBMITTED: "Submitted",
        IN_ASSESSMENT: "Being assessed",
        AWARDED: "Awarded",
        DECLINED: "Declined",
        WITHDRAWN: "Withdrawn",
    },
    refusals={
        SUBMIT: "This application has already been sent",
        AWARD: "Only an application that has been assessed can be awarded",
        START_ASSESSMENT: "Only a submitted application can be sent for assessment",
        WITHDRAW: "An application cannot be withdrawn once the panel has decided",
    },
)
