// Any bytes as `learn` and `drift` read them: as a payload to profile, and as a saved profile.
// Promises: a profile saved and read back is the same bytes; a profile read from any bytes
// saves and reads back to itself; merging never throws for two profiles of the same kind.
#include "fuzz_target.hpp"

#include "atshook/error.hpp"
#include "atshook/learn/judgement.hpp"
#include "atshook/learn/profile_file.hpp"
#include "atshook/learn/profiler.hpp"

#include <string>

namespace {

const atshook::learn::SchemaModels& models() {
    static const atshook::learn::SchemaModels shipped;
    return shipped;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace atshook::learn;
    const std::string_view bytes = fuzz::as_text(data, size);

    Profiler profiler(models(), {}, "fuzz");
    profiler.add(bytes, "fuzz.json", size % 3);
    Profile profile = profiler.profile();
    const std::string saved = profile_json(profile);
    fuzz::require(profile_json(parse_profile(saved, "saved.json")) == saved,
                  "a saved profile reads back to the same bytes");
    Profile twice = profile;
    twice.merge(profile);
    fuzz::require(twice.documents == 2 * profile.documents, "merging adds the documents");
    (void)judge(twice, models());

    try {
        const Profile read = parse_profile(bytes, "fuzz.json");
        const std::string again = profile_json(read);
        fuzz::require(profile_json(parse_profile(again, "again.json")) == again,
                      "a profile read from any bytes saves and reads back to itself");
        for (const auto& [name, event] : read.events)
            fuzz::require(event.pointers.size() <= k_pointer_cap, "pointers stay capped");
    } catch (const atshook::Error&) {
    }
    return 0;
}
