"""Where a referral stands after each recorded step (pure: no Django)."""

# Screening decision → the referral's status afterwards.
AFTER_SCREENING = {
    "proceed": "information_gathering",
    "not_appropriate": "signposted",
    "passed_to_police": "with_police",
    "no_further_action": "no_further_action",
}

# Police gateway outcome → the referral's status afterwards. Passed to the council for Channel:
# back to the coordinator to screen if it was waiting on the police, otherwise where it was.
AFTER_GATEWAY = {
    "no_further_action": "no_further_action",
    "signposted": "signposted",
    "police_led": "police_led",
}
WAITING_ON_POLICE = {"with_police", "to_screen"}


def status_after_screening(decision: str) -> str:
    return AFTER_SCREENING[decision]


def status_after_gateway(outcome: str, current_status: str) -> str:
    if outcome in AFTER_GATEWAY:
        return AFTER_GATEWAY[outcome]
    return "to_screen" if current_status in WAITING_ON_POLICE else current_status
