"""The generic roll-up: daily sums of any non-case figure (points, volunteer hours, scores, income) per
area at every level of the tree, kept in the writing transaction (docs/architecture.md, "通用汇总")."""
