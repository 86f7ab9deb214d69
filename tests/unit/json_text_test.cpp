#include "atshook/json_text.hpp"
#include "atshook/schema/embedded.hpp"

#include <doctest/doctest.h>

using atshook::JsonProblem;
using atshook::parse_json_tree;
using atshook::quoted_excerpt;

TEST_CASE("json_text replaces bytes that are not UTF-8 instead of throwing") {
    const nlohmann::json value = std::string("caf\xe9");
    CHECK(atshook::json_text(value) == "\"caf\xEF\xBF\xBD\"");
    CHECK(atshook::json_text(nlohmann::json{{"a", 1}}, 2) == "{\n  \"a\": 1\n}");
}

TEST_CASE("quoted_excerpt quotes short text whole and cuts long text between characters") {
    CHECK(quoted_excerpt("attending") == "\"attending\"");
    CHECK(quoted_excerpt("tab\there") == "\"tab\\there\"");
    CHECK(quoted_excerpt(std::string(61, 'x')) == "\"" + std::string(60, 'x') + "...\"");
    CHECK(quoted_excerpt("ééé", 2) == "\"éé...\"");
}

TEST_CASE("parse_json_tree builds a tree from JSON within the depth limit") {
    const auto parsed = parse_json_tree(R"({"a": [1, {"b": null}]})");
    REQUIRE(std::holds_alternative<nlohmann::ordered_json>(parsed));
    CHECK(std::get<nlohmann::ordered_json>(parsed)["a"][1].contains("b"));
}

TEST_CASE("parse_json_tree refuses nesting past the limit before nlohmann sees it") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const auto parsed = parse_json_tree(deep);
    REQUIRE(std::holds_alternative<JsonProblem>(parsed));
    CHECK(std::get<JsonProblem>(parsed).code == simdjson::DEPTH_ERROR);
    CHECK(std::get<JsonProblem>(parsed).message == "nesting is deeper than 256 levels");
    CHECK(std::holds_alternative<nlohmann::ordered_json>(
        parse_json_tree(std::string(255, '[') + std::string(255, ']'))));
}

TEST_CASE("parse_json_tree says where malformed JSON and bad UTF-8 are") {
    const auto malformed = parse_json_tree("{\"a\": ,}");
    REQUIRE(std::holds_alternative<JsonProblem>(malformed));
    CHECK(std::get<JsonProblem>(malformed).offset == 6);
    const auto latin1 = parse_json_tree("\"caf\xe9\"");
    REQUIRE(std::holds_alternative<JsonProblem>(latin1));
    CHECK(std::get<JsonProblem>(latin1).code == simdjson::UTF8_ERROR);
}

namespace {

// json_tree of the text, through simdjson, for comparing with nlohmann's own parse.
template <class Json> Json tree_of(const std::string& text) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    REQUIRE(parser.parse(text).get(root) == simdjson::SUCCESS);
    return atshook::json_tree<Json>(root);
}

} // namespace

TEST_CASE("json_tree builds the tree nlohmann's parser builds, number kinds and repeats included") {
    for (const std::string text : {
             R"({"b":1,"a":[true,false,null],"c":{"d":"\u00e9\n\"x\""}})",
             R"([0, -1, 18446744073709551615, 9223372036854775807, -9223372036854775808])",
             R"([1.5, -0.0, 1e300, 2.5e-300, 10.0, 0.1])",
             R"({"k":1,"k":2,"z":{"k":[3]},"k":{"deep":[]}})",
             R"("just a string")",
             R"({})",
             R"([[],[{}],""])",
         }) {
        CAPTURE(text);
        const auto expected = nlohmann::json::parse(text);
        const auto built = tree_of<nlohmann::json>(text);
        CHECK(built == expected);
        CHECK(built.dump() == expected.dump());
        // Kinds, not only values: the schema compiler asks is_number_unsigned().
        if (expected.is_array())
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CAPTURE(i);
                CHECK(built[i].type() == expected[i].type());
            }
        const auto ordered_expected = nlohmann::ordered_json::parse(text);
        CHECK(tree_of<nlohmann::ordered_json>(text).dump() == ordered_expected.dump());
    }
}

TEST_CASE("json_tree reads every embedded schema file as nlohmann's parser does") {
    for (const auto& file : atshook::schema::embedded_files()) {
        CAPTURE(file.name);
        const std::string text(file.text);
        CHECK(tree_of<nlohmann::json>(text) == nlohmann::json::parse(text));
    }
}
