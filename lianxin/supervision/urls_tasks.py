"""The tasks part's pages (included by urls.py, namespace supervision)."""

from django.urls import path

from lianxin.supervision.views import groups, key_tasks, performance

urlpatterns: list = [
    path("key-task-lists/", key_tasks.key_task_lists, name="key_task_lists"),
    path("key-task-lists/<int:pk>/", key_tasks.key_task_list, name="key_task_list"),
    path("key-task-lists/<int:pk>/tasks.xlsx", key_tasks.key_task_list_xlsx, name="key_task_list_xlsx"),
    path("key-tasks/", key_tasks.key_tasks_mine, name="key_tasks"),
    path("key-tasks.xlsx", key_tasks.key_tasks_mine_xlsx, name="key_tasks_xlsx"),
    path("key-tasks/<int:pk>/review/", key_tasks.key_task_review, name="key_task_review"),
    path("groups/", groups.groups, name="groups"),
    path("groups/<int:pk>/", groups.group, name="group"),
    path("progress-rounds/", performance.progress_rounds, name="progress_rounds"),
    path("progress-rounds/<int:pk>/", performance.progress_round, name="progress_round"),
    path("performance/", performance.performance, name="performance"),
    path("performance.xlsx", performance.performance_xlsx, name="performance_xlsx"),
]
