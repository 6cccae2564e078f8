"""Emergency plans with their teams and the estates they cover, rosters by grid, mobilisations and
drills with their acknowledgements."""
