"""Walk every role through one month on a running demo server, over XML-RPC.

    scripts/start &                      # demo database 'appraisal_demo'
    python3 scripts/walkthrough.py [--url http://127.0.0.1:8069] [--db appraisal_demo]

It takes the November form of the demo employee 'nhanvien' (a draft) through
self-assessment, review, approval and reopening, and checks on the way that
each forbidden step is refused.  It changes the demo database: run
`RESET=1 scripts/start` to get a fresh one.
"""
import argparse
import sys
import xmlrpc.client


class Session:
    def __init__(self, url, db, login):
        self.db, self.login, self.password = db, login, login
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, login, {})
        if not self.uid:
            sys.exit(f"cannot log in as {login}")
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method,
                                      list(args), kwargs)


def refused(session, what, model, method, *args, **kwargs):
    try:
        session.call(model, method, *args, **kwargs)
    except xmlrpc.client.Fault as fault:
        message = fault.faultString.strip().splitlines()[-1]
        print(f"  refused as expected ({session.login}: {what}): {message[:110]}")
        return
    sys.exit(f"FAIL: {session.login} could {what}")


def ok(label):
    print(f"  ok: {label}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="appraisal_demo")
    args = parser.parse_args()
    s = {login: Session(args.url, args.db, login) for login in
         ("nhanvien", "truongvp", "chutich", "canbotochuc", "hoidongtdkt")}
    form_model, line_model = "appraisal.form", "appraisal.form.line"

    print("Employee (nhanvien)")
    emp = s["nhanvien"]
    forms = emp.call(form_model, "search_read",
                     [("employee_id.user_id", "=", emp.uid), ("state", "=", "draft")],
                     fields=["name", "line_ids", "reviewer_user_id", "approver_user_id"])
    assert forms, "no draft form for nhanvien"
    form = forms[0]
    form_id = form["id"]
    print(f"  form: {form['name']}, superior {form['reviewer_user_id'][1]}, head {form['approver_user_id'][1]}")
    all_visible = emp.call(form_model, "search", [])
    assert all(emp.call(form_model, "read", all_visible, ["employee_id"])[i]["employee_id"]
               for i in range(len(all_visible)))
    others = s["canbotochuc"].call(form_model, "search", [("id", "not in", all_visible)], limit=1)
    refused(emp, "read a colleague's form", form_model, "read", others, ["final_score"])
    lines = emp.call(line_model, "search_read",
                     [("form_id", "=", form_id), ("display_type", "=", False),
                      ("veto", "=", False), ("kind", "=", "score")],
                     fields=["name", "max_score"])
    refused(emp, "score above the maximum", line_model, "write",
            [lines[0]["id"]], {"self_score": lines[0]["max_score"] + 1})
    refused(emp, "submit with missing scores", form_model, "action_submit", [form_id])
    for line in lines:
        emp.call(line_model, "write", [line["id"]],
                 {"self_score": round(line["max_score"] * 0.9, 2), "note": "Hoàn thành đúng hạn"})
    refused(emp, "enter the superior's score", line_model, "write",
            [lines[0]["id"]], {"manager_score": 1})
    refused(emp, "set her own level", form_model, "write", [form_id], {"rating": "excellent"})
    emp.call(form_model, "action_submit", [form_id])
    ok("self-assessment submitted at 90%")
    refused(emp, "change a submitted self score", line_model, "write",
            [lines[0]["id"]], {"self_score": 0})
    refused(emp, "review her own form", form_model, "action_review", [form_id])

    print("Direct superior (truongvp)")
    sup = s["truongvp"]
    refused(sup, "approve before review", form_model, "action_approve", [form_id])
    for line in lines:
        sup.call(line_model, "write", [line["id"]],
                 {"manager_score": round(line["max_score"] * 0.8, 2)})
    refused(sup, "change the employee's self score", line_model, "write",
            [lines[0]["id"]], {"self_score": 1})
    sup.call(form_model, "action_review", [form_id])
    data = sup.call(form_model, "read", [form_id], ["state", "final_score", "score_percent", "rating"])[0]
    assert data["state"] == "reviewed" and data["rating"] == "good", data
    ok(f"reviewed: {data['final_score']} points, {data['score_percent']}%, {data['rating']}")
    refused(sup, "approve as mere superior", form_model, "action_approve", [form_id])

    print("Head (chutich)")
    head = s["chutich"]
    head.call(form_model, "write", [form_id], {"rating": "completed"})
    refused(head, "change the level without a reason", form_model, "action_approve", [form_id])
    head.call(form_model, "write", [form_id],
              {"rating_change_reason": "Chậm báo cáo tổng hợp tháng"})
    head.call(form_model, "action_approve", [form_id])
    data = head.call(form_model, "read", [form_id], ["state", "rating", "score_percent"])[0]
    assert data["state"] == "approved" and data["rating"] == "completed", data
    ok(f"approved with a changed level: {data['rating']} ({data['score_percent']}%)")

    print("Locked")
    for login in ("nhanvien", "truongvp", "chutich", "canbotochuc"):
        refused(s[login], "change an approved form", line_model, "write",
                [lines[0]["id"]], {"manager_score": 1})

    print("Reward committee (hoidongtdkt)")
    com = s["hoidongtdkt"]
    approved = com.call(form_model, "search_count", [("state", "=", "approved")])
    drafts = com.call(form_model, "search_count", [("state", "!=", "approved"),
                                                  ("employee_id.user_id", "!=", com.uid)])
    assert approved and not drafts, (approved, drafts)
    ok(f"reads {approved} approved forms and no form in progress")

    print("HR officer (canbotochuc)")
    hr = s["canbotochuc"]
    # Without a reason, reopening only opens the dialog that asks for one.
    action = hr.call(form_model, "action_reset_to_draft", [form_id])
    assert action["res_model"] == "appraisal.form.return", action
    assert hr.call(form_model, "read", [form_id], ["state"])[0]["state"] == "approved"
    ok("reopening asks for a reason first")
    refused(hr, "approve in the head's place", form_model, "action_approve", [form_id])
    hr.call(form_model, "action_reset_to_draft", [form_id], reason="Nhập sai điểm tiêu chí 1")
    assert hr.call(form_model, "read", [form_id], ["state"])[0]["state"] == "draft"
    ok("reopened with a reason; the employee may edit again")
    history = hr.call("mail.message", "search_read",
                      [("model", "=", form_model), ("res_id", "=", form_id)],
                      fields=["body"], limit=20)
    assert any("Nhập sai điểm" in (m["body"] or "") for m in history)
    assert any("Chậm báo cáo" in (m["body"] or "") for m in history)
    ok("reasons kept in the chatter")
    print("walkthrough: all steps behaved as expected")


if __name__ == "__main__":
    main()
