from lianxin.supervision.urls_letters import urlpatterns as letters_urls
from lianxin.supervision.urls_tasks import urlpatterns as tasks_urls

app_name = "supervision"

urlpatterns = [*tasks_urls, *letters_urls]
