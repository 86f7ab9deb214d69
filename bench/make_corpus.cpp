// Writes an NDJSON corpus of at least --megabytes MB of mixed HireHive events, made from the
// bundled valid samples with varied ids, one compact event per line.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Appends a counter to every prefixed id so lines differ like real deliveries do.
void vary_ids(nlohmann::json& value, const std::string& suffix) {
    if (value.is_object() || value.is_array()) {
        for (auto& child : value) vary_ids(child, suffix);
        return;
    }
    if (!value.is_string()) return;
    static const std::vector<std::string> k_prefixes = {
        "job_",  "cat_",  "note_", "usr_",  "gst_",   "app_",     "can_",
        "cv_",   "fdbk_", "int_",  "attd_", "form_",  "qustn_",   "opt_",
        "file_", "tag_",  "cnt_",  "pipl_", "etmpl_", "wbhk_evt_"};
    const auto& text = value.get_ref<const std::string&>();
    for (const auto& prefix : k_prefixes)
        if (text.starts_with(prefix) && text.size() > prefix.size() &&
            text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                                   prefix.size()) == std::string::npos) {
            value = text + suffix;
            return;
        }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: make_corpus SAMPLES_DIR OUTPUT MEGABYTES\n";
        return 2;
    }
    std::vector<nlohmann::json> samples;
    for (const auto& entry : fs::directory_iterator(argv[1]))
        if (entry.path().extension() == ".json")
            samples.push_back(nlohmann::json::parse(std::ifstream(entry.path())));
    std::sort(samples.begin(), samples.end(),
              [](const auto& a, const auto& b) { return a.dump() < b.dump(); });
    const std::size_t target = std::stoul(argv[3]) * 1000 * 1000;
    std::ofstream out(argv[2], std::ios::binary);
    std::size_t written = 0, count = 0;
    while (written < target) {
        nlohmann::json event = samples[count % samples.size()];
        vary_ids(event, std::to_string(count));
        const std::string line = event.dump() + "\n";
        out << line;
        written += line.size();
        ++count;
    }
    std::cerr << "wrote " << count << " events, " << written << " bytes to " << argv[2] << "\n";
    return 0;
}
