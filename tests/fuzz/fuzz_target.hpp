#pragma once
// What the fuzz targets share: the libFuzzer entry point each defines (libFuzzer calls it, or
// replay_main.cpp in the normal test build), and `require`, which turns a promise the library
// broke into a crash the fuzzer records.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fuzz {

inline void require(bool kept, const char* promise) {
    if (kept) return;
    std::fprintf(stderr, "fuzz: broken promise: %s\n", promise);
    std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return size ? std::string_view(reinterpret_cast<const char*>(data), size) : std::string_view();
}

// The parts of `text` between lines that hold only "%%", so that seeds stay readable:
//   webhook-id: msg_1\n%%\nwhsec_...\n%%\n1707124468
// Always `count` parts; missing ones are empty, and the last takes the rest.
inline std::vector<std::string_view> split_fields(std::string_view text, std::size_t count) {
    std::vector<std::string_view> fields;
    while (fields.size() + 1 < count) {
        std::size_t end = text.starts_with("%%\n") ? 0 : text.find("\n%%\n");
        if (end == std::string_view::npos) break;
        fields.push_back(text.substr(0, end));
        text.remove_prefix(end == 0 ? 3 : end + 4);
    }
    fields.push_back(text);
    fields.resize(count);
    return fields;
}

// Nothing a terminal would act on: no C0 control but newline and tab, no DEL, no C1 control
// (U+0080-U+009F, whose UTF-8 starts with 0xC2).
inline bool is_terminal_safe(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) return false;
        if (byte == 0xc2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f)
            return false;
    }
    return true;
}

} // namespace fuzz
