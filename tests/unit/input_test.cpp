#include "atshook/error.hpp"
#include "atshook/input.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace {

std::string temp_file(const std::string& content, const std::string& extension = ".json") {
    static int counter = 0;
    const auto path =
        std::filesystem::temp_directory_path() / ("ats-hook-input-" + std::to_string(getpid()) +
                                                  "-" + std::to_string(++counter) + extension);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

std::vector<atshook::Document> read_all(atshook::InputReader& reader,
                                        std::vector<atshook::Chunk>& keep,
                                        std::size_t target = 4 << 20) {
    std::vector<atshook::Document> out;
    atshook::Chunk chunk;
    while (reader.next(chunk, target)) {
        keep.push_back(std::move(chunk));
        out.insert(out.end(), keep.back().documents.begin(), keep.back().documents.end());
        chunk = {};
    }
    return out;
}

} // namespace

TEST_CASE("a pretty-printed payload is one document") {
    atshook::InputReader reader(temp_file("{\n  \"a\": 1\n}\n"));
    CHECK_FALSE(reader.is_ndjson());
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep);
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].line == 0);
    CHECK(documents[0].bytes == "{\n  \"a\": 1\n}\n");
}

TEST_CASE("NDJSON gives one document per non-blank line with its line number") {
    atshook::InputReader reader(temp_file("{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}"));
    CHECK(reader.is_ndjson());
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep);
    REQUIRE(documents.size() == 3);
    CHECK(documents[0].line == 1);
    CHECK(documents[1].line == 3);
    CHECK(documents[1].bytes == "{\"a\":2}\r");
    CHECK(documents[2].line == 5);
    CHECK(documents[2].bytes == "{\"a\":3}");
}

TEST_CASE("one compact line with a trailing newline is a single document") {
    atshook::InputReader reader(temp_file("{\"a\":1}\n\n"));
    CHECK_FALSE(reader.is_ndjson());
}

TEST_CASE("a large NDJSON input comes in chunks of whole lines") {
    std::string log;
    for (int i = 0; i < 5000; ++i)
        log += "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(200, 'x') + "\"}\n";
    atshook::InputReader reader(temp_file(log));
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep, 64 * 1024);
    CHECK(keep.size() > 10);
    REQUIRE(documents.size() == 5000);
    for (std::size_t i = 0; i < documents.size(); ++i) {
        CHECK(documents[i].line == i + 1);
        CHECK(documents[i].bytes.starts_with("{\"n\":" + std::to_string(i) + ","));
    }
    for (const auto& chunk : keep) CHECK(chunk.buffer.size() < 64 * 1024 + 300);
}

TEST_CASE("an NDJSON line over max_bytes is flagged and the next lines still come") {
    const std::string log = "{\"a\":1}\n{\"big\":\"" + std::string(5000, 'x') + "\"}\n{\"a\":3}\n";
    atshook::InputReader reader(temp_file(log), 1000);
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep);
    REQUIRE(documents.size() == 3);
    CHECK_FALSE(documents[0].too_large);
    CHECK(documents[1].too_large);
    CHECK(documents[1].line == 2);
    CHECK(documents[2].bytes == "{\"a\":3}");
    CHECK(documents[2].line == 3);
}

TEST_CASE("the chunks' input bytes add up to the file's size, blank and oversized lines too") {
    std::string log;
    for (int i = 0; i < 3000; ++i) {
        log += "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(200, 'x') + "\"}\n";
        if (i % 100 == 0) log += "\n  \r\n";
        if (i % 1000 == 0) log += "{\"big\":\"" + std::string(5000, 'x') + "\"}\n";
    }
    log += "{\"last\":true}";
    SUBCASE("NDJSON in many chunks") {
        atshook::InputReader reader(temp_file(log), 1000);
        std::vector<atshook::Chunk> keep;
        read_all(reader, keep, 64 * 1024);
        CHECK(keep.size() > 5);
        std::uint64_t sum = 0;
        for (const auto& chunk : keep) sum += chunk.input_bytes;
        CHECK(sum == log.size());
    }
    SUBCASE("one document") {
        const std::string payload = "{\n  \"a\": 1\n}\n";
        atshook::InputReader reader(temp_file(payload));
        std::vector<atshook::Chunk> keep;
        read_all(reader, keep);
        REQUIRE(keep.size() == 1);
        CHECK(keep[0].input_bytes == payload.size());
    }
}

TEST_CASE("a file that cannot be opened is an error naming it") {
    CHECK_THROWS_WITH_AS(atshook::InputReader("/no/such/file.json"),
                         "/no/such/file.json: cannot open: No such file or directory",
                         atshook::Error);
}

TEST_CASE("a .ndjson file is NDJSON even when its first line is broken") {
    atshook::InputReader reader(temp_file("{\"a\":\n{\"a\":2}\n", ".ndjson"));
    CHECK(reader.is_ndjson());
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep);
    REQUIRE(documents.size() == 2);
    CHECK(documents[1].line == 2);
}

TEST_CASE("bytes in memory read as a file of that name would") {
    SUBCASE("one payload") {
        auto reader = atshook::InputReader::from_bytes("{\n  \"a\": 1\n}\n", "payload.json");
        CHECK(reader.source() == "payload.json");
        CHECK_FALSE(reader.is_ndjson());
        std::vector<atshook::Chunk> keep;
        const auto documents = read_all(reader, keep);
        REQUIRE(documents.size() == 1);
        CHECK(documents[0].bytes == "{\n  \"a\": 1\n}\n");
    }
    SUBCASE("NDJSON detected from the first line") {
        auto reader = atshook::InputReader::from_bytes("{\"a\":1}\n{\"a\":2}\n", "log");
        CHECK(reader.is_ndjson());
        std::vector<atshook::Chunk> keep;
        CHECK(read_all(reader, keep).size() == 2);
    }
    SUBCASE("NDJSON named by the extension, with an oversized line flagged") {
        auto reader = atshook::InputReader::from_bytes("{\"a\":\n{\"abc\":2}\n", "x.ndjson", 6);
        CHECK(reader.is_ndjson());
        std::vector<atshook::Chunk> keep;
        const auto documents = read_all(reader, keep);
        REQUIRE(documents.size() == 2);
        CHECK_FALSE(documents[0].too_large);
        CHECK(documents[1].too_large);
        CHECK(documents[1].line == 2);
    }
}

TEST_CASE("documents lie in their chunk's buffer, the last followed by zero padding") {
    atshook::InputReader reader(temp_file("{\"a\":1}\n{\"a\":2}\n{\"a\":3}", ".ndjson"));
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep);
    REQUIRE(documents.size() == 3);
    REQUIRE(keep.size() == 1);
    const auto& buffer = keep[0].buffer;
    for (const auto& document : documents) {
        CHECK(document.padded);
        CHECK(document.bytes.data() >= buffer.data());
        CHECK(document.bytes.data() + document.bytes.size() <= buffer.data() + buffer.size());
    }
    const char* const end = documents[2].bytes.data() + documents[2].bytes.size();
    for (std::size_t i = 0; i < atshook::k_parse_padding; ++i) CHECK(end[i] == 0);
}

TEST_CASE("a whole-file document is padded, an empty one too") {
    for (const std::string payload : {"{\"a\": 1}\n", ""}) {
        atshook::InputReader reader(temp_file(payload));
        std::vector<atshook::Chunk> keep;
        const auto documents = read_all(reader, keep);
        REQUIRE(documents.size() == 1);
        CHECK(documents[0].padded);
        CHECK(documents[0].bytes == payload);
        REQUIRE(keep[0].buffer.data() != nullptr);
        CHECK(keep[0].buffer.data()[payload.size()] == 0);
    }
}

TEST_CASE("a line longer than the chunk's target comes whole, and the lines after it") {
    const std::string long_line = "{\"pad\":\"" + std::string(3000, 'x') + "\"}";
    const std::string log = "{\"a\":1}\n" + long_line + "\n\n{\"a\":3}\n";
    atshook::InputReader reader(temp_file(log, ".ndjson"));
    std::vector<atshook::Chunk> keep;
    const auto documents = read_all(reader, keep, 100);
    REQUIRE(documents.size() == 3);
    CHECK(documents[1].bytes == long_line);
    CHECK_FALSE(documents[1].too_large);
    CHECK(documents[1].line == 2);
    CHECK(documents[2].bytes == "{\"a\":3}");
    CHECK(documents[2].line == 4);
}

TEST_CASE("lines cut by chunk boundaries come whole when the format was read ahead") {
    // Not named .ndjson: detecting the format reads ahead more than one chunk's target.
    std::string log;
    for (int i = 0; i < 2000; ++i) log += "{\"n\":" + std::to_string(i) + "}\n";
    for (const bool in_memory : {false, true}) {
        CAPTURE(in_memory);
        auto reader = in_memory ? atshook::InputReader::from_bytes(log, "log")
                                : atshook::InputReader(temp_file(log, ".log"));
        CHECK(reader.is_ndjson());
        std::vector<atshook::Chunk> keep;
        const auto documents = read_all(reader, keep, 1000);
        REQUIRE(documents.size() == 2000);
        for (std::size_t i = 0; i < documents.size(); ++i) {
            CHECK(documents[i].line == i + 1);
            CHECK(documents[i].bytes == "{\"n\":" + std::to_string(i) + "}");
        }
        std::uint64_t sum = 0;
        for (const auto& chunk : keep) sum += chunk.input_bytes;
        CHECK(sum == log.size());
    }
}
