"""One scoring engine (schemes, weighted indicators, marks, surveys, results) for property companies,
building captains, stationed units and report-and-review; star ratings, checklists, honours."""
