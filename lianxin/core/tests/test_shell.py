import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_workbench_needs_sign_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_the_workbench_greets_the_user_in_chinese_with_name_and_post(client_as, cast):
    html = client_as("grid_worker").get("/").content.decode()

    assert '<html lang="zh-Hans">' in html
    assert "您好，刘丽" in html
    assert "工作台" in html
    # top bar: name and post
    assert re.search(r'class="user-name">刘丽<', html)
    estate = cast.grid_worker.person.posts.get().area
    assert f"网格员 · {estate.name}" in html
    assert "尚未分配岗位" not in html


def test_a_user_without_posts_is_told_so_in_the_top_bar(client_as):
    assert "尚未分配岗位" in client_as("resident").get("/").content.decode()


def test_an_empty_to_do_list_explains_what_will_appear_there(client_as):
    html = client_as("grid_worker").get("/").content.decode()

    assert "暂无待办事项" in html
    assert "派给您的诉求" in html


def test_the_shell_has_side_navigation_for_desktops_and_tabs_for_phones(client_as):
    html = client_as("resident").get("/").content.decode()

    sidenav = html[html.index('class="sidenav"') : html.index("</nav>")]
    assert "日常工作" in sidenav
    assert 'aria-current="page"' in sidenav
    tabbar = html[html.index('class="tabbar"') :]
    assert "工作台" in tabbar
    assert "我的" in tabbar


def test_only_staff_see_the_configuration_entry(client_as):
    assert "系统配置" not in client_as("resident").get("/").content.decode()
    assert "系统配置" in client_as("sysadmin").get("/").content.decode()


def test_the_admin_speaks_chinese(client_as):
    response = client_as("sysadmin").get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "连心 · 系统配置" in html
    assert "人员与账号" in html


def test_the_admin_is_closed_to_non_staff(client_as):
    response = client_as("resident").get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_my_account_page_shows_the_mobile_number_masked_and_the_posts(client_as, cast):
    html = client_as("grid_worker").get("/accounts/me/").content.decode()

    assert "138****0004" in html
    assert "13800000004" not in html
    assert f"网格员 · {cast.grid_worker.person.posts.get().area.name}" in html
    assert "尚未分配岗位" in client_as("resident").get("/accounts/me/").content.decode()


def test_an_unknown_page_gets_a_chinese_404(client_as):
    response = client_as("resident").get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert "返回工作台" in html


def test_pages_load_no_script_or_style_from_outside(client_as):
    html = client_as("resident").get("/").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert "/static/vendor/htmx/htmx.min.js" in sources


def test_a_server_error_gets_a_chinese_page_that_says_nothing_was_lost(client, cast, monkeypatch):
    from django.test import Client

    import lianxin.core.views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lianxin.core.views, "render", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.resident)

    response = client.get("/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "系统出错了" in html
    assert "不会丢失" in html
    assert "boom" not in html
