//! Repeated records and corrections on the command line: `file` twice, `withdraw`, `amend`,
//! and what `show` and `stats` answer after them.

use crate::run::Guifan;

#[test]
fn a_filing_recorded_twice_counts_once_and_a_corrected_one_replaces_it() {
    let g = Guifan::qianjiang();
    let args = [
        "file",
        "潜政规〔2024〕2号",
        "--with",
        "湖北省人民政府",
        "--submitted",
        "2024-05-30",
    ];
    insta::assert_snapshot!("file_first", g.shot(&args));
    insta::assert_snapshot!("file_repeat", g.shot(&args));
    insta::assert_snapshot!(
        "file_conflict",
        g.shot(&[
            "file",
            "潜政规〔2024〕2号",
            "--with",
            "湖北省人民政府",
            "--submitted",
            "2024-05-30",
            "--number",
            "鄂备〔2024〕7号"
        ])
    );
    let late = |g: &Guifan| {
        let r = g.run(&["stats", "--filings", "--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        v["late"].as_u64().expect("late")
    };
    assert_eq!(late(&g), 3, "two fixtures' late filings and this one, once");
    insta::assert_snapshot!(
        "amend_foreign_field",
        g.shot(&[
            "amend",
            "备案",
            "13",
            "--conclusion",
            "合法",
            "--reason",
            "x"
        ])
    );
    insta::assert_snapshot!(
        "amend_filing",
        g.shot(&[
            "amend",
            "备案",
            "13",
            "--submitted",
            "2024-04-20",
            "--reason",
            "报送日期录错",
            "--on",
            "2024-06-01"
        ])
    );
    assert_eq!(late(&g), 2, "the corrected filing was on time");
    insta::assert_snapshot!(
        "withdraw_replaced",
        g.shot(&["withdraw", "filing", "13", "--reason", "重复"])
    );
    insta::assert_snapshot!(
        "withdraw",
        g.shot(&["withdraw", "filing", "14", "--reason", "登记错了文件"])
    );
    assert_eq!(late(&g), 2);
    insta::assert_snapshot!(
        "show_after_corrections",
        g.shot(&["show", "潜政规〔2024〕2号"])
    );
    let check = g.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
