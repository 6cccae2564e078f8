from lianxin.assessment.urls_scoring import urlpatterns as scoring_urls
from lianxin.assessment.urls_standards import urlpatterns as standards_urls

app_name = "assessment"

urlpatterns = [*scoring_urls, *standards_urls]
