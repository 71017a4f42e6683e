//! The JSON API, endpoint by endpoint.
use serde_json::Value;

use crate::fixture::{start, XSS_SENTENCE};
use crate::http::{bad, get};

fn events(v: &Value) -> Vec<&Value> {
    v["events"].as_array().unwrap().iter().collect()
}

#[test]
fn events_are_listed_newest_first_with_every_field() {
    let s = start();
    let r = get(s.addr, "/api/events");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let j = r.json();
    let ev = events(&j);
    assert_eq!(ev.len(), 7);
    let days: Vec<&str> = ev.iter().map(|e| e["day"].as_str().unwrap()).collect();
    let mut sorted = days.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(days, sorted);
    let e = ev[0];
    assert_eq!(e["day"], "2024-02-20");
    assert_eq!(e["source"]["code"], "RUS");
    assert_eq!(e["target"]["root"], "ARM");
    assert_eq!(e["event_code"], "040");
    assert_eq!(e["quad_class"], 1);
    assert!(e["event_name"].is_string());
    for k in [
        "goldstein",
        "num_mentions",
        "num_sources",
        "num_articles",
        "first_seen",
        "last_seen",
        "is_root_event",
        "base_code",
        "root_code",
    ] {
        assert!(!e[k].is_null(), "{k} missing in {e}");
    }
    assert!(j["next_cursor"].is_null());
}

#[test]
fn events_filter_by_actor_pair_code_root_quad_and_days() {
    let s = start();
    let n = |q: &str| events(&get(s.addr, &format!("/api/events?{q}")).json()).len();
    assert_eq!(n("actor=CHN"), 2);
    assert_eq!(
        n("actor=rus"),
        5,
        "roots match either side, case-insensitive"
    );
    assert_eq!(n("actor=RUSGOV"), 1, "a full code matches codes");
    assert_eq!(n("pair=RUS,ARM"), 5);
    assert_eq!(n("pair=ARM,RUS"), 5, "both directions");
    assert_eq!(n("pair=RUSGOV,ARM"), 1);
    assert_eq!(n("pair=USA,ARM"), 0);
    assert_eq!(n("code=190"), 1);
    assert_eq!(n("root=11"), 2);
    assert_eq!(n("quad=3,4"), 4);
    assert_eq!(n("quad=1"), 3);
    assert_eq!(n("from=2024-02-01"), 5);
    assert_eq!(n("from=2024-02-01&to=2024-02-15"), 4);
    assert_eq!(n("to=2024-01-31"), 2);
    assert_eq!(n("pair=RUS,ARM&quad=4&from=2024-02-01"), 1);
}

#[test]
fn events_page_by_cursor_and_by_offset() {
    let s = start();
    let mut seen = Vec::new();
    let mut path = "/api/events?limit=3".to_string();
    loop {
        let j = get(s.addr, &path).json();
        assert!(events(&j).len() <= 3);
        seen.extend(events(&j).iter().map(|e| e["id"].as_i64().unwrap()));
        match j["next_cursor"].as_str() {
            Some(c) => path = format!("/api/events?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7);
    let mut dedup = seen.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), 7, "no event twice across pages");

    let j = get(s.addr, "/api/events?limit=5&offset=5").json();
    assert_eq!(events(&j).len(), 2);
    assert_eq!(events(&j)[0]["id"].as_i64().unwrap(), seen[5]);
    let j = get(s.addr, "/api/events?limit=2&offset=2").json();
    assert_eq!(j["next_offset"], 4);
}

#[test]
fn bad_parameters_answer_400_naming_the_parameter() {
    let s = start();
    let a = s.addr;
    bad(a, "/api/events?limit=0", "limit");
    bad(a, "/api/events?limit=501", "limit");
    bad(a, "/api/events?limit=ten", "limit");
    bad(a, "/api/events?from=2024-13-01", "from");
    bad(a, "/api/events?from=yesterday", "from");
    bad(a, "/api/events?from=2024-02-01&to=2024-01-01", "to");
    bad(a, "/api/events?quad=5", "quad");
    bad(a, "/api/events?code=abc", "code");
    bad(a, "/api/events?root=21", "root");
    bad(a, "/api/events?pair=RUS", "pair");
    bad(a, "/api/events?actor=R", "actor");
    bad(a, "/api/events?actor=%3Cscript%3E", "actor");
    bad(a, "/api/events?cursor=nonsense", "cursor");
    bad(a, "/api/events?cursor=2024-01-01_3&offset=2", "offset");
    bad(a, "/api/events?sort=day", "sort");
    bad(a, "/api/events?limit=1&limit=2", "limit");
    bad(a, "/api/events/abc", "id");
    bad(a, "/api/events/-1", "id");
    bad(a, "/api/documents/x", "id");
    bad(a, "/api/pairs/RUS/ARM/timeline?interval=year", "interval");
    bad(a, "/api/pairs/R/ARM/timeline", "a");
    bad(a, "/api/pairs/RUS/ARM/timeline?from=2024-1-1", "from");
    bad(
        a,
        "/api/pairs/RUS/ARM/timeline?interval=day&from=1900-01-01&to=2024-01-01",
        "interval",
    );
    bad(a, "/api/actors", "q");
    bad(a, "/api/actors?q=ru&limit=1000", "limit");
    bad(a, "/api/actors/top?limit=0", "limit");
    bad(a, "/api/pairs/top?from=x", "from");
    bad(a, "/api/pairs/shifts?month=2024-1", "month");
}

#[test]
fn unknown_routes_and_items_are_json_404s() {
    let s = start();
    let r = get(s.addr, "/api/nothing");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].is_string());
    let r = get(s.addr, "/api/events/999999");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "no event 999999");
    assert_eq!(get(s.addr, "/api/documents/999999").status, 404);
}

#[test]
fn timeline_counts_each_direction_and_both_by_month() {
    let s = start();
    let j = get(s.addr, "/api/pairs/RUS/ARM/timeline?interval=month").json();
    assert_eq!(j["interval"], "month");
    assert_eq!(j["a"]["code"], "RUS");
    assert_eq!(j["a"]["name"], "Russia");
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[0]["period"], "2024-01");
    assert_eq!(p[0]["start"], "2024-01-01");
    assert_eq!(p[0]["end"], "2024-01-31");
    // January: RUS praised ARM (051, q1, +3.4), ARM accused RUS (112, q3, -2.0).
    assert_eq!(p[0]["a_to_b"]["q1"], 1);
    assert_eq!(p[0]["a_to_b"]["events"], 1);
    assert_eq!(p[0]["b_to_a"]["q3"], 1);
    assert_eq!(p[0]["combined"]["events"], 2);
    assert_eq!(p[0]["combined"]["cooperation"], 1);
    assert_eq!(p[0]["combined"]["conflict"], 1);
    assert_eq!(p[0]["combined"]["goldstein_mean"], 0.7);
    // February: RUS attacked (190, q4) and met (040, q1) ARM; RUSGOV threatened (130) counts under RUS.
    assert_eq!(p[1]["a_to_b"]["q4"], 1);
    assert_eq!(p[1]["a_to_b"]["q3"], 1);
    assert_eq!(p[1]["a_to_b"]["q1"], 1);
    assert_eq!(p[1]["b_to_a"]["events"], 0);
    assert!(p[1]["b_to_a"]["goldstein_mean"].is_null());

    // Swapping the pair swaps the directions.
    let k = get(s.addr, "/api/pairs/arm/rus/timeline").json();
    assert_eq!(k["periods"][0]["b_to_a"]["q1"], 1);
    assert_eq!(k["periods"][0]["a_to_b"]["q3"], 1);
}

#[test]
fn timeline_by_week_and_day_fills_gaps_and_respects_range() {
    let s = start();
    let j = get(
        s.addr,
        "/api/pairs/RUS/ARM/timeline?interval=day&from=2024-02-14&to=2024-02-21",
    )
    .json();
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p.len(), 8);
    assert_eq!(p[1]["period"], "2024-02-15");
    assert_eq!(p[1]["combined"]["events"], 2);
    assert_eq!(p[6]["combined"]["events"], 1);
    let total: u64 = p
        .iter()
        .map(|x| x["combined"]["events"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 3);

    let j = get(s.addr, "/api/pairs/RUS/ARM/timeline?interval=week").json();
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p[0]["period"], "2024-W02");
    assert_eq!(p[0]["start"], "2024-01-08");
    let total: u64 = p
        .iter()
        .map(|x| x["combined"]["events"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 5);
}

#[test]
fn timeline_with_a_full_code_counts_only_that_code() {
    let s = start();
    let j = get(s.addr, "/api/pairs/RUSGOV/ARM/timeline").json();
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["a_to_b"]["q3"], 1);
    assert_eq!(j["a"]["name"], "Russian government");
    let j = get(s.addr, "/api/pairs/USA/ARM/timeline").json();
    assert_eq!(j["periods"].as_array().unwrap().len(), 0);
}

#[test]
fn one_event_has_its_mentions_evidence_and_trigger_offsets() {
    let s = start();
    let list = get(s.addr, "/api/events?code=112").json();
    let id = list["events"][0]["id"].as_i64().unwrap();
    let j = get(s.addr, &format!("/api/events/{id}")).json();
    assert_eq!(j["id"], id);
    assert_eq!(j["source"]["code"], "ARM");
    let m = &j["mentions"].as_array().unwrap()[0];
    assert_eq!(m["sentence"], "Armenia accused Russia of delays.");
    assert_eq!(m["trigger"], "accused");
    assert_eq!(m["start"], 34);
    assert_eq!(m["trigger_start"], 42);
    assert_eq!(m["trigger_end"], 49);
    assert_eq!(m["trigger_in_sentence"], serde_json::json!([8, 15]));
    assert_eq!(m["document"]["doc_key"], "d1");
    assert_eq!(m["document"]["url"], "https://news.test/ru-am-1");
    assert_eq!(m["document"]["title"], "Russia and Armenia talk");
}

#[test]
fn one_document_has_its_text_and_mentions() {
    let s = start();
    let list = get(s.addr, "/api/events?code=112").json();
    let id = list["events"][0]["id"].as_i64().unwrap();
    let ev = get(s.addr, &format!("/api/events/{id}")).json();
    let doc_id = ev["mentions"][0]["document"]["id"].as_i64().unwrap();
    let d = get(s.addr, &format!("/api/documents/{doc_id}")).json();
    assert_eq!(d["doc_key"], "d1");
    assert_eq!(d["published"], "2024-01-10");
    assert!(d["text"]
        .as_str()
        .unwrap()
        .starts_with("Russia praised Armenia"));
    let m = d["mentions"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m[0]["trigger"], "praised");
    assert_eq!(m[1]["trigger"], "accused");
}

#[test]
fn news_text_comes_back_verbatim_in_json() {
    let s = start();
    let j = get(s.addr, "/api/events?code=040").json();
    let id = j["events"][0]["id"].as_i64().unwrap();
    let e = get(s.addr, &format!("/api/events/{id}")).json();
    assert_eq!(e["mentions"][0]["sentence"], XSS_SENTENCE);
    assert_eq!(
        e["mentions"][0]["trigger_in_sentence"],
        serde_json::json!([36, 39])
    );
}

#[test]
fn actors_type_ahead_by_code_or_name() {
    let s = start();
    let j = get(s.addr, "/api/actors?q=ru").json();
    let codes: Vec<&str> = j["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["RUS", "RUSGOV"],
        "code prefix matches, most events first"
    );
    let j = get(s.addr, "/api/actors?q=armen").json();
    assert_eq!(j["actors"][0]["code"], "ARM");
    assert_eq!(j["actors"][0]["name"], "Armenia");
    assert_eq!(j["actors"][0]["events"], 5);
    let j = get(s.addr, "/api/actors?q=states").json();
    assert_eq!(j["actors"][0]["code"], "USA");
    let j = get(s.addr, "/api/actors?q=zzz").json();
    assert_eq!(j["actors"].as_array().unwrap().len(), 0);
}

#[test]
fn top_actors_and_pairs() {
    let s = start();
    let j = get(s.addr, "/api/actors/top").json();
    let a = j["actors"].as_array().unwrap();
    assert_eq!(a.len(), 4);
    assert_eq!(a[0]["events"], 5);
    assert_eq!(a[0]["root"], "ARM", "ties sort by root");
    assert_eq!(a[1]["root"], "RUS");
    assert_eq!(a[1]["as_source"], 4);
    assert_eq!(a[1]["as_target"], 1);
    let j = get(s.addr, "/api/actors/top?from=2024-02-01&limit=1").json();
    assert_eq!(j["actors"].as_array().unwrap().len(), 1);
    assert_eq!(j["actors"][0]["events"], 3);

    let j = get(s.addr, "/api/pairs/top").json();
    let p = j["pairs"].as_array().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0]["a"].as_str(), p[0]["b"].as_str()),
        (Some("ARM"), Some("RUS"))
    );
    assert_eq!(p[0]["a_name"], "Armenia");
    assert_eq!(p[0]["events"], 5);
    assert_eq!(p[0]["conflict"], 3);
    assert_eq!(p[1]["events"], 2);
}

#[test]
fn shifts_compare_a_month_with_the_one_before() {
    let s = start();
    let j = get(s.addr, "/api/pairs/shifts?min_events=1").json();
    assert_eq!(j["month"], "2024-02");
    let sh = j["shifts"].as_array().unwrap();
    assert_eq!(sh.len(), 1, "only ARM-RUS has events in both months: {j}");
    assert_eq!(sh[0]["previous"]["events"], 2);
    assert_eq!(sh[0]["current"]["events"], 3);
    let expected = ((-4.4 - 10.0 + 1.0) / 3.0f64 * 100.0).round() / 100.0 - 0.7;
    assert!(
        (sh[0]["change"].as_f64().unwrap() - expected).abs() < 0.02,
        "{}",
        sh[0]
    );
    let j = get(s.addr, "/api/pairs/shifts?month=2024-01").json();
    assert_eq!(j["shifts"].as_array().unwrap().len(), 0);
}

#[test]
fn answers_carry_security_headers() {
    let s = start();
    let r = get(s.addr, "/api/events");
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
}
