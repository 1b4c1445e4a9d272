//! The OpenAPI document describes every answer: each operation declares a 2xx response with
//! its content type and, for JSON, a schema that resolves; and the answers the router gives
//! validate against the schema declared for them.
//!
//! The validator is written here (no JSON Schema crate): it reads the subset utoipa emits —
//! `$ref` to `#/components/schemas/…`, `type` (one or a list, `null` among them), `enum`,
//! `properties` and `required`, `additionalProperties`, `items`, `allOf`, `oneOf`, `anyOf`,
//! `minimum`, `format: date` — and is strict about objects: a property that no schema of the
//! object declares is an error, so a serde rename the schema missed shows.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::common::{AS_OF, As, Reply, Site, enc, site};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The document the server serves.
async fn document(s: &Site) -> Value {
    s.get(&s.reader(), "/api/v1/openapi.json").await.json()
}

/// Whether a content type is JSON (`application/json`, `application/problem+json`).
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// The schema a `$ref` names.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Result<&'a Value, String> {
    let name = reference
        .strip_prefix("#/components/schemas/")
        .ok_or_else(|| format!("`{reference}` is not a reference to a component schema"))?;
    doc["components"]["schemas"]
        .get(name)
        .ok_or_else(|| format!("`{reference}` names no schema"))
}

/// Every `$ref` in a schema, and in the schemas they name, resolves.
fn refs_resolve(doc: &Value, schema: &Value, seen: &mut BTreeSet<String>) -> Result<(), String> {
    match schema {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref")
                && seen.insert(r.clone())
            {
                refs_resolve(doc, resolve(doc, r)?, seen)?;
            }
            m.values().try_for_each(|v| refs_resolve(doc, v, seen))
        }
        Value::Array(a) => a.iter().try_for_each(|v| refs_resolve(doc, v, seen)),
        _ => Ok(()),
    }
}

/// Whether a schema says something: a reference, a type, or a composition (not `{}`).
fn describes(schema: &Value) -> bool {
    ["$ref", "type", "allOf", "oneOf", "anyOf", "enum"]
        .iter()
        .any(|k| schema.get(k).is_some())
}

#[tokio::test]
async fn every_operation_declares_its_answers() {
    let s = site();
    let doc = document(&s).await;
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 28, "{}", paths.len());
    let mut operations = 0;
    for (path, item) in paths {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            operations += 1;
            let at = format!("{} {path}", method.to_uppercase());
            let responses = op["responses"].as_object().expect("responses");
            let ok: Vec<(&String, &Value)> = responses
                .iter()
                .filter(|(status, _)| status.starts_with('2'))
                .collect();
            assert!(!ok.is_empty(), "{at}: no 2xx response");
            for (status, response) in responses {
                let content = response["content"]
                    .as_object()
                    .unwrap_or_else(|| panic!("{at} {status}: no content type"));
                assert!(!content.is_empty(), "{at} {status}: no content type");
                for (content_type, media) in content {
                    if status.starts_with('2') && !is_json(content_type) {
                        continue;
                    }
                    if !status.starts_with('2') {
                        assert_eq!(
                            content_type, "application/problem+json",
                            "{at} {status}: errors are problems"
                        );
                        assert_eq!(
                            media["schema"]["$ref"], "#/components/schemas/Problem",
                            "{at} {status}"
                        );
                    }
                    let schema = &media["schema"];
                    assert!(
                        describes(schema),
                        "{at} {status} {content_type}: the schema describes nothing: {schema}"
                    );
                    refs_resolve(&doc, schema, &mut BTreeSet::new())
                        .unwrap_or_else(|e| panic!("{at} {status} {content_type}: {e}"));
                }
            }
        }
    }
    assert!(operations >= 35, "{operations} operations");
    // Every component resolves too, and the problem is one.
    let components = &doc["components"]["schemas"];
    refs_resolve(&doc, components, &mut BTreeSet::new()).expect("components");
    for field in ["type", "title", "status", "detail"] {
        assert!(
            components["Problem"]["required"]
                .as_array()
                .is_some_and(|r| r.contains(&Value::from(field))),
            "Problem.{field}"
        );
    }
}

/// The property names a schema declares for an object (through references and `allOf`), or
/// `None` when it allows others (`additionalProperties`) or is not an object schema.
fn declared(doc: &Value, schema: &Value) -> Option<BTreeSet<String>> {
    if let Some(r) = schema["$ref"].as_str() {
        return declared(doc, resolve(doc, r).ok()?);
    }
    if schema
        .get("additionalProperties")
        .is_some_and(|a| a != false)
    {
        return None;
    }
    let mut names: BTreeSet<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(parts) = schema["allOf"].as_array() {
        for part in parts {
            names.extend(declared(doc, part)?);
        }
    }
    Some(names)
}

/// The type of a JSON value, as JSON Schema names it (an integer is also a number).
fn matches_type(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}

/// Validates `value` against `schema`; each error names where it is (`$.rows[0].count`).
/// `strict`: an object may hold only the properties its schema declares.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, strict: bool) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(s) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{at}: not allowed"));
        }
        return errors;
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        match resolve(doc, r) {
            Ok(target) => errors.extend(validate(doc, target, value, at, strict)),
            Err(e) => errors.push(format!("{at}: {e}")),
        }
    }
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        for part in parts {
            errors.extend(validate(doc, part, value, at, false));
        }
        if strict && let (Some(names), Some(obj)) = (declared(doc, schema), value.as_object()) {
            errors.extend(undeclared(obj, &names, at));
        }
    }
    if let Some(branches) = s.get("oneOf").and_then(Value::as_array) {
        let passing: Vec<Vec<String>> = branches
            .iter()
            .map(|b| validate(doc, b, value, at, strict))
            .collect();
        let ok = passing.iter().filter(|e| e.is_empty()).count();
        if ok != 1 {
            errors.push(format!(
                "{at}: {ok} of the oneOf branches match (exactly one must): {}",
                passing.concat().join("; ")
            ));
        }
    }
    if let Some(branches) = s.get("anyOf").and_then(Value::as_array) {
        let passing: Vec<Vec<String>> = branches
            .iter()
            .map(|b| validate(doc, b, value, at, strict))
            .collect();
        if !passing.iter().any(Vec::is_empty) {
            errors.push(format!(
                "{at}: no anyOf branch matches: {}",
                passing.concat().join("; ")
            ));
        }
    }
    if let Some(t) = s.get("type") {
        let names: Vec<&str> = match t {
            Value::String(n) => vec![n.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !names.iter().any(|n| matches_type(n, value)) {
            errors.push(format!("{at}: expected {names:?}, found {value}"));
            return errors;
        }
    }
    if let Some(options) = s.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), value.as_f64())
        && n < min
    {
        errors.push(format!("{at}: {n} is below the minimum {min}"));
    }
    if s.get("format").and_then(Value::as_str) == Some("date")
        && let Some(text) = value.as_str()
        && time::Date::parse(
            text,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .is_err()
    {
        errors.push(format!("{at}: `{text}` is not an ISO date"));
    }
    if let Some(obj) = value.as_object() {
        errors.extend(validate_object(doc, s, obj, at, strict));
    }
    if let (Some(items), Some(array)) = (s.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            errors.extend(validate(doc, items, item, &format!("{at}[{i}]"), true));
        }
    }
    errors
}

fn undeclared(obj: &Map<String, Value>, names: &BTreeSet<String>, at: &str) -> Vec<String> {
    obj.keys()
        .filter(|k| !names.contains(*k))
        .map(|k| format!("{at}.{k}: not declared by the schema"))
        .collect()
}

fn validate_object(
    doc: &Value,
    s: &Map<String, Value>,
    obj: &Map<String, Value>,
    at: &str,
    strict: bool,
) -> Vec<String> {
    let mut errors = Vec::new();
    for name in s
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = name.as_str().unwrap_or("");
        if !obj.contains_key(name) {
            errors.push(format!("{at}: required `{name}` missing"));
        }
    }
    let properties = s.get("properties").and_then(Value::as_object);
    for (key, v) in obj {
        let here = format!("{at}.{key}");
        match (
            properties.and_then(|p| p.get(key)),
            s.get("additionalProperties"),
        ) {
            (Some(p), _) => errors.extend(validate(doc, p, v, &here, true)),
            (None, Some(Value::Bool(false))) => errors.push(format!("{here}: not allowed")),
            (None, Some(extra)) if extra.is_object() => {
                errors.extend(validate(doc, extra, v, &here, true));
            }
            (None, None) if strict && properties.is_some() && s.get("allOf").is_none() => {
                errors.push(format!("{here}: not declared by the schema"));
            }
            _ => {}
        }
    }
    errors
}

/// The schema the document declares for an answer of this operation, status and content.
fn declared_schema<'a>(doc: &'a Value, method: &str, path: &str, reply: &Reply) -> &'a Value {
    let status = reply.status.as_u16().to_string();
    let response = &doc["paths"][path][method]["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {path}: answered {status}, which the document does not declare: {}",
        reply.text()
    );
    let content_type = reply.content_type().to_owned();
    let content = response["content"].as_object().expect("content");
    let essence = |t: &str| t.split(';').next().unwrap_or("").trim().to_owned();
    let (_, media) = content
        .iter()
        .find(|(t, _)| essence(t) == essence(&content_type))
        .unwrap_or_else(|| {
            panic!("{method} {path}: answered {content_type}, declared {content:?}")
        });
    &media["schema"]
}

/// Asserts that an answer validates against its declared schema, and returns its JSON.
#[track_caller]
fn conforms(doc: &Value, method: &str, path: &str, reply: &Reply) -> Value {
    let schema = declared_schema(doc, method, path, reply);
    let value = reply.json();
    let errors = validate(doc, schema, &value, "$", true);
    assert!(
        errors.is_empty(),
        "{method} {path}: the answer does not match its schema:\n{}",
        errors.join("\n")
    );
    value
}

#[tokio::test]
async fn answers_match_their_declared_schemas() {
    let s = site();
    let doc = document(&s).await;
    let r = s.reader();
    let get = async |uri: &str, path: &str| -> Value {
        let reply = s.get(&r, uri).await;
        assert!(reply.status.is_success(), "{uri}: {}", reply.text());
        conforms(&doc, "get", path, &reply)
    };
    let number = enc("潜政规〔2024〕3号");
    let cited = enc("潜政规〔2019〕2号");

    let list = get(
        &format!("/api/v1/documents?as_of={AS_OF}&limit=200"),
        "/documents",
    )
    .await;
    assert_eq!(list["total"], 110);
    for reference in [number.as_str(), cited.as_str(), "1", "23"] {
        get(
            &format!("/api/v1/documents/{reference}?as_of={AS_OF}"),
            "/documents/{reference}",
        )
        .await;
    }
    get(
        &format!("/api/v1/documents/{cited}/articles/5?as_of=2020-01-01"),
        "/documents/{reference}/articles/{article}",
    )
    .await;
    get(
        &format!("/api/v1/documents/{number}/articles/二"),
        "/documents/{reference}/articles/{article}",
    )
    .await;
    get(
        &format!("/api/v1/documents/{cited}/versions"),
        "/documents/{reference}/versions",
    )
    .await;
    for query in [
        "q=%E8%A1%8C%E6%94%BF%E6%89%A7%E6%B3%95&unit=document",
        "q=%E8%A1%8C%E6%94%BF%E6%89%A7%E6%B3%95&unit=article",
        "q=%E6%8A%95%E8%AF%89%E4%B8%BE%E6%8A%A5%E6%80%8E%E4%B9%88%E5%8A%9E&mode=question&unit=article",
        "q=%E5%8A%9E%E6%B3%95&status=any&all_versions=true",
    ] {
        let hits = get(&format!("/api/v1/search?{query}&as_of={AS_OF}"), "/search").await;
        assert!(hits["total"].as_u64().is_some_and(|n| n > 0), "{query}");
    }
    get(
        &format!("/api/v1/documents/{cited}/impact?as_of={AS_OF}"),
        "/documents/{reference}/impact",
    )
    .await;
    get(
        &format!("/api/v1/documents/{cited}/diff"),
        "/documents/{reference}/diff",
    )
    .await;
    for sub in ["audit", "status", "relations"] {
        get(
            &format!("/api/v1/documents/{number}/{sub}"),
            &format!("/documents/{{reference}}/{sub}"),
        )
        .await;
    }
    for by in [
        "status",
        "kind,status",
        "issuer,year",
        "year,kind,issuer,status",
    ] {
        get(&format!("/api/v1/stats?by={by}&as_of={AS_OF}"), "/stats").await;
    }
    get(
        &format!("/api/v1/stats/filings?as_of={AS_OF}"),
        "/stats/filings",
    )
    .await;
    get("/api/v1/stats/reviews?year=2024", "/stats/reviews").await;
    get(
        &format!("/api/v1/stats/expiring?days=400&as_of={AS_OF}"),
        "/stats/expiring",
    )
    .await;
    get("/api/v1/campaigns", "/campaigns").await;
    for key in ["qj-2024", "qj-2024-depts"] {
        get(&format!("/api/v1/campaigns/{key}"), "/campaigns/{key}").await;
        let report = get(
            &format!("/api/v1/campaigns/{key}/report"),
            "/campaigns/{key}/report",
        )
        .await;
        assert!(report["sentence"].is_string());
        get(
            &format!("/api/v1/campaigns/{key}/decisions"),
            "/campaigns/{key}/decisions",
        )
        .await;
        get(
            &format!("/api/v1/campaigns/{key}/suggestions"),
            "/campaigns/{key}/suggestions",
        )
        .await;
    }
    get("/api/v1/filings", "/filings").await;
    get("/api/v1/reviews", "/reviews").await;
    let check = get("/api/v1/check", "/check").await;
    assert_eq!(check["ok"], true);
    get("/api/v1/me", "/me").await;
    get("/api/v1/openapi.json", "/openapi.json").await;

    // The writes: each answer, and a refusal, against what is declared.
    let w = s.writer();
    let post = async |who: &As, uri: &str, path: &str, body: Value| -> Reply {
        let reply = s.post_json(who, uri, body).await;
        conforms(&doc, "post", path, &reply);
        reply
    };
    post(
        &w,
        "/api/v1/filings",
        "/filings",
        serde_json::json!({"document": "潜政规〔2024〕3号", "filed_with": "湖北省人民政府", "submitted": "2024-06-20"}),
    )
    .await
    .expect(201);
    post(
        &w,
        "/api/v1/reviews",
        "/reviews",
        serde_json::json!({"document": "潜政规〔2024〕3号", "kind": "评估", "reviewer": "市司法局", "date": "2024-12-01", "conclusion": "继续实施"}),
    )
    .await
    .expect(201);
    post(
        &w,
        "/api/v1/reviews",
        "/reviews",
        serde_json::json!({"document": "没有这个文件", "kind": "评估", "reviewer": "a", "date": "2024-12-01", "conclusion": "c"}),
    )
    .await
    .problem(404);
    post(
        &w,
        "/api/v1/relations",
        "/relations",
        serde_json::json!({"from": "潜政规〔2024〕3号", "kind": "引用", "to": "潜政规〔2019〕2号"}),
    )
    .await
    .expect(201);
    post(
        &w,
        &format!("/api/v1/documents/{number}/status"),
        "/documents/{reference}/status",
        serde_json::json!({"status": "待修订", "date": "2024-12-20", "reason": "上位法修改"}),
    )
    .await
    .expect(201);
    let admin = s.admin();
    post(
        &admin,
        "/api/v1/campaigns",
        "/campaigns",
        serde_json::json!({"key": "qj-2025", "name": "2025年清理", "scope": "市政府"}),
    )
    .await
    .expect(201);
    post(
        &w,
        "/api/v1/campaigns/qj-2025/suggestions",
        "/campaigns/{key}/suggestions",
        serde_json::json!({}),
    )
    .await
    .expect(201);
    post(
        &w,
        "/api/v1/campaigns/qj-2025/decisions",
        "/campaigns/{key}/decisions",
        serde_json::json!({"document": "潜政规〔2024〕3号", "outcome": "废止", "reason": "已被替代"}),
    )
    .await
    .expect(201);
    post(
        &admin,
        "/api/v1/campaigns/qj-2025/announce",
        "/campaigns/{key}/announce",
        serde_json::json!({"date": "2024-12-30"}),
    )
    .await
    .expect(200);
    post(
        &s.viewer(),
        "/api/v1/campaigns/qj-2025/announce",
        "/campaigns/{key}/announce",
        serde_json::json!({"date": "2024-12-30"}),
    )
    .await
    .problem(403);

    // An import of a JSON Lines file and of a document as it arrives.
    let jsonl = serde_json::json!({"key": "oa-1", "title": "潜江市测试管理办法", "kind": "行政规范性文件",
        "issuer": "潜江市人民政府", "doc_number": "潜政规〔2031〕9号", "issued": "2031-01-05", "status": "有效",
        "body": "第一条　为了测试，制定本办法。\n第二条　本办法自印发之日起施行。"})
    .to_string();
    let text = "潜江市人民政府文件\n潜政规〔2031〕10号\n潜江市另一个测试办法\n各区镇处、市直各部门：\n\
                第一条　为了测试，制定本办法。\n第二条　本办法自2031年2月1日起施行。\n\
                潜江市人民政府\n2031年1月20日\n";
    let files: Vec<(&str, &[u8])> = vec![
        ("oa.jsonl", jsonl.as_bytes()),
        ("draft.txt", text.as_bytes()),
    ];
    let reply = s.upload(&w, "/api/v1/import", &files, &[]).await;
    reply.expect(201);
    conforms(&doc, "post", "/import", &reply);
    let reply = s
        .upload(&w, "/api/v1/import", &[("bad.jsonl", b"{not json")], &[])
        .await;
    reply.problem(400);
    conforms(&doc, "post", "/import", &reply);

    // Problems of reads, too.
    for (uri, path, status) in [
        (
            "/api/v1/documents/没有这个文件",
            "/documents/{reference}",
            404,
        ),
        ("/api/v1/stats?kind=行政规范文件", "/stats", 400),
        ("/api/v1/search?limit=5000", "/search", 400),
    ] {
        let reply = s.get(&r, &enc_path(uri)).await;
        reply.problem(status);
        conforms(&doc, "get", path, &reply);
    }
    let reply = s.get(&As::Nobody, "/api/v1/documents").await;
    reply.problem(401);
    conforms(&doc, "get", "/documents", &reply);
}

/// Percent-encodes the non-ASCII characters of a URI.
fn enc_path(uri: &str) -> String {
    uri.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                enc(&c.to_string())
            }
        })
        .collect()
}

#[test]
fn the_validator_refuses_what_its_schema_does_not_allow() {
    let doc = serde_json::json!({"components": {"schemas": {
        "Thing": {"type": "object", "required": ["id", "when"], "properties": {
            "id": {"type": "integer", "minimum": 0},
            "when": {"type": "string", "format": "date"},
            "note": {"type": ["string", "null"]},
            "kind": {"oneOf": [{"type": "null"}, {"type": "string", "enum": ["a", "b"]}]},
        }},
        "Wrapped": {"allOf": [{"$ref": "#/components/schemas/Thing"},
            {"type": "object", "required": ["extra"], "properties": {"extra": {"type": "boolean"}}}]},
    }}});
    let thing = serde_json::json!({"$ref": "#/components/schemas/Thing"});
    let wrapped = serde_json::json!({"$ref": "#/components/schemas/Wrapped"});
    let ok = serde_json::json!({"id": 1, "when": "2024-12-31", "note": null, "kind": "a"});
    assert_eq!(validate(&doc, &thing, &ok, "$", true), Vec::<String>::new());
    for bad in [
        serde_json::json!({"when": "2024-12-31"}),
        serde_json::json!({"id": -1, "when": "2024-12-31"}),
        serde_json::json!({"id": 1, "when": "31/12/2024"}),
        serde_json::json!({"id": 1, "when": "2024-12-31", "kind": "c"}),
        serde_json::json!({"id": "1", "when": "2024-12-31"}),
        serde_json::json!({"id": 1, "when": "2024-12-31", "colour": "red"}),
    ] {
        assert!(!validate(&doc, &thing, &bad, "$", true).is_empty(), "{bad}");
    }
    let ok = serde_json::json!({"id": 1, "when": "2024-12-31", "extra": true});
    assert_eq!(
        validate(&doc, &wrapped, &ok, "$", true),
        Vec::<String>::new()
    );
    let bad = serde_json::json!({"id": 1, "when": "2024-12-31", "extra": true, "more": 1});
    assert!(!validate(&doc, &wrapped, &bad, "$", true).is_empty());
    let bad = serde_json::json!({"id": 1, "when": "2024-12-31"});
    assert!(!validate(&doc, &wrapped, &bad, "$", true).is_empty());
}
