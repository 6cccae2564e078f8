"""The cast every test reads: the demo accounts, one per role (healthchecks' alice/bob/charlie, our way).

The territory issue places each of them on the demo tree with a post, so scope tests read the same world
as the demo a user clicks through.
"""

from lianxin.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_load
from lianxin.people.models import User

PASSWORD = DEMO_PASSWORD


class Cast:
    def __init__(self, users: dict[str, User]):
        self._users = users

    @classmethod
    def load(cls) -> "Cast":
        demo_accounts_load()
        users = User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).select_related("person")
        return cls({user.username: user for user in users})

    def __getitem__(self, username: str) -> User:
        return self._users[username]

    def __getattr__(self, username: str) -> User:
        try:
            return self._users[username]
        except KeyError:
            raise AttributeError(username) from None

    def __iter__(self):
        return iter(self._users.values())


def otp_verify_session(client, user) -> None:
    """Mark the client's session as having given the second factor (what the sign-in page does after a
    correct code), for accounts enrolled with one: tests of other things start past that step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
