import importlib
import importlib.util
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lianxin.areas.models import Area, Household
from lianxin.cases.figures import rollups_rebuild
from lianxin.cases.generator import cases_generate
from lianxin.cases.models import Case
from lianxin.dashboard.demo_series import demo_load as demo_series_load
from lianxin.demo.accounts import DEMO_OTP_ACCOUNTS, demo_totp_secret
from lianxin.demo.activities import demo_activities_load
from lianxin.demo.open_cases import demo_open_cases_load
from lianxin.demo.points import REWARDS, SHOP, demo_points_load
from lianxin.demo.service_orders import demo_care_visits_load, demo_service_orders_load, demo_walk_ins_load
from lianxin.demo.station_staff import station_staff_ensure
from lianxin.demo.unit_members import unit_member_demo_ensure
from lianxin.demo.visits import demo_visits_load
from lianxin.demo.wishes import demo_wishes_load
from lianxin.demo.world import DEMO, Shape, world_load
from lianxin.party.models import Membership, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.provision.demo import provision_demo_ensure
from lianxin.provision.demo_places import places_demo_ensure
from lianxin.volunteering.demo import volunteering_demo_ensure

# In this order: key tasks and groups first, the meetings' decisions, the scores reading them, the rest;
# then the rural apps (issue 23: their fixed rows are in the world, lianxin/demo/rural.py; these add the
# demo county's years of figures).
APP_DEMOS = ("supervision", "deliberation", "assessment", "readiness", "education", "rural", "talent")


class Command(BaseCommand):
    help = "Load the demo county and accounts (idempotent: a rerun adds nothing and keeps users' changes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when neither DEBUG nor LIANXIN_DEMO is on (never on a real deployment).",
        )
        parser.add_argument("--scale", type=int, default=1, help="Multiply households (for benchmarks).")
        parser.add_argument(
            "--cases",
            type=int,
            default=3000,
            help="Cases to generate over the last 120 days (first load only).",
        )

    def handle(self, *args, force=False, scale=1, cases=3000, **options):
        # The demo (LIANXIN_DEMO, `make demo`) runs with DEBUG off, as production does, and loads these.
        if not (settings.DEBUG or settings.LIANXIN_DEMO) and not force:
            raise CommandError(
                "演示数据只能在 DEBUG 或演示模式（LIANXIN_DEMO=true）下加载：演示账号的密码是公开的。"
                "确需加载请加 --force。"
            )
        if scale < 1:
            raise CommandError("--scale 必须是正整数。")
        started = time.monotonic()
        result = world_load(shape=Shape(**{**DEMO.__dict__, "scale": scale}))
        elapsed = time.monotonic() - started
        accounts = result["accounts"]
        created = sum(1 for _, was_created in accounts if was_created)
        if result["created_world"]:
            self.stdout.write(f"演示县已建立（用时 {elapsed:.1f} 秒）。")
        else:
            self.stdout.write("演示县已存在，未重复建立。")
        members = Membership.objects.filter(is_home=True).count()
        self.stdout.write(
            f"区域 {Area.objects.count()} 个，户 {Household.objects.count()} 户，"
            f"人员 {Person.objects.count()} 人，党组织 {PartyOrg.objects.count()} 个，"
            f"党员 {members} 名，岗位 {Post.objects.count()} 个。"
        )
        if cases > 0 and not Case.objects.exists():
            generated = cases_generate(count=cases, days=120)
            rollups_rebuild()  # the generator writes in bulk: the figures' roll-up is made from the rows
            self.stdout.write(f"演示诉求已生成 {generated} 件（近 120 天，含完整办理记录）。")
            waiting = demo_open_cases_load()
            self.stdout.write(
                f"为楼长、网格员、物业上报待办诉求 {waiting} 件（经热线登记，按真实路由派单）。"
            )
        else:
            self.stdout.write(f"已有诉求 {Case.objects.count()} 件，未重复生成。")
        visits = demo_visits_load()
        self.stdout.write(f"演示走访记录 {visits} 条（拉呱、串门、调解、帮办；重复运行不会重复记录）。")
        listed = provision_demo_ensure()
        self.stdout.write(f"服务清单已就绪，新登记服务商 {listed} 家（重复运行不会重复登记）。")
        placed = places_demo_ensure()
        self.stdout.write(f"演示服务阵地：制度、业态、入驻中心的服务商、小区工作站 {placed}。")
        entries = demo_points_load()
        self.stdout.write(
            f"演示积分记录 {entries} 条，{SHOP}的积分奖品 {len(REWARDS)} 种（重复运行不会重复记录）。"
        )
        if volunteering := volunteering_demo_ensure():
            self.stdout.write(
                "演示志愿服务：报到 {registrations} 条（1 条待审核）、队伍 {teams} 支、召集 {callouts} 次、"
                "结对 {pairings} 对。".format(**volunteering)
            )
        self.stdout.write(demo_activities_load())
        wishes = demo_wishes_load()
        self.stdout.write(f"演示微心愿和服务项目 {wishes} 件（待认领、待居民确认、可认领的项目）。")
        if unit_member_demo_ensure():
            self.stdout.write("中共巨川县住建局支部委员会的党员刘建军已到梧桐里社区报到（志愿服务和积分）。")
        orders = demo_service_orders_load()
        self.stdout.write(f"演示服务订单 {orders} 件（各个办理状态；重复运行不会重复下单）。")
        if station_staff_ensure():
            self.stdout.write(
                "网格员刘丽兼任和谐家园小区工作站工作人员，今天在综合窗口值班（到站办事、材料告知）。"
            )
            walk_ins = demo_walk_ins_load()
            self.stdout.write(
                "和谐家园小区工作站到站办事 {walk_ins} 件（1 件当场办结），一次性告知 {notices} 次，"
                "其中二次告知 {second} 次。".format(**walk_ins)
            )
        care = demo_care_visits_load()
        self.stdout.write("快递小哥暖心慰问 {visits} 次，{person_times} 人次，{persons} 人。".format(**care))
        # Issue 22's and 23's apps load their own demo rows: each demo.demo_load() returns lines to print.
        for app in APP_DEMOS:
            if importlib.util.find_spec(f"lianxin.{app}.demo") is not None:
                for line in importlib.import_module(f"lianxin.{app}.demo").demo_load():
                    self.stdout.write(line)
        # The dashboard's bulletin series ranks the key tasks above (an adapter: not in supervision's demo).
        for line in demo_series_load():
            self.stdout.write(line)
        self.stdout.write(f"演示账号：新建 {created} 个，已存在 {len(accounts) - created} 个。")
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {result['password']}，也可用手机号登录）：")
        width = max(len(account.username) for account, _ in accounts)
        for account, _ in accounts:
            self.stdout.write(
                f"  {account.username:<{width}}  {account.mobile}  {account.name}  {account.role}"
            )
        self.stdout.write("")
        self.stdout.write(
            f"{'、'.join(DEMO_OTP_ACCOUNTS)} 的岗位要求双因素认证：登录后输入身份验证器"
            f"（任何支持 TOTP 的手机应用）显示的 6 位动态码。演示账号已预先绑定同一密钥：{demo_totp_secret()}"
        )
        self.stdout.write("（仅限演示；演示账号的密码不会过期，也不要求首次登录改密码。）")
