from odoo import api, models, tools

from .. import compat


class AppraisalCompat(models.AbstractModel):
    """Loads the data that Odoo 18.0 and 19.0 cannot read from one XML file
    (see ``compat.py``): ``<addon>/versioned/<series>/<filename>``, called
    from a common data file at the place the data belongs::

        <function model="appraisal.compat" name="_load_versioned_data"
                  eval="['appraisal_monthly', 'security.xml']"/>

    Both series' files must hold the same xml ids.  The records are loaded
    as the module's own (install and upgrade alike), so an upgrade keeps
    them and Odoo removes them with the module.  Private: data files call
    it, clients cannot.
    """

    _name = "appraisal.compat"
    _description = "Odoo 18.0 / 19.0 compatibility"

    @api.model
    def _load_versioned_data(self, module, filename, noupdate=False):
        state = self.env["ir.module.module"].search([("name", "=", module)]).state
        mode = "init" if state == "to install" else "update"
        pathname = f"{module}/versioned/{compat.SERIES}/{filename}"
        tools.convert_file(self.env, module, filename, {}, mode, noupdate, pathname=pathname)
        return True
