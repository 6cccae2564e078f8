"""The scoring part's pages (placeholder while being written)."""


def sees_scoring(user):
    return False


sees_results = sees_fees = answers_surveys = sees_scoring
