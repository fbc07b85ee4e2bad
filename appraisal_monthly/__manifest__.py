{
    "name": "Monthly Appraisal (CBCCVC)",
    "summary": "Monthly self-assessment, scoring, review and approval of "
    "cadres, civil servants and employees (Decree 335/2025)",
    "version": "1.0.0",
    "category": "Human Resources/Appraisal",
    "website": "https://github.com/appraisal-monthly/appraisal_monthly",
    "author": "appraisal_monthly developers",
    "maintainers": ["appraisal-monthly"],
    "license": "LGPL-3",
    "depends": ["hr", "mail"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        # security
        "security/appraisal_monthly_security.xml",
        "security/ir.model.access.csv",
        # data
        "data/mail_activity_type_data.xml",
        "data/appraisal_criteria_set_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        # views: one file per model
        "views/appraisal_action_plan_views.xml",
        "views/appraisal_criteria_set_views.xml",
        "views/appraisal_discipline_views.xml",
        "views/appraisal_form_views.xml",
        "views/appraisal_meeting_views.xml",
        "views/appraisal_period_views.xml",
        "views/appraisal_quota_exception_views.xml",
        "views/appraisal_summary_views.xml",
        "views/appraisal_task_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_employee_public_views.xml",
        "views/res_config_settings_views.xml",
        # wizards
        "wizard/appraisal_form_return_views.xml",
        "wizard/appraisal_period_export_views.xml",
        "wizard/appraisal_period_generate_views.xml",
        "wizard/appraisal_summary_export_views.xml",
        "wizard/quota_check_views.xml",
        # reports: analysis views, PDF reports and their templates
        "report/appraisal_form_report_views.xml",
        "report/appraisal_period_summary_views.xml",
        "report/appraisal_form_reports.xml",
        "report/appraisal_form_templates.xml",
        "report/appraisal_period_reports.xml",
        "report/appraisal_period_templates.xml",
        # menus last
        "views/appraisal_monthly_menus.xml",
    ],
    "demo": [
        "demo/appraisal_monthly_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "appraisal_monthly/static/src/fields/*",
            "appraisal_monthly/static/src/views/*",
            "appraisal_monthly/static/src/scss/*",
        ],
        "web.assets_tests": [
            "appraisal_monthly/static/tests/tours/*",
        ],
    },
    "application": True,
}
