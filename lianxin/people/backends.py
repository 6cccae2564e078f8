from django.contrib.auth.backends import ModelBackend

from lianxin.people.models import Person, User, is_mobile


class UsernameOrMobileBackend(ModelBackend):
    """Sign in with the account name or with the mobile number of the person who holds the account.

    It grants no permissions: those come from roles only (``lianxin.security.permissions``), never from the
    superuser flag, groups or per-user permissions.
    """

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        user = self._find(username.strip())
        if user is None:
            # Hash anyway, so that a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def _find(login: str) -> User | None:
        user = User.objects.filter(username=login).select_related("person").first()
        if user is None and is_mobile(login):
            # A number shared by two accounts (a family phone) identifies neither: they sign in by name.
            matches = list(
                User.objects.filter(person__mobile_index=Person.mobile_lookup(login)).select_related(
                    "person"
                )[:2]
            )
            user = matches[0] if len(matches) == 1 else None
        return user
