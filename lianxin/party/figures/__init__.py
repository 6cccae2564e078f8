"""Organisation and staffing figures of the territory: ``organisation.territory_figures`` gathers them,
``staffing`` and ``territory`` add their groups to it."""
