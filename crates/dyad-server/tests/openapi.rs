//! The OpenAPI document describes every route the router serves.
use crate::fixture::start;
use crate::http::get;

#[test]
fn every_api_route_is_in_the_openapi_document() {
    let doc: serde_json::Value =
        serde_json::from_str(dyad_server::api::OPENAPI).expect("openapi.json is JSON");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let routes = dyad_server::api::routes();
    for (method, path, _) in &routes {
        let op = &paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not in openapi.json"))[*method];
        assert!(op.is_object(), "{method} {path} is not in openapi.json");
        // Every path parameter is declared.
        for seg in path.split('/').filter(|s| s.starts_with('{')) {
            let name = seg.trim_matches(|c| c == '{' || c == '}');
            let declared = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
            assert!(
                declared,
                "{method} {path}: path parameter {name} undeclared"
            );
        }
    }
    // And nothing documented is missing from the router.
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                routes.iter().any(|(m, p, _)| m == method && p == path),
                "{method} {path} documented but not routed"
            );
        }
    }
}

#[test]
fn documented_query_parameters_are_the_accepted_ones() {
    let doc: serde_json::Value = serde_json::from_str(dyad_server::api::OPENAPI).unwrap();
    let params: Vec<String> = doc["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(params, dyad_server::query::EVENT_PARAMS);
}

#[test]
fn the_document_is_served() {
    let s = start();
    let r = get(s.addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(r.json()["info"]["title"], "dyad event API");
}
