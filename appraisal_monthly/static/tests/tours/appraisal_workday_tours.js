/**
 * A workday in the browser, one tour per role (run by
 * appraisal_monthly/tests/test_tours.py on the demo commune).
 * Each step waits for its trigger: a broken step fails the tour.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const grid = ".o_appraisal_lines";
const row = (name) => `${grid} .o_data_row:contains("${name}")`;
// A cell being edited (only the row being edited has inputs), on the row
// named: never "the selected row" alone, which on a busy machine may still
// be the previous row when the step runs.
const editing = (name, field, input = "input") => `${row(name)} td[name="${field}"] ${input}`;
const tab = (name) => `.o_form_view .o_notebook a.nav-link[name="${name}"]`;
const noErrorDialog = "body:not(:has(.o_error_dialog))";

/**
 * Set the form's level: Odoo 18 shows a <select>, Odoo 19 a SelectMenu
 * (a dropdown of the levels in their order: LEVEL_ORDER).
 */
const LEVEL_ORDER = ["excellent", "good", "completed", "failed"];
function chooseLevel(level) {
    return {
        content: `Set the level: ${level}`,
        trigger: `.o_form_view .o_field_widget[name="rating"]`,
        async run() {
            const field = this.anchor;
            const select = field.querySelector("select");
            if (select) {
                const option = [...select.options].find((o) => o.value.includes(level));
                select.value = option.value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
                return;
            }
            field.querySelector(".o_select_menu_toggler").click();
            for (let tries = 0; tries < 100; tries++) {
                const items = document.querySelectorAll(".o_select_menu_item");
                if (items.length >= LEVEL_ORDER.length) {
                    items[LEVEL_ORDER.indexOf(level)].click();
                    return;
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            throw new Error("The level's menu did not open");
        },
    };
}
const status = (state) =>
    `.o_statusbar_status button.o_arrow_button_current[data-value="${state}"]`;

/** The element ``selector`` inside ``root`` once it is there. */
function waitForElement(root, selector) {
    return new Promise((resolve) => {
        const poll = () => {
            const element = root.querySelector(selector);
            return element ? resolve(element) : setTimeout(poll, 10);
        };
        poll();
    });
}

/** Click a score cell of the row named, type the value, leave the cell. */
function score(name, field, value) {
    return [
        { trigger: `${row(name)} td[name="${field}"]`, run: "click" },
        { trigger: editing(name, field), run: `edit ${value}` },
    ];
}

function attachEvidence(name, fileName) {
    return {
        content: "Attach an evidence file to the line",
        trigger: `${editing(name, "attachment_ids", 'input[type="file"]:not(:visible)')}`,
        run() {
            const input = this.anchor;
            const transfer = new DataTransfer();
            transfer.items.add(new File(["Sổ theo dõi"], fileName, { type: "text/plain" }));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

// The employee lands on her current form, scores, attaches evidence, submits.
tours.add("appraisal_employee_tour", {
    url: "/odoo",
    steps: () => [
        { content: "The app opens on my own form", trigger: `.o_form_view button[name="action_submit"]` },
        ...score("Phẩm chất chính trị", "self_score", "4"),
        {
            trigger: editing("Phẩm chất chính trị", "note", "textarea"),
            run: "edit Chấp hành nghiêm chủ trương, đường lối của Đảng.",
        },
        attachEvidence("Phẩm chất chính trị", "minh_chung.txt"),
        { content: "The evidence is listed", trigger: `${row("Phẩm chất chính trị")} td[name="attachment_ids"]:contains("minh_chung.txt")` },
        ...score("Đạo đức, lối sống", "self_score", "5"),
        { content: "The running total shows", trigger: `.o_form_view .o_field_widget[name="self_score"]` },
        { trigger: `.o_form_view button[name="action_submit"]`, run: "click" },
        { content: "Submitted", trigger: status("submitted") },
    ],
});

// The superior copies the self scores (93: Excellent), changes one with a
// note, opens the Comments tab and writes there, lowers scores with decimals
// typed both ways until the level is Good, saves, and marks the form
// reviewed; then returns another form with a reason.
tours.add("appraisal_superior_tour", {
    url: "/odoo",
    steps: () => [
        { content: "The app opens on the forms to review", trigger: `.o_list_view .o_data_row:contains("Vũ Thị Ngọc Ánh") td[name="period_id"]`, run: "click" },
        { trigger: `.o_form_view button[name="action_copy_self_scores"]`, run: "click" },
        { content: "Self scores copied", trigger: `${row("Ý thức tổ chức kỷ luật")} td[name="manager_score"]:not(:empty)` },
        ...score("Ý thức tổ chức kỷ luật", "manager_score", "3"),
        // A note typed in the grid (still in its cell: "fill" does not
        // confirm it), then straight to the Comments tab.
        { trigger: editing("Ý thức tổ chức kỷ luật", "manager_note", "textarea"), run: "fill Còn đi muộn hai buổi trong tháng." },
        { trigger: tab("comments"), run: "click" },
        // And as fast as a user: a note on another row, typed and left for
        // the tab in one go (the row was not being edited before).
        { trigger: tab("lines"), run: "click" },
        {
            content: "Note on another row, then the Comments tab at once",
            trigger: `${row("Đổi mới, sáng tạo")} td[name="manager_note"]`,
            async run(helpers) {
                await helpers.click();
                const textarea = await waitForElement(this.anchor, "textarea");
                textarea.value = "Có sáng kiến cải tiến mẫu báo cáo.";
                textarea.dispatchEvent(new Event("input", { bubbles: true }));
                await helpers.click(tab("comments"));
            },
        },
        { trigger: `.o_form_view .o_field_widget[name="manager_comment"] textarea`, run: "edit Hoàn thành tốt nhiệm vụ, cần đúng giờ hơn." },
        { content: "No error dialog", trigger: `${noErrorDialog} .o_form_view .o_notebook a.nav-link.active[name="comments"]` },
        { trigger: tab("lines"), run: "click" },
        { content: "No error dialog, back on the grid", trigger: `${noErrorDialog} ${row("Ý thức tổ chức kỷ luật")} td[name="manager_note"]:contains("đi muộn")` },
        // Decimals typed the usual ways: "4,5" and "4.5" are four and a half.
        ...score("Phẩm chất chính trị", "manager_score", "4,5"),
        ...score("Đạo đức, lối sống", "manager_score", "4.5"),
        ...score("Kết quả thực hiện nhiệm vụ được giao", "manager_score", "60.5"),
        { content: "Leave the last cell", trigger: `${row("Văn hóa thực thi công vụ")} td[name="name"]`, run: "click" },
        { content: "Decimals read as such", trigger: `${row("Kết quả thực hiện nhiệm vụ được giao")} td[name="manager_score"]:contains("60,5")` },
        { trigger: `${row("Đạo đức, lối sống")} td[name="manager_score"]:contains("4,5")` },
        { trigger: `${row("Phẩm chất chính trị")} td[name="manager_score"]:contains("4,5")` },
        // 87,5 of 100: the level by score crosses from Excellent to Good.
        { content: "The level by score is now Good", trigger: `.o_form_view .o_field_widget[name="suggested_rating"]:contains("Hoàn thành tốt nhiệm vụ")` },
        { trigger: ".o_form_view .o_form_button_save", run: "click" },
        {
            content: "Saved (nothing left to save), with no error, at the level Good",
            trigger: `${noErrorDialog} .o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible))) .o_field_widget[name="rating"]:contains("Hoàn thành tốt nhiệm vụ")`,
        },
        { trigger: `.o_form_view button[name="action_review"]`, run: "click" },
        { content: "Reviewed", trigger: status("reviewed") },
        { trigger: ".o_breadcrumb .breadcrumb-item a", run: "click" },
        { trigger: `.o_list_view .o_data_row:contains("Đặng Thu Trang") td[name="period_id"]`, run: "click" },
        { trigger: `.o_form_view button[name="action_return"]`, run: "click" },
        {
            trigger: `.modal .o_field_widget[name="reason"] textarea`,
            run: "edit Đề nghị bổ sung minh chứng cho tiêu chí kết quả thực hiện nhiệm vụ.",
        },
        { trigger: `.modal .modal-footer button.btn-primary`, run: "click" },
        { content: "Returned to the employee", trigger: `body:not(:has(.modal)) ${status("draft")}` },
    ],
});

const LEVELS = [
    ["excellent", "Hoàn thành xuất sắc nhiệm vụ"],
    ["good", "Hoàn thành tốt nhiệm vụ"],
    ["completed", "Hoàn thành nhiệm vụ"],
    ["failed", "Không hoàn thành nhiệm vụ"],
];

// The head sets another level, with the reason, sees the quota and approves.
tours.add("appraisal_head_tour", {
    url: "/odoo",
    steps: () => [
        { content: "The app opens on the forms to approve", trigger: `.o_list_view .o_data_row:contains("Phạm Thị Lan") td[name="period_id"]`, run: "click" },
        { content: "The quota consequence shows", trigger: `.o_form_view .o_field_widget[name="quota_hint"]:contains(":")` },
        // The hint follows each level the head picks.
        ...LEVELS.flatMap(([value, label]) => [
            chooseLevel(value),
            {
                content: `The quota hint speaks of ${label}`,
                trigger: `.o_form_view .o_field_widget[name="quota_hint"]:contains("ở mức ${label}")`,
            },
        ]),
        chooseLevel("completed"),
        {
            trigger: `.o_form_view .o_field_widget[name="rating_change_reason"] textarea`,
            run: "edit Chưa hoàn thành đúng hạn báo cáo tổng kết của bộ phận.",
        },
        { trigger: `.o_form_view button[name="action_approve"]`, run: "click" },
        { content: "Asked to confirm", trigger: ".modal-footer button.btn-primary", run: "click" },
        { content: "Approved", trigger: status("approved") },
    ],
});

// HR opens a period and generates its forms.
tours.add("appraisal_hr_generate_tour", {
    url: "/odoo",
    steps: () => [
        { content: "The app opens on the period dashboard", trigger: ".o_kanban_view" },
        { trigger: `.o_menu_sections button[data-menu-xmlid="appraisal_monthly.appraisal_menu_hr"]`, run: "click" },
        { trigger: `.dropdown-item[data-menu-xmlid="appraisal_monthly.appraisal_period_menu"]`, run: "click" },
        { trigger: `.o_list_view .o_data_row:contains("Kỳ thử nghiệm") td.o_data_cell`, run: "click" },
        { trigger: `.o_form_view button[name="action_open"]`, run: "click" },
        { content: "Open", trigger: status("open") },
        { trigger: `.o_form_view button[name="action_open_generate_wizard"]:visible`, run: "click" },
        { trigger: `.modal button[name="action_generate"]`, run: "click" },
        { content: "Forms generated", trigger: `.modal .o_field_widget[name="created_count"]:contains("22")` },
        { trigger: `.modal .modal-footer button.btn-secondary, .modal .modal-footer button[special="cancel"]`, run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ],
});

// HR publishes the period (its forms approved) and exports the sheet.
tours.add("appraisal_hr_publish_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_kanban_view" },
        { trigger: `.o_menu_sections button[data-menu-xmlid="appraisal_monthly.appraisal_menu_hr"]`, run: "click" },
        { trigger: `.dropdown-item[data-menu-xmlid="appraisal_monthly.appraisal_period_menu"]`, run: "click" },
        { trigger: `.o_list_view .o_data_row:contains("Kỳ thử nghiệm") td.o_data_cell`, run: "click" },
        { trigger: `.o_form_view button[name="action_publish"]`, run: "click" },
        { trigger: ".modal-footer button.btn-primary", run: "click" },
        { content: "Published", trigger: status("published") },
        { trigger: `.o_form_view button[name="action_open_export_wizard"]`, run: "click" },
        { trigger: `.modal button[name="action_export"]`, run: "click" },
        { content: "Once made, close the dialog", trigger: `.modal-footer button[special="cancel"]:enabled`, run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ],
});

// The employee drafts an action plan from the Action Plans menu.
tours.add("appraisal_action_plan_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: `.o_form_view button[name="action_submit"], .o_form_view .o_statusbar_status` },
        { trigger: `.o_menu_sections button[data-menu-xmlid="appraisal_monthly.appraisal_menu_follow_up"]`, run: "click" },
        { trigger: `.dropdown-item[data-menu-xmlid="appraisal_monthly.appraisal_action_plan_menu"]`, run: "click" },
        { trigger: ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add", run: "click" },
        { trigger: `.o_form_view .o_field_widget[name="form_id"] input`, run: "fill Hoàng Văn Nam" },
        { trigger: ".o-autocomplete--dropdown-item a:contains('Hoàng Văn Nam')", run: "click" },
        { trigger: `.o_form_view .o_field_widget[name="item_ids"] .o_field_x2many_list_row_add a`, run: "click" },
        { content: "The new row (empty, being edited)", trigger: `.o_form_view .o_field_widget[name="item_ids"] .o_data_row td[name="name"] input`, run: "edit Nộp báo cáo tuần đúng hạn" },
        { trigger: ".o_form_view .o_form_button_save", run: "click" },
        { content: "Saved: the record has its place in the list (pager)", trigger: ".o_control_panel .o_pager:contains(\"1\")" },
    ],
});
