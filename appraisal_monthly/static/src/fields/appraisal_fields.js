import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { usePopover } from "@web/core/popover/popover_hook";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { FloatField, floatField } from "@web/views/fields/float/float_field";
import { parseFloat } from "@web/views/fields/parsers";
import { Component } from "@odoo/owl";

/**
 * A score as people type it, whatever their language: "4,5" and "4.5" are
 * both four and a half (scores never reach a thousand, so a single "." or
 * "," is always the decimal mark; in Vietnamese Odoo's parser would read
 * "4.5" as 45).  Anything else is left to Odoo's parser.
 */
export function parseScore(value) {
    const text = String(value ?? "").replace(/\s/g, "");
    if (/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) {
        return Number(text.replace(",", "."));
    }
    return parseFloat(value);
}

/**
 * A score of the appraisal grid: empty until someone has entered it, so
 * that an unscored cell never reads like a real zero.
 *
 * Options: ``scored_fields``, the boolean fields telling that the score
 * was entered (any of them); the value shows as soon as it is not zero.
 */
export class AppraisalScoreField extends FloatField {
    static props = {
        ...FloatField.props,
        scoredFields: { type: Array, optional: true },
    };

    parse(value) {
        return this.props.inputType === "number" ? Number(value) : parseScore(value);
    }

    get isScored() {
        const data = this.props.record.data;
        return Boolean(this.value) || (this.props.scoredFields || []).some((f) => data[f]);
    }

    get formattedValue() {
        return this.isScored ? super.formattedValue : "";
    }
}

export const appraisalScoreField = {
    ...floatField,
    component: AppraisalScoreField,
    displayName: _t("Appraisal score"),
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...floatField.extractProps(fieldInfo, dynamicInfo),
            scoredFields: fieldInfo.options.scored_fields || [],
        };
    },
};
registry.category("fields").add("appraisal_score", appraisalScoreField);

export class AppraisalGuidancePopover extends Component {
    static template = "appraisal_monthly.GuidancePopover";
    static props = { title: String, text: String, close: { type: Function, optional: true } };
}

/**
 * The criterion's name, whole (it wraps), with an "i" that shows its
 * scoring guidance (the ``description`` field of the line) in a popover.
 */
export class AppraisalCriterionField extends Component {
    static template = "appraisal_monthly.CriterionField";
    static props = { ...standardFieldProps };

    setup() {
        this.popover = usePopover(AppraisalGuidancePopover, { position: "bottom" });
    }

    get guidance() {
        return this.props.record.data.description || "";
    }

    onGuidanceClick(ev) {
        ev.stopPropagation();
        if (this.popover.isOpen) {
            this.popover.close();
            return;
        }
        this.popover.open(ev.currentTarget, {
            title: this.props.record.data[this.props.name] || "",
            text: this.guidance,
        });
    }
}

export const appraisalCriterionField = {
    component: AppraisalCriterionField,
    supportedTypes: ["char"],
    displayName: _t("Criterion with guidance"),
    fieldDependencies: [{ name: "description", type: "text" }],
};
registry.category("fields").add("appraisal_criterion", appraisalCriterionField);
