/**
 * The committee's year in the browser, one tour per role (run by
 * appraisal_monthly_reward/tests/test_tours.py on the demo commune, on a
 * campaign the test prepares).  Each step waits for its trigger.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const button = (name) => `.o_form_view .o_form_statusbar button[name="${name}"]`;
const status = (state) =>
    `.o_statusbar_status button.o_arrow_button_current[data-value="${state}"]`;

function upload(fieldName, fileName) {
    return {
        content: `Attach ${fileName}`,
        trigger: `.o_field_widget[name="${fieldName}"] input[type="file"]:not(:visible)`,
        run() {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["Biên bản họp bình xét"], fileName, { type: "application/pdf" }));
            this.anchor.files = transfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

// The emulation officer reads the rules, confirms them, finds the candidates.
tours.add("reward_officer_prepare_tour", {
    steps: () => [
        { content: "The rules are in view", trigger: `.o_field_widget[name="rules_summary"]:contains("Lao động tiên tiến")` },
        { trigger: button("action_confirm_rules"), run: "click" },
        { content: "Rules confirmed", trigger: `${button("action_find_candidates")}.btn-primary`, run: "click" },
        { content: "The counts by title", trigger: `.o_notification:contains("Lao động tiên tiến")` },
        { content: "The candidates open, by title", trigger: `.o_list_view .o_group_name:contains("Lao động tiên tiến")` },
    ],
});

// The unit head makes the unit's list: the campaign is offered, a
// justification is written in the list, the minutes attached, submitted.
tours.add("reward_unit_head_tour", {
    steps: () => [
        { trigger: `.o_list_button_add`, run: "click" },
        { trigger: `.o_field_widget[name="campaign_id"] input`, run: "edit đợt bổ sung" },
        { content: "My campaign is offered", trigger: `.o-autocomplete--dropdown-item:contains("đợt bổ sung")`, run: "click" },
        { trigger: `.o_field_widget[name="unit_id"] input`, run: "edit Văn phòng" },
        { trigger: `.o-autocomplete--dropdown-item:contains("Văn phòng - Thống kê")`, run: "click" },
        { trigger: `.o_form_button_save`, run: "click" },
        {
            content: "The unit's candidates are on its list",
            trigger: `.o_field_widget[name="nomination_ids"] .o_data_row:contains("Chiến sĩ thi đua cơ sở"):contains("Đặng Thu Trang") td[name="justification"]`,
            run: "click",
        },
        {
            // The row named: only the row being edited has a textarea.
            trigger: `.o_field_widget[name="nomination_ids"] .o_data_row:contains("Chiến sĩ thi đua cơ sở"):contains("Đặng Thu Trang") td[name="justification"] textarea`,
            run: "edit Chủ trì số hóa toàn bộ số liệu thống kê của xã.",
        },
        upload("minutes", "bien_ban_binh_xet.pdf"),
        { content: "Minutes attached", trigger: `.o_field_widget[name="minutes"] .o_clear_file_button` },
        { trigger: `.o_form_button_save`, run: "click" },
        { trigger: `.o_form_saved`, run: () => {} },
        { trigger: button("action_submit"), run: "click" },
        { content: "List submitted", trigger: status("submitted") },
    ],
});

// The officer forwards the eligible and opens the council's vote.
tours.add("reward_officer_vote_tour", {
    steps: () => [
        { trigger: button("action_forward_eligible"), run: "click" },
        { trigger: `${button("action_open_voting")}:not(:disabled)`, run: "click" },
        { content: "The ballots opened", trigger: `.o_notification:contains("Đã mở")` },
        { content: "The nominations put to the vote, with their ballots", trigger: `.o_list_view th[data-name="vote_count"]` },
    ],
});

// The chair, a member of the council, reads a ballot and votes.
tours.add("reward_council_member_tour", {
    steps: () => [
        {
            content: "The ballot shows the conditions and the unit's justification",
            trigger: `.o_list_view .o_data_row:contains("Đặng Thu Trang"):contains("Chủ trì số hóa")`,
        },
        {
            trigger: `.o_list_view .o_data_row:contains("Đặng Thu Trang"):contains("Chủ trì số hóa") button[name="action_vote_for"]`,
            run: "click",
        },
        {
            content: "Cast: it leaves the ballots not yet cast",
            trigger: `.o_list_view:not(:has(.o_data_row:contains("Chủ trì số hóa")))`,
        },
    ],
});

// The officer closes the vote and drafts the commune chair's decision.
tours.add("reward_officer_decision_tour", {
    steps: () => [
        { trigger: button("action_close_voting"), run: "click" },
        { content: "Closed", trigger: status("closed") },
        { trigger: button("action_create_decision"), run: "click" },
        { content: "The passed nominations are pre-selected", trigger: `.modal .o_field_widget[name="nomination_ids"] .o_data_row:contains("Lao động tiên tiến")` },
        // Last year's LĐTT are decided already: the province chair's titles.
        { trigger: `.modal .o_field_widget[name="authority_id"] input`, run: "edit cấp tỉnh" },
        { trigger: `.o-autocomplete--dropdown-item:contains("Chủ tịch UBND cấp tỉnh")`, run: "click" },
        {
            content: "Pre-selected again: what the province chair may grant",
            trigger: `.modal .o_field_widget[name="nomination_ids"] .o_data_row:contains("Bằng khen"):not(:contains("Lao động tiên tiến"))`,
        },
        { trigger: `.modal button[name="action_create"]`, run: "click" },
        { content: "The draft decision", trigger: `.o_form_view .o_field_widget[name="award_ids"] .o_data_row td[name="title_id"]:contains("Bằng khen")` },
        { content: "Its awards are proposed, not yet awarded", trigger: `.o_form_view .o_field_widget[name="award_ids"] .o_data_row td[name="status"]:contains("Đề xuất")` },
    ],
});
