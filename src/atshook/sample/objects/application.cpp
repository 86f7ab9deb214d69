#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

struct Stage {
    std::string_view parent; // HireHive's parent_stage enum
    std::string_view custom; // the name a company gives its pipeline step
    int interviews;          // interviews a candidate has usually had by then
};

constexpr std::array<Stage, 11> k_stages{{
    {"new", "New", 0},
    {"new", "Applied", 0},
    {"screening", "CV review", 0},
    {"screening", "Phone screen", 0},
    {"interviewing", "First interview", 1},
    {"interviewing", "Technical interview", 1},
    {"interviewing", "Final interview", 2},
    {"offered", "Offer sent", 2},
    {"hired", "Hired", 2},
    {"rejected", "Not progressed", 0},
    {"rejected", "Withdrew", 1},
}};

const Stage& stage_for(Random& random, std::string_view type) {
    if (type == "application.created") return k_stages[random.below(2)];
    if (type == "application.stage.updated") return k_stages[2 + random.below(k_stages.size() - 2)];
    return k_stages[random.below(k_stages.size())];
}

struct Source {
    std::string_view origin;
    std::string_view source;
};

constexpr std::array<Source, 10> k_sources{{
    {"applied", "LinkedIn"},
    {"applied", "Indeed"},
    {"applied", "Careers page"},
    {"applied", "Glassdoor"},
    {"referred", "Employee referral"},
    {"added", "Sourced on LinkedIn"},
    {"interested", "Talent community"},
    {"candidate_pool", "Candidate pool"},
    {"hire_hive_import", "Spreadsheet import"},
    {"agency_submission", "Agency"},
}};

constexpr std::array<std::string_view, 4> k_agencies{"Hays", "Brightpath Search", "Cobalt Talent",
                                                     "Meridian Recruitment"};

Json named(std::string id, std::string name) {
    return {{"id", id}, {"name", name}};
}

// Contact, user and recruiter are set only for the origin they belong to; null otherwise.
Json source(const Cast& cast, Random& random, IdMint& ids) {
    const Source& picked = random.pick(k_sources);
    Json contact, user, recruiter;
    std::string text(picked.source);
    if (picked.origin == "referred")
        contact = named(ids.mint(random, "cnt_"), random_name(random).full());
    if (picked.origin == "added") user = named(cast.team[0].id, cast.team[0].name.full());
    if (picked.origin == "agency_submission") {
        const std::string_view agency = random.pick(k_agencies);
        text = fmt::format("{} (agency)", agency);
        recruiter = named(ids.mint(random, "usr_"),
                          fmt::format("{} at {}", random_name(random).full(), agency));
    }
    return {{"origin", picked.origin},
            {"source", text},
            {"contact", contact},
            {"user", user},
            {"recruiter", recruiter}};
}

Json file_names(std::string_view stored, std::string_view original, std::string_view type,
                std::string_view extension) {
    return {{"name", stored},
            {"original_name", original},
            {"content_type", type},
            {"file_extension", extension}};
}

Json resume(const Cast& cast, Random& random, IdMint& ids) {
    const bool word = random.chance(40);
    const std::string base =
        fmt::format("{}_{}_CV", cast.candidate.name.first_ascii, cast.candidate.name.last_ascii);
    const std::string stored = random.alphanumeric(24);
    // .NET's Path.GetExtension keeps the dot, and HireHive runs on .NET.
    Json original =
        word ? file_names(stored + ".docx", base + ".docx",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          ".docx")
             : file_names(stored + ".pdf", base + ".pdf", "application/pdf", ".pdf");
    return {{"id", ids.mint(random, "cv_")},
            {"original", original},
            {"pdf", file_names(stored + ".pdf", base + ".pdf", "application/pdf", ".pdf")}};
}

std::string cover_letter(const Cast& cast, Random& random) {
    if (random.chance(25)) return "";
    return fmt::format("Dear {} hiring team,\n\nI would love to join you as {} in {}. For the "
                       "past {} years I have worked as a {} at {}, and the chance to {} is "
                       "exactly what I am looking for next.\n\nKind regards,\n{}",
                       cast.employer, cast.role->title, cast.city->name, random.between(2, 9),
                       cast.current_title, cast.current_company, cast.role->duties,
                       cast.candidate.name.full());
}

Json ids_of(Random& random, IdMint& ids, std::string_view prefix, int count) {
    Json list = Json::array();
    for (int i = 0; i < count; ++i) list.push_back(ids.mint(random, prefix));
    return list;
}

} // namespace

Json application_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type) {
    const Stage& stage = stage_for(random, type);
    const Instant applied = type == "application.created"
                                ? some_time_before(cast.now, random, 0min, 10min)
                                : some_time_before(cast.now, random, 2 * 24h, 40 * 24h);
    Json application;
    application["id"] = cast.application_id;
    application["candidate"] = candidate_object(cast, random, ids, type);
    application["applied_at"] = date_text(applied);
    application["job"] = {{"id", cast.job_id}, {"title", cast.role->title}};
    application["cover_letter"] = cover_letter(cast, random);
    application["stage"] = {
        {"parent_stage", stage.parent},
        {"custom_stage", named(ids.mint(random, "pipl_"), std::string(stage.custom))}};
    application["resume"] = resume(cast, random, ids);
    application["source"] = source(cast, random, ids);
    const int interviews = stage.interviews + (stage.interviews > 0 ? random.between(0, 1) : 0);
    application["interviews"] = ids_of(random, ids, "int_", interviews);
    application["feedback"] = ids_of(random, ids, "fdbk_", interviews);
    application["potential_duplicate"] = random.chance(8);

    // GDPR consent runs a year from the application; HireHive asks to extend it near the end.
    const Instant consent_end = applied + std::chrono::days{365};
    Json requests = Json::array();
    if (type != "application.created" && random.chance(15)) {
        const auto since = std::chrono::floor<std::chrono::minutes>(cast.now - applied);
        const Instant sent = some_time_before(cast.now, random, 0min, since);
        requests.push_back({{"status", random.chance(50) ? "complete" : "pending"},
                            {"sent_at", date_text(sent)},
                            {"expires_at", date_text(sent + std::chrono::days{30})}});
    }
    application["compliance"] = {
        {"gdpr", {{"consent_expires_at", date_text(consent_end)}, {"consent_requests", requests}}}};
    return application;
}

} // namespace atshook::sample
