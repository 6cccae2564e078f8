from lianxin.cases.tests.test_figures_known import five_cases  # noqa: F401 - the hand-made cases
