"""Party-education sessions, training plans and classes, enrolments, teaching evaluation, teaching
points and training funds."""
