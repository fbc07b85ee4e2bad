# Shared settings of the project's scripts; sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The Odoo series to run: 18.0 or 19.0 (default: the newest one that passes
# the whole suite).  Each series has its own tree, Python environment and
# pinned requirements; ODOO_PATH / ODOO_PYTHON override the first two.
ODOO_VERSION=${ODOO_VERSION:-19.0}
case "$ODOO_VERSION" in
    18|18.0) ODOO_VERSION=18.0 ;;
    19|19.0) ODOO_VERSION=19.0 ;;
    *) echo "ODOO_VERSION=$ODOO_VERSION is not supported: use 18.0 or 19.0" >&2; exit 2 ;;
esac
ODOO_MAJOR=${ODOO_VERSION%%.*}
ODOO_PATH=${ODOO_PATH:-/opt/odoo$ODOO_MAJOR}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/venv$ODOO_MAJOR/bin/python}
ODOO_REQUIREMENTS="$ROOT/requirements-odoo$ODOO_MAJOR.txt"
DB_HOST=${PGHOST:-127.0.0.1}
DB_PORT=${PGPORT:-5432}
DB_USER=${PGUSER:-root}
# Written by scripts/setup once a source tree is complete and checked.
ODOO_MARK="$ODOO_PATH/.appraisal_setup_ok"

odoo_found() {
    [ -f "$ODOO_MARK" ] && [ -f "$ODOO_PATH/odoo-bin" ] && [ -f "$ODOO_PATH/odoo/release.py" ] \
        && [ -x "$ODOO_PYTHON" ] \
        && "$ODOO_PYTHON" -c "import sys; sys.path.insert(0, '$ODOO_PATH'); import odoo.release as r, odoo.fields, werkzeug, psycopg2, lxml, xlsxwriter; sys.exit(0 if r.version_info[0] == $ODOO_MAJOR else 1)" 2>/dev/null
}

# Run scripts/setup when Odoo is missing or incomplete (start and test do).
ensure_odoo() {
    odoo_found || bash "$ROOT/scripts/setup"
}

# The addons folders of the Odoo tree: the official layout has addons/ at
# the root beside odoo/addons; some trees keep every addon in odoo/addons.
odoo_addons_path() {
    local path="$ODOO_PATH/odoo/addons"
    [ -d "$ODOO_PATH/addons" ] && path="$ODOO_PATH/addons,$path"
    echo "$path,$ROOT"
}

# Write an Odoo configuration for this checkout to $1.
write_odoo_conf() {
    cat > "$1" <<CONF
[options]
addons_path = $(odoo_addons_path)
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
http_interface = 127.0.0.1
http_port = ${ODOO_HTTP_PORT:-8069}
gevent_port = ${ODOO_GEVENT_PORT:-8072}
data_dir = $ROOT/.odoo/data
CONF
}

# The option that installs demo data in a new database: 18.0 loads it
# unless told --without-demo; 19.0 loads it only with --with-demo.
odoo_demo_option() {
    [ "$ODOO_MAJOR" -ge 19 ] && echo "--with-demo"
    return 0
}
