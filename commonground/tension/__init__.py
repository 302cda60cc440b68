"""Community tension monitoring: area-level reports, trigger events, assessments, alerts and
response actions. About places and communities, never a watch list of people."""
