//! Text the server cannot store: no string of a request may hold NUL (U+0000); a body refuses it
//! with 422 naming the field, a query parameter with 400. Every string a request can carry (in its
//! parameters, or in a schema its body reaches) that has no pattern, enum or date format of its own gets
//! `pattern: ^[^\x00]*$`; the patterns of `domain::formats` exclude NUL already.

use std::collections::BTreeSet;

use serde_json::{Value, json};

const NO_NUL: &str = r"^[^\x00]*$";

fn is_string(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// Adds the pattern to every plain string in `schema`, and collects the components it refers to.
fn walk(schema: &mut Value, refs: &mut BTreeSet<String>) {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(name) = target.strip_prefix("#/components/schemas/") {
            refs.insert(name.to_owned());
        }
        return;
    }
    let dated = schema.get("format").is_some_and(|f| f == "date-time" || f == "date");
    if is_string(schema) && !dated && ["pattern", "enum", "const"].iter().all(|k| schema.get(k).is_none()) {
        schema["pattern"] = json!(NO_NUL);
    }
    match schema {
        // `example(s)` hold values, not schemas.
        Value::Object(map) => {
            map.iter_mut().filter(|(key, _)| !matches!(key.as_str(), "example" | "examples")).for_each(|(_, v)| walk(v, refs))
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, refs)),
        _ => {}
    }
}

pub fn apply(doc: &mut Value) {
    let mut pending = BTreeSet::new();
    for op in super::operations_mut(doc) {
        for parameter in op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(schema) = parameter.get_mut("schema") {
                walk(schema, &mut pending);
            }
        }
        if let Some(content) = op.get_mut("requestBody").and_then(|b| b.get_mut("content")).and_then(Value::as_object_mut) {
            for media in content.values_mut() {
                if let Some(schema) = media.get_mut("schema") {
                    walk(schema, &mut pending);
                }
            }
        }
    }
    let mut done = BTreeSet::new();
    while let Some(name) = pending.pop_first() {
        if !done.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = doc.pointer_mut(&format!("/components/schemas/{name}")) {
            walk(schema, &mut pending);
        }
    }
}
