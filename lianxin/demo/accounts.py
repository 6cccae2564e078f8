"""The demo accounts: one per role (the README's table of demo accounts), each held by a fictional person.

The territory issue gives each its post and area; until then they differ by what they are called and by
which of them may open the configuration pages.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lianxin.people.models import Person, User

DEMO_PASSWORD = "Lianxin@2026"  # noqa: S105 - published in the README, refused outside DEBUG  # nosec B105
# The demo accounts whose posts require a second factor come enrolled with this published authenticator key
# (base32, for any TOTP app; load_demo prints it). Demo only, like the password.
DEMO_TOTP_KEY_HEX = "4c69616e78696e2044656d6f2032303236"  # "Lianxin Demo 2026"
DEMO_OTP_ACCOUNTS = ("county_admin", "sysadmin", "secadmin", "auditor")


def demo_totp_secret() -> str:
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode().rstrip("=")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    mobile: str
    role: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("county_admin", "王建国", "13800000001", _("Organisation department admin (whole county)")),
    DemoAccount("street_secretary", "李红梅", "13800000002", _("Street working committee secretary")),
    DemoAccount("community_secretary", "张志强", "13800000003", _("Community party committee secretary")),
    DemoAccount("grid_worker", "刘丽", "13800000004", _("Grid worker")),
    DemoAccount("building_captain", "陈永福", "13800000005", _("Building captain")),
    DemoAccount("liaison", "杨秀英", "13800000006", _("Liaison (one liaison, eleven households)")),
    DemoAccount("courier", "赵鹏", "13800000007", _("Courier (part-time grid worker)")),
    DemoAccount("dept_staff", "黄海涛", "13800000008", _("Department staff (housing and construction)")),
    DemoAccount("property_staff", "周静", "13800000009", _("Property company staff")),
    DemoAccount("provider_staff", "吴敏", "13800000010", _("Service provider staff")),
    DemoAccount("volunteer", "徐晓燕", "13800000011", _("Volunteer")),
    DemoAccount("resident", "孙桂兰", "13800000012", _("Resident")),
    DemoAccount("sysadmin", "马卫东", "13800000013", _("System administrator")),
    DemoAccount("secadmin", "朱文华", "13800000014", _("Security administrator")),
    DemoAccount("auditor", "胡雪梅", "13800000015", _("Audit administrator")),
    # Issue 21's posts outside the county's staff (lianxin.demo.service_accounts): read-only, no residents.
    DemoAccount("shop_staff", "郑秀英", "13800000016", _("Partner shop staff (Huilin supermarket)")),
    DemoAccount(
        "unit_contact", "何志军", "13800000017", _("Unit contact (county housing bureau party branch)")
    ),
    DemoAccount(
        "enterprise_contact", "钱国栋", "13800000018", _("Enterprise contact (Juchuan fuel chemicals)")
    ),
    # Issue 22's posts (lianxin.demo.governance_accounts): the leading group's 组长, and a reviewer.
    DemoAccount("county_leader", "高志远", "13800000019", _("Leading group leader (county)")),
    DemoAccount("reviewer", "韩静", "13800000020", _("Reviewer (county)")),
    # Issue 23's rural posts (lianxin.demo.rural): the 1+5 in 东湖示范片区, a cooperative, a villager.
    DemoAccount(
        "township_secretary", "赵建平", "13800000021", _("Township secretary (Nanhu, joint committee leader)")
    ),
    DemoAccount(
        "village_secretary", "张学军", "13800000022", _("Village secretary (Zhangzhuang, cooperative chair)")
    ),
    DemoAccount("taskforce_head", "周立新", "13800000023", _("Task force head (large-scale farming)")),
    DemoAccount("seconded_secretary", "郭晓东", "13800000024", _("Seconded secretary (Liutang)")),
    DemoAccount("coop_chair", "刘春生", "13800000025", _("Cooperative chair (Lilou fruit and vegetables)")),
    DemoAccount("villager", "王秀芝", "13800000026", _("Villager (Zhangzhuang)")),
]


def demo_accounts_load() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; leave existing ones exactly as users left them.

    Returns each demo account with whether it was created by this run.
    """
    results = []
    with transaction.atomic():
        existing = set(
            User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        for account in DEMO_ACCOUNTS:
            if account.username in existing:
                results.append((account, False))
                continue
            person = Person(name=account.name)
            person.set_mobile(account.mobile)
            person.save()
            user = User(
                username=account.username,
                person=person,
                is_staff=account.is_staff,
                is_superuser=account.is_superuser,
                is_demo=True,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            if account.username in DEMO_OTP_ACCOUNTS:
                _enrol_demo_totp(user)
            results.append((account, True))
    return results


def _enrol_demo_totp(user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
