//! The statistics take the command line's filters (kind, issuer): the API's endpoints and the
//! 统计 page answer what the library counts with them, refuse a kind or issuer no document has
//! with the nearest names held, and refuse an option their mode does not take. Every error
//! names the parameter.

use guifan::Registry;
use guifan::stats::{self, Field};
use guifan::store::ListFilter;
use time::macros::date;

use crate::common::{AS_OF, Site, enc, site};

const KIND: &str = "行政规范性文件";
const ISSUER: &str = "潜江市公安局";

/// What the library answers for a filter of kind and issuer on the tests' date.
fn filter(kind: Option<&str>, issuer: Option<&str>) -> ListFilter {
    ListFilter {
        kind: kind.map(str::to_owned),
        issuer: issuer.map(str::to_owned),
        as_of: Some(date!(2024 - 12 - 31)),
        ..Default::default()
    }
}

fn registry(s: &Site) -> Registry {
    Registry::open_existing(s.dir.path()).expect("open")
}

/// Asserts a 400 problem whose detail names `param` (`` `param` ``) and holds `also`.
#[track_caller]
fn names(detail: &str, param: &str, also: &str) {
    assert!(
        detail.contains(&format!("`{param}`")),
        "the error does not name `{param}`: {detail}"
    );
    assert!(detail.contains(also), "missing {also:?}: {detail}");
}

#[tokio::test]
async fn the_api_s_statistics_filter_by_kind_and_issuer() {
    let s = site();
    let reg = registry(&s);
    let r = s.reader();
    let (kind, issuer) = (enc(KIND), enc(ISSUER));

    let j = s
        .get(
            &r,
            &format!("/api/v1/stats?by=kind,status&kind={kind}&as_of={AS_OF}"),
        )
        .await
        .json();
    let want = stats::counts(
        &reg,
        &[Field::Kind, Field::Status],
        date!(2024 - 12 - 31),
        &filter(Some(KIND), None),
    )
    .expect("counts");
    assert_eq!(j["total"], want.total);
    assert!(want.total > 0 && want.total < 110);
    let rows = j["rows"].as_array().expect("rows");
    assert!(rows.iter().all(|row| row["kind"] == KIND), "{j}");

    let j = s
        .get(&r, &format!("/api/v1/stats?issuer={issuer}&as_of={AS_OF}"))
        .await
        .json();
    let want = stats::counts(
        &reg,
        &[Field::Status],
        date!(2024 - 12 - 31),
        &filter(None, Some(ISSUER)),
    )
    .expect("counts");
    assert_eq!(j["total"], want.total);
    let csv = s
        .get(
            &r,
            &format!("/api/v1/stats?by=issuer&issuer={issuer}&format=csv&as_of={AS_OF}"),
        )
        .await
        .text();
    assert_eq!(csv, format!("issuer,count\n{ISSUER},{}\n", want.total));

    let f = s
        .get(
            &r,
            &format!("/api/v1/stats/filings?kind={kind}&issuer={issuer}&as_of={AS_OF}"),
        )
        .await
        .json();
    let want = stats::filing_timeliness(&reg, &filter(Some(KIND), Some(ISSUER))).expect("filings");
    assert_eq!(f["total"], want.total);
    let all = stats::filing_timeliness(&reg, &filter(None, None)).expect("filings");
    assert!(want.total < all.total);

    let v = s
        .get(
            &r,
            &format!("/api/v1/stats/reviews?kind={kind}&as_of={AS_OF}"),
        )
        .await
        .json();
    let want = stats::review_report(&reg, &filter(Some(KIND), None)).expect("reviews");
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(want.rows.len()));
    assert!(
        v["rows"]
            .as_array()
            .is_some_and(|rows| rows.iter().all(|r| r["document_kind"] == KIND))
    );

    let e = s
        .get(
            &r,
            &format!("/api/v1/stats/expiring?days=400&issuer={issuer}&as_of={AS_OF}"),
        )
        .await
        .json();
    let want = stats::expiring_report(&reg, 400, &filter(None, Some(ISSUER))).expect("expiring");
    assert_eq!(
        e["documents"].as_array().map(Vec::len),
        Some(want.documents.len())
    );
    let e = s
        .get(
            &r,
            &format!("/api/v1/stats/expiring?days=400&format=csv&as_of={AS_OF}"),
        )
        .await;
    assert!(e.text().starts_with("expires,days_left"), "{}", e.text());

    // A blank option is not given (forms send them).
    s.get(&r, "/api/v1/stats?kind=&issuer=&by=")
        .await
        .expect(200);
}

#[tokio::test]
async fn an_unknown_kind_or_issuer_is_refused_with_the_nearest_names() {
    let s = site();
    let r = s.reader();
    for endpoint in [
        "/api/v1/stats",
        "/api/v1/stats/filings",
        "/api/v1/stats/reviews",
        "/api/v1/stats/expiring",
    ] {
        let d = s
            .get(&r, &format!("{endpoint}?kind={}", enc("行政规范文件")))
            .await
            .problem(400);
        names(&d, "kind", "did you mean `行政规范性文件`");
        let d = s
            .get(&r, &format!("{endpoint}?issuer={}", enc("潜江市公按局")))
            .await
            .problem(400);
        names(&d, "issuer", "did you mean `潜江市公安局`");
        let d = s
            .get(&r, &format!("{endpoint}?kind={}", enc("完全不同的东西")))
            .await
            .problem(400);
        names(&d, "kind", "no document has this kind");
    }
}

#[tokio::test]
async fn an_option_a_mode_does_not_take_is_refused() {
    let s = site();
    let r = s.reader();
    for (uri, param, also) in [
        ("/api/v1/stats?limit=10", "limit", "the counts"),
        ("/api/v1/stats?days=30", "days", "the counts"),
        ("/api/v1/stats?isuer=x", "isuer", "did you mean `issuer`"),
        ("/api/v1/stats/filings?by=kind", "by", "filing timeliness"),
        ("/api/v1/stats/filings?days=30", "days", "filing timeliness"),
        (
            "/api/v1/stats/filings?status=valid",
            "status",
            "filing timeliness",
        ),
        (
            "/api/v1/stats/reviews?status=valid",
            "status",
            "review counts",
        ),
        ("/api/v1/stats/reviews?by=kind", "by", "review counts"),
        ("/api/v1/stats/expiring?by=kind", "by", "expiring"),
        ("/api/v1/stats/expiring?offset=3", "offset", "expiring"),
        (
            "/api/v1/campaigns/qj-2024/report?kind=x",
            "kind",
            "clearance report",
        ),
        (
            "/api/v1/campaigns/qj-2024/report?as_of=2024-01-01",
            "as_of",
            "clearance report",
        ),
        ("/api/v1/stats?format=pdf", "format", "expected json or csv"),
        ("/api/v1/stats/expiring?days=-1", "days", "whole number"),
        ("/api/v1/stats/reviews?year=MMXXIV", "year", "whole number"),
        ("/api/v1/stats?status=gone", "status", ""),
        ("/api/v1/stats?by=colour", "by", ""),
    ] {
        let d = s.get(&r, uri).await.problem(400);
        names(&d, param, also);
    }
}

#[tokio::test]
async fn the_stats_page_filters_by_kind_and_issuer() {
    let s = site();
    let who = s.viewer();
    let page = s
        .get(&who, &format!("/stats?kind={}&as_of={AS_OF}", enc(KIND)))
        .await;
    page.expect(200);
    let html = page.text();
    assert!(
        html.contains(&format!("<h1>统计（文件类型：{KIND}）</h1>")),
        "the heading shows the filter"
    );
    assert!(html.contains(&format!("<title>统计（文件类型：{KIND}）")));
    assert!(html.contains("<select name=\"kind\">"));
    assert!(html.contains("<select name=\"issuer\">"));
    assert!(html.contains(&format!(
        "<option value=\"{KIND}\" selected>{KIND}</option>"
    )));
    assert!(html.contains(&format!("<option value=\"{ISSUER}\">{ISSUER}</option>")));
    assert!(html.contains(&format!("审核、审查（文件类型：{KIND}）")));
    // The CSV links carry the filter.
    assert!(html.contains(&format!(
        "/api/v1/stats?by=kind,status&amp;format=csv&amp;as_of={AS_OF}&amp;kind={}",
        enc(KIND)
    )));

    // Both filters, the issuer by a part of its name: it stays selected.
    let page = s
        .get(
            &who,
            &format!("/stats?kind={}&issuer={}", enc(KIND), enc("公安")),
        )
        .await;
    page.expect(200);
    let html = page.text();
    assert!(html.contains(&format!(
        "<h1>统计（文件类型：{KIND}；制定机关：公安）</h1>"
    )));
    assert!(html.contains("<option value=\"公安\" selected>公安</option>"));
    // The counts are the library's.
    let reg = registry(&s);
    let today = guifan::date::today().expect("today");
    let want = stats::counts(
        &reg,
        &[Field::Status],
        today,
        &ListFilter {
            as_of: Some(today),
            ..filter(Some(KIND), Some("公安"))
        },
    )
    .expect("counts");
    assert!(
        html.contains(&format!(
            "<div class=\"n\">{}</div><div class=\"l\">登记文件</div>",
            want.total
        )),
        "the card counts {} documents",
        want.total
    );

    // Errors are pages naming the parameter.
    for (uri, param, also) in [
        (
            format!("/stats?kind={}", enc("行政规范文件")),
            "kind",
            "did you mean `行政规范性文件`",
        ),
        (
            format!("/stats?issuer={}", enc("潜江市公按局")),
            "issuer",
            "did you mean `潜江市公安局`",
        ),
        ("/stats?by=kind".to_owned(), "by", "统计 page"),
        ("/stats?status=valid".to_owned(), "status", "统计 page"),
        ("/stats?days=soon".to_owned(), "days", "whole number"),
    ] {
        let r = s.get(&who, &uri).await;
        r.expect(400);
        let html = r.text();
        assert!(html.contains("输入有误"), "{uri}");
        names(&html.replace("&#x60;", "`"), param, also);
    }
}
