# Shared settings of the project's scripts; sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo18}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/venv18/bin/python}
DB_HOST=${PGHOST:-127.0.0.1}
DB_PORT=${PGPORT:-5432}
DB_USER=${PGUSER:-root}
# Written by scripts/setup once a source tree is complete and checked.
ODOO_MARK="$ODOO_PATH/.appraisal_setup_ok"

odoo_found() {
    [ -f "$ODOO_MARK" ] && [ -f "$ODOO_PATH/odoo-bin" ] && [ -f "$ODOO_PATH/odoo/release.py" ] \
        && [ -x "$ODOO_PYTHON" ] \
        && "$ODOO_PYTHON" -c "import sys; sys.path.insert(0, '$ODOO_PATH'); import odoo.release as r, odoo.fields, werkzeug, psycopg2, lxml, xlsxwriter; sys.exit(0 if r.version_info[0] == 18 else 1)" 2>/dev/null
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
