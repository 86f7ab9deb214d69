#include "atshook/json_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace {

using Json = nlohmann::ordered_json;

// `text` as the writer writes a JSON string.
std::string written(std::string_view text) {
    std::string out;
    atshook::JsonWriter(out).value(text);
    return out;
}

} // namespace

TEST_CASE("the writer escapes every ASCII byte as nlohmann's dump does, at every position") {
    // Each byte alone, and inside longer text at each offset of an 8-byte word, so that the
    // word-at-a-time scan and the byte loop both meet it.
    for (int c = 0; c < 0x80; ++c) {
        const std::string one(1, static_cast<char>(c));
        CHECK(written(one) == Json(one).dump());
        for (std::size_t at = 0; at < 20; ++at) {
            std::string text = "abcdefghijklmnopqrstuvwxyz";
            text[at] = static_cast<char>(c);
            INFO("byte ", c, " at ", at);
            CHECK(written(text) == Json(text).dump());
        }
    }
}

TEST_CASE("the writer keeps UTF-8 as it is, as nlohmann's dump does") {
    for (const std::string text : {"Siobhán Ó Briain", "東京都", "€58,000 – €72,000 per year",
                                   "ÿÿÿÿÿÿÿÿ\"ÿ", "\xF0\x9F\x98\x80 and \\n", ""}) {
        CHECK(written(text) == Json(text).dump());
    }
}

TEST_CASE("the writer puts commas between members and values, none after the first") {
    std::string out;
    atshook::JsonWriter writer(out);
    writer.begin_object();
    writer.member("id", "job_1");
    writer.member("version", 1);
    writer.member("negative", std::int64_t{-42});
    writer.member("big", std::numeric_limits<std::uint64_t>::max());
    writer.member("small", std::numeric_limits<std::int64_t>::min());
    writer.member("yes", true);
    writer.member("no", false);
    writer.member("nothing", nullptr);
    writer.array("empty");
    writer.end_array();
    writer.object("none");
    writer.end_object();
    writer.array("list");
    writer.value("a");
    writer.begin_object();
    writer.member("x", 1);
    writer.end_object();
    writer.begin_array();
    writer.end_array();
    writer.value(7);
    writer.end_array();
    writer.key("raw").raw(R"({"a":[1,2]})");
    writer.end_object();

    Json expected;
    expected["id"] = "job_1";
    expected["version"] = 1;
    expected["negative"] = -42;
    expected["big"] = std::numeric_limits<std::uint64_t>::max();
    expected["small"] = std::numeric_limits<std::int64_t>::min();
    expected["yes"] = true;
    expected["no"] = false;
    expected["nothing"] = nullptr;
    expected["empty"] = Json::array();
    expected["none"] = Json::object();
    expected["list"] = Json::array({"a", {{"x", 1}}, Json::array(), 7});
    expected["raw"] = {{"a", {1, 2}}};
    CHECK(out == expected.dump());
}

TEST_CASE("a writer appends after a newline as a new document (NDJSON)") {
    std::string out = "{\"a\":1}\n";
    atshook::JsonWriter writer(out);
    writer.begin_object();
    writer.member("b", 2);
    writer.end_object();
    CHECK(out == "{\"a\":1}\n{\"b\":2}");
}
