"""Python 3.11 shim for localstack-core 4.13.1 (written for Python 3.13, upstream's image).

Loaded at interpreter start by localstack_py311_compat.pth in the kit's LocalStack venv
(lib/targets/localstack/install_extras.py installs both, on Python < 3.12 only). Backports two
Python 3.12 behaviours LocalStack relies on:
- uuid.uuid3/uuid5 accept a bytes `name`: LocalStack's KMS model (services/kms/models.py,
  generate_key_material_id) passes bytes; without this KMS CreateKey answers 500
  "encoding without a string argument".
- `value in SomeEnum` returns a bool for plain values (3.11 raises TypeError): SNS uses it.
"""
import sys

if sys.version_info < (3, 12):
    import hashlib
    import uuid

    _orig_uuid3, _orig_uuid5 = uuid.uuid3, uuid.uuid5

    def uuid3(namespace, name):
        if isinstance(name, (bytes, bytearray, memoryview)):
            h = hashlib.md5(namespace.bytes + bytes(name), usedforsecurity=False).digest()
            return uuid.UUID(bytes=h[:16], version=3)
        return _orig_uuid3(namespace, name)

    def uuid5(namespace, name):
        if isinstance(name, (bytes, bytearray, memoryview)):
            h = hashlib.sha1(namespace.bytes + bytes(name), usedforsecurity=False).digest()
            return uuid.UUID(bytes=h[:16], version=5)
        return _orig_uuid5(namespace, name)

    uuid.uuid3, uuid.uuid5 = uuid3, uuid5

    # Python 3.12 changed `value in SomeEnum` to return a bool for plain values
    # (3.11 raises TypeError for any non-member, e.g. `"Enabled" in StrEnumClass`).
    # LocalStack code written for 3.13 uses the 3.12 semantics (e.g. sns/v2/provider.py).
    import enum

    def _enum_contains(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return any(m._value_ == value for m in cls._member_map_.values())

    enum.EnumType.__contains__ = _enum_contains
