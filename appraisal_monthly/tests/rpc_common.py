"""Calls over Odoo's real XML-RPC entry point, as the attack suites make
them, for the RPC tests of both addons (mixed into an HttpCase)."""
import xmlrpc.client

from .security_common import is_vietnamese


def password(user):
    """new_test_user's password: the login, padded to eight characters."""
    return user.login + "x" * (8 - len(user.login))


class RpcMixin:

    def call(self, user, model, method, args, kwargs=None, context=None):
        """``model.method(*args, **kwargs)`` as ``user``; the context exactly
        as a client sends it (none at all when None, as a script does)."""
        kwargs = dict(kwargs or {})
        if context is not None:
            kwargs["context"] = context
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, password(user), model, method, args, kwargs)

    def assertFaultInVietnamese(self, func, what):
        """Refused, in words (no raw conversion error, no traceback as the
        message), in Vietnamese."""
        with self.assertRaises(xmlrpc.client.Fault, msg="%s was accepted" % what) as caught:
            func()
        message = caught.exception.faultString
        last = message.splitlines()[-1] if message else ""
        self.assertNotIn("could not convert", message, what)
        self.assertNotIn("Traceback (most recent call last)", last, what)
        self.assertTrue(is_vietnamese(last), "%s: %s" % (what, message[-300:]))
