#include "atshook/error.hpp"
#include "atshook/overlay/overlay.hpp"

#include <doctest/doctest.h>

#include <string>

using atshook::overlay::parse_overlay;
using json = nlohmann::json;

namespace {

// An overlay document around `actions` (a JSON array's text).
std::string overlay_text(std::string_view actions) {
    return R"({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": )" +
           std::string(actions) + "}";
}

json applied(std::string_view actions, json document) {
    apply_overlay(parse_overlay(overlay_text(actions), "fix.json"), document);
    return document;
}

std::string parse_error(std::string_view text) {
    try {
        parse_overlay(text, "fix.json");
    } catch (const atshook::Error& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("an overlay with info, actions, extends and x- extensions parses") {
    const auto overlay = parse_overlay(R"({
      "overlay": "1.0.0", "extends": "hirehive.schema.json", "x-made-by": "me",
      "info": {"title": "Our fixes", "version": "3", "x-ats-hook-schema-version": "sha256:ab"},
      "actions": [
        {"target": "$.a", "description": "why", "update": {"enum": ["x"]},
         "x-ats-hook-evidence": {"count": 3}, "x-ats-hook-schema-version": "sha256:cd"},
        {"target": "$.b", "remove": true}
      ]})",
                                       "fix.json");
    CHECK(overlay.name == "fix.json");
    CHECK(overlay.title == "Our fixes");
    CHECK(overlay.version == "3");
    CHECK(overlay.schema_version == "sha256:ab");
    REQUIRE(overlay.actions.size() == 2);
    CHECK(overlay.actions[0].target.text == "$.a");
    CHECK(*overlay.actions[0].update == json{{"enum", {"x"}}});
    CHECK(overlay.actions[0].schema_version == "sha256:cd");
    CHECK(overlay.actions[1].remove);
    CHECK_FALSE(overlay.actions[1].update);
}

TEST_CASE("update merges objects recursively, concatenates arrays and replaces other values") {
    const json document = json::parse(R"({"a": {"b": {"c": 1, "d": [1, 2]}, "e": [1], "s": "x",
                                               "o": {"k": 1}}})");
    CHECK(applied(R"([{"target": "$.a", "update": {"b": {"c": 2, "d": [3], "x": {"y": 1}},
                                                   "e": [1, 5], "s": {"k": 2}, "o": "now",
                                                   "n": null}}])",
                  document) == json::parse(R"({"a": {"b": {"c": 2, "d": [1, 2, 3], "x": {"y": 1}},
                                                   "e": [1, 1, 5], "s": {"k": 2}, "o": "now",
                                                   "n": null}})"));
}

TEST_CASE("update on $ merges into the whole document") {
    CHECK(applied(R"([{"target": "$", "update": {"c": 1}}])", json{{"a", 1}}) ==
          json{{"a", 1}, {"c", 1}});
}

TEST_CASE("update on an array target appends the value as one element") {
    CHECK(applied(R"([{"target": "$.enum", "update": "video"}])", json{{"enum", {"a"}}}) ==
          json{{"enum", {"a", "video"}}});
    CHECK(applied(R"([{"target": "$.list", "update": {"k": 1}}])", json{{"list", json::array()}}) ==
          json::parse(R"({"list": [{"k": 1}]})"));
}

TEST_CASE("update applies to every node the target selects") {
    CHECK(applied(R"([{"target": "$.p.*", "update": {"z": 1}}])",
                  json::parse(R"({"p": {"a": {}, "b": {"q": 2}}})")) ==
          json::parse(R"({"p": {"a": {"z": 1}, "b": {"q": 2, "z": 1}}})"));
}

TEST_CASE("remove deletes every selected member or element from its parent") {
    CHECK(applied(R"([{"target": "$.a.b", "remove": true}])", json::parse(R"({"a": {"b": 1,
                  "c": 2}})")) == json::parse(R"({"a": {"c": 2}})"));
    CHECK(applied(R"([{"target": "$.a[?(@.n == 'x')]", "remove": true}])",
                  json::parse(R"({"a": [{"n": "x"}, {"n": "y"}, {"n": "x"}, {"n": "x"}]})")) ==
          json::parse(R"({"a": [{"n": "y"}]})"));
    CHECK(applied(R"([{"target": "$.a[*].tags[0]", "remove": true}])",
                  json::parse(R"({"a": [{"tags": [1, 2]}, {"tags": [3]}]})")) ==
          json::parse(R"({"a": [{"tags": [2]}, {"tags": []}]})"));
}

TEST_CASE("remove wins over update in the same action") {
    CHECK(applied(R"([{"target": "$.a", "remove": true, "update": {"b": 1}}])",
                  json{{"a", json::object()}, {"c", 1}}) == json{{"c", 1}});
}

TEST_CASE("actions apply in order, each seeing what the ones before it did") {
    CHECK(applied(R"([{"target": "$.a", "update": {"b": {"c": 1}}},
                      {"target": "$.a.b", "update": {"d": 2}},
                      {"target": "$.a.b.c", "remove": true}])",
                  json{{"a", json::object()}}) == json::parse(R"({"a": {"b": {"d": 2}}})"));
}

TEST_CASE("an update that cannot apply names the file, the action and the node") {
    const auto overlay =
        parse_overlay(overlay_text(R"([{"target": "$.s", "update": {"k": 1}}])"), "fix.json");
    json document = {{"s", "text"}};
    CHECK_THROWS_WITH_AS(apply_overlay(overlay, document),
                         "fix.json: action 1 (target \"$.s\"): cannot update /s (a string) with "
                         "an object: an update is merged into an object (when it is an object) "
                         "or appended to an array; to replace a value, update its parent",
                         atshook::Error);
}

TEST_CASE("a malformed overlay is refused, naming the file, the action and what is wrong") {
    CHECK(parse_error("{\n  \"overlay\": \"1.0.0\",\n  \"info\": }") ==
          "fix.json:3:11: not valid JSON: syntax error while parsing value - unexpected '}'; "
          "expected '[', '{', or a literal");
    CHECK(parse_error("{\n  \"overlay\": 1e400}") ==
          "fix.json:2:18: not valid JSON: a number is out of range (beyond 64-bit integers or "
          "double precision)");
    CHECK(parse_error("[]") == "fix.json: an overlay is a JSON object, not an array");
    CHECK(parse_error(R"({"info": {"title": "t", "version": "1"}, "actions": []})") ==
          "fix.json: \"overlay\" is missing");
    CHECK(parse_error(R"({"overlay": "1.1.0", "info": {"title": "t", "version": "1"},
                          "actions": [{"target": "$", "update": {}}]})") ==
          "fix.json: overlay version \"1.1.0\" is not supported (1.0.x is)");
    CHECK(parse_error(R"({"overlay": "1.0.0", "info": {"title": "t"},
                          "actions": [{"target": "$", "update": {}}]})") ==
          "fix.json: info: \"version\" is missing");
    CHECK(parse_error(R"({"overlay": "1.0.0", "info": {"title": "t", "version": "1"},
                          "action": []})") ==
          "fix.json: unknown member \"action\" (allowed: overlay, info, actions, extends, and x- "
          "extensions)");
    CHECK(parse_error(overlay_text("[]")) == "fix.json: \"actions\" must be a non-empty array");
    CHECK(parse_error(overlay_text(R"([{"target": "$.a", "update": {}}, {"target": "$.b"}])")) ==
          "fix.json: action 2 (target \"$.b\"): an action needs \"update\" or \"remove\": true");
    CHECK(parse_error(overlay_text(R"([{"update": {}}])")) ==
          "fix.json: action 1: \"target\" is missing");
    CHECK(parse_error(overlay_text(R"([{"target": "$.a", "update": {}, "replace": 1}])")) ==
          "fix.json: action 1 (target \"$.a\"): unknown member \"replace\" (allowed: target, "
          "description, update, remove, and x- extensions)");
    CHECK(parse_error(overlay_text(R"([{"target": "$.a", "remove": "yes"}])")) ==
          "fix.json: action 1 (target \"$.a\"): \"remove\" must be true or false, not a string");
    CHECK(parse_error(overlay_text(R"([{"target": "$.a", "remove": false, "update": {}}])")) ==
          "fix.json: action 1 (target \"$.a\"): \"remove\": false is the default; leave "
          "\"remove\" out (other overlay tools remove the target when it is present)");
    CHECK(parse_error(overlay_text(R"([{"target": "$", "remove": true}])")) ==
          "fix.json: action 1 (target \"$\"): the whole document cannot be removed");
    CHECK(parse_error(overlay_text(R"([{"target": "$..a", "remove": true}])")) ==
          "fix.json: action 1 (target \"$..a\"): JSONPath \"$..a\" at character 2: recursive "
          "descent \"..\" is not supported");
}

TEST_CASE("an overlay larger than the limit is refused before it is parsed") {
    const std::string big(4 * 1024 * 1024 + 1, ' ');
    CHECK(parse_error(big) == "fix.json: larger than the 4 MiB an overlay may be");
}

TEST_CASE("an overlay nested too deep is refused before nlohmann's parser recurses into it") {
    const std::string deep = std::string(300, '[') + std::string(300, ']');
    const std::string message = parse_error(overlay_text(
        R"([{"target": "$", "update": {"x": )" + deep + "}}]"));
    CHECK(message.starts_with("fix.json:1:"));
    CHECK(message.ends_with("nests deeper than 256 levels"));
    // Brackets inside strings are text, not nesting.
    CHECK(parse_error(overlay_text(R"([{"target": "$", "update": {"x": ")" + deep + R"("}}])")) ==
          "accepted");
}

TEST_CASE("an overlay that grows the schema without bound stops at the limit, naming the action") {
    // Each action adds 20 members below every member the one before it added.
    std::string members = "{";
    for (int i = 0; i < 20; ++i) members += (i ? "," : "") + ("\"m" + std::to_string(i) + "\": {}");
    members += "}";
    std::string actions = "[";
    std::string target = "$.zz";
    for (int k = 0; k < 8; ++k) {
        actions += (k ? "," : "") + (R"({"target": ")" + target + R"(", "update": )" + members + "}");
        target += ".*";
    }
    actions += "]";
    json document = {{"zz", json::object()}};
    try {
        apply_overlay(parse_overlay(overlay_text(actions), "grow.json"), document);
        FAIL("the schema grew without bound");
    } catch (const atshook::Error& e) {
        const std::string message = e.what();
        CHECK(message.starts_with("grow.json: action 5"));
        CHECK(message.find("grows past its size (200000 nodes") != std::string::npos);
    }
}
