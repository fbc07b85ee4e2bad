"""Speak to users in their own language, whoever calls.

The web client always sends the user's language in the context; scripts
and integrations calling over XML-RPC or JSON-RPC usually send none, and
Odoo then answers in English.  The public entry points of this addon are
wrapped so that, when the context has no language, messages and new texts
use the language set on the user.
"""
import functools


def in_user_lang(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        # Not while modules load (the registry is not ready): data files
        # write their source texts, which the translations then complete.
        if self.env.registry.ready and not self.env.context.get("lang") and self.env.user.lang:
            self = self.with_context(lang=self.env.user.lang)
        return method(self, *args, **kwargs)

    return wrapper
