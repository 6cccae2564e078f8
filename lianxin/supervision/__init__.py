"""Key-task lists, leading and working groups, assignment sheets and reminder letters, interviews,
inspections, progress rounds, contact-duty projects, bulletin series and the performance score."""
