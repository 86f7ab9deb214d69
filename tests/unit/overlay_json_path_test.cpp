#include "atshook/error.hpp"
#include "atshook/overlay/json_path.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using atshook::overlay::parse_json_path;
using json = nlohmann::json;

namespace {

// The selected nodes as JSON pointer strings, in the order select returns them.
std::vector<std::string> selected(std::string_view path, const json& document) {
    std::vector<std::string> out;
    for (const auto& pointer : atshook::overlay::select(parse_json_path(path), document))
        out.push_back(pointer.to_string());
    return out;
}

std::string refusal(std::string_view path) {
    try {
        parse_json_path(path);
    } catch (const atshook::Error& e) {
        return e.what();
    }
    return "accepted";
}

const json k_schema = json::parse(R"({
  "definitions": {
    "objects.candidate": {"properties": {"email": {"type": "string"}, "name": {"type": "string"}}},
    "it's \"odd\" $ x": {"const": 1}
  },
  "anyOf": [
    {"properties": {"type": {"const": "job.deleted"}, "data": {"a": {"b": true}}}},
    {"properties": {"type": {"const": "job.created"}, "data": {"a": {"b": 2}}}}
  ],
  "enum": ["phone", "online", null, 3]
})");

} // namespace

TEST_CASE("$ selects the whole document as the empty pointer") {
    CHECK(selected("$", k_schema) == std::vector<std::string>{""});
}

TEST_CASE("dotted and bracketed names select members, names with dots only in brackets") {
    CHECK(selected("$.definitions['objects.candidate'].properties.email", k_schema) ==
          std::vector<std::string>{"/definitions/objects.candidate/properties/email"});
    CHECK(selected(R"($["definitions"]["objects.candidate"])", k_schema) ==
          std::vector<std::string>{"/definitions/objects.candidate"});
    CHECK(selected(R"($.definitions['it\'s "odd" $ x'])", k_schema) ==
          std::vector<std::string>{"/definitions/it's \"odd\" $ x"});
    CHECK(selected(R"($.definitions["it's \"odd\" $ x"].const)", k_schema) ==
          std::vector<std::string>{"/definitions/it's \"odd\" $ x/const"});
}

TEST_CASE("a name that is absent, or asked of an array, selects nothing") {
    CHECK(selected("$.definitions.missing", k_schema).empty());
    CHECK(selected("$.anyOf.properties", k_schema).empty());
}

TEST_CASE("an index selects one element of an array and nothing past its end") {
    CHECK(selected("$.anyOf[1].properties.type", k_schema) ==
          std::vector<std::string>{"/anyOf/1/properties/type"});
    CHECK(selected("$.anyOf[2]", k_schema).empty());
    CHECK(selected("$.definitions[0]", k_schema).empty());
}

TEST_CASE("a wildcard selects every member of an object and every element of an array") {
    CHECK(selected("$.definitions['objects.candidate'].properties.*", k_schema) ==
          std::vector<std::string>{"/definitions/objects.candidate/properties/email",
                                   "/definitions/objects.candidate/properties/name"});
    CHECK(selected("$.anyOf[*].properties.type.const", k_schema) ==
          std::vector<std::string>{"/anyOf/0/properties/type/const",
                                   "/anyOf/1/properties/type/const"});
}

TEST_CASE("a filter selects the elements whose value, or whose member, equals a literal") {
    CHECK(selected("$.anyOf[?(@.properties.type.const == 'job.deleted')].properties.data",
                   k_schema) == std::vector<std::string>{"/anyOf/0/properties/data"});
    CHECK(selected(R"($.enum[?(@ == "online")])", k_schema) == std::vector<std::string>{"/enum/1"});
    CHECK(selected("$.enum[?(@ == null)]", k_schema) == std::vector<std::string>{"/enum/2"});
    CHECK(selected("$.enum[?(@ == 3)]", k_schema) == std::vector<std::string>{"/enum/3"});
    CHECK(selected("$.enum[?(@ == '3')]", k_schema).empty());
    CHECK(selected("$.anyOf[?(@.properties.data.a.b == true)]", k_schema) ==
          std::vector<std::string>{"/anyOf/0"});
    CHECK(selected("$.anyOf[?( @.properties.data.a.b==2 )]", k_schema) ==
          std::vector<std::string>{"/anyOf/1"});
}

TEST_CASE("a filter with != selects the rest, including elements without the member") {
    CHECK(selected("$.enum[?(@ != 'phone')]", k_schema) ==
          std::vector<std::string>{"/enum/1", "/enum/2", "/enum/3"});
    CHECK(selected("$.anyOf[?(@.properties.missing != 'x')]", k_schema) ==
          std::vector<std::string>{"/anyOf/0", "/anyOf/1"});
    CHECK(selected("$.anyOf[?(@.properties.missing == 'x')]", k_schema).empty());
}

TEST_CASE("a filter also looks at the members of an object") {
    CHECK(selected("$.definitions[?(@.const == 1)]", k_schema) ==
          std::vector<std::string>{"/definitions/it's \"odd\" $ x"});
}

TEST_CASE("paths outside the subset are refused, naming the character where they leave it") {
    CHECK(refusal("$..email") ==
          "JSONPath \"$..email\" at character 2: recursive descent \"..\" is not supported");
    CHECK(refusal("$.anyOf[0:2]") == "JSONPath \"$.anyOf[0:2]\" at character 10: slices are "
                                     "not supported");
    CHECK(refusal("$.anyOf[-1]") ==
          "JSONPath \"$.anyOf[-1]\" at character 9: negative indices and slices are not supported");
    CHECK(refusal("$.anyOf.length()") ==
          "JSONPath \"$.anyOf.length()\" at character 9: functions are not supported");
    CHECK(refusal("$.a[?(@.b > 1)]") ==
          "JSONPath \"$.a[?(@.b > 1)]\" at character 11: a filter compares with == or != only");
    CHECK(refusal("$.a[?(@.b == 1 && @.c == 2)]") == "JSONPath \"$.a[?(@.b == 1 && @.c == 2)]\" "
                                                     "at character 16: && and || are not "
                                                     "supported");
    CHECK(refusal("$.a[0,1]") == "JSONPath \"$.a[0,1]\" at character 6: unions are not supported");
    CHECK(refusal("a.b") == "JSONPath \"a.b\" at character 1: a target starts with \"$\"");
    CHECK(refusal("$.a['b") ==
          "JSONPath \"$.a['b\" at character 7: unterminated string: ' missing");
    CHECK(refusal("$.x-ats") == "JSONPath \"$.x-ats\" at character 4: expected '.' or '[' but "
                                "found '-'");
    CHECK(refusal("$.a[?(@.b == nope)]") == "JSONPath \"$.a[?(@.b == nope)]\" at character 14: "
                                            "expected a string, number, true, false or null");
    CHECK(refusal("$" + std::string(5000, 'a')).find("longer than 4096 characters") !=
          std::string::npos);
}
