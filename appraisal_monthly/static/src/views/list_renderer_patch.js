import { patch } from "@web/core/utils/patch";
import { ListRenderer } from "@web/views/list/list_renderer";

/**
 * After a patch, the list renderer waits a tick and then focuses the cell
 * being edited.  When that patch came from leaving the page that holds the
 * list (the superior types a note in the grid, then opens the "Comments"
 * tab), the list is gone by then: its table is null and Odoo 18's
 * focusCell raised "Cannot read properties of null", shown to the user as
 * an error dialog.  Nothing is left to focus: do nothing.
 */
patch(ListRenderer.prototype, {
    focusCell(column, forward = true) {
        if (!this.tableRef.el) {
            return;
        }
        return super.focusCell(column, forward);
    },
});
