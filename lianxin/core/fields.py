from django.db import models

from lianxin.core import crypto


class EncryptedCharField(models.TextField):
    """A short text stored encrypted; reads give the plaintext back.

    Encrypted values cannot be filtered or ordered on; store a blind index beside the field
    (``crypto.blind_index``) for exact-match search.
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(value)
