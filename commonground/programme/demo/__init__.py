"""Programme monitoring's demo records (`manage.py load_demo`), clearly synthetic: each part of the
capability loads its own, in an order where later parts may use earlier ones."""


def load_demo() -> None:
    """Nothing to set up before the other capabilities' records."""


def load_demo_records() -> None:
    from commonground.programme.demo import assessments, briefings, forum, plans, training

    for part in (assessments, plans, training, forum, briefings):
        part.load()
