"""Log in to a running Odoo as admin and fetch the web client's asset bundles,
so that Odoo builds them now rather than on a user's first page.

    python scripts/warm_assets.py URL DATABASE
"""
import re
import sys

import requests


def main(url, db):
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    session.post(f"{url}/web/login", timeout=60, data={
        "login": "admin", "password": "admin", "db": db, "csrf_token": token and token.group(1)})
    page = session.get(f"{url}/odoo", timeout=300)
    for asset in sorted(set(re.findall(r'(?:src|href)="(/web/assets/[^"]+)"', page.text))):
        session.get(f"{url}{asset}", timeout=300)


if __name__ == "__main__":
    main(*sys.argv[1:3])
