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

void write_named(JsonWriter& out, std::string_view name, std::string_view id,
                 std::string_view value) {
    out.object(name);
    out.member("id", id);
    out.member("name", value);
    out.end_object();
}

// Contact, user and recruiter are set only for the origin they belong to; null otherwise. The
// random name is drawn before the id (the order these draws have always had).
void write_source(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids) {
    const Source& picked = random.pick(k_sources);
    out.object("source");
    out.member("origin", picked.origin);
    if (picked.origin == "referred") {
        out.member("source", picked.source);
        const std::string name = random_name(random).full();
        write_named(out, "contact", ids.mint(random, "cnt_"), name);
    } else {
        if (picked.origin == "agency_submission") {
            const std::string_view agency = random.pick(k_agencies);
            out.member("source", fmt::format("{} (agency)", agency));
            out.member("contact", nullptr);
            out.member("user", nullptr);
            const std::string name = fmt::format("{} at {}", random_name(random).full(), agency);
            write_named(out, "recruiter", ids.mint(random, "usr_"), name);
            out.end_object();
            return;
        }
        out.member("source", picked.source);
        out.member("contact", nullptr);
    }
    if (picked.origin == "added")
        write_named(out, "user", cast.team[0].id, cast.team[0].name.full());
    else
        out.member("user", nullptr);
    out.member("recruiter", nullptr);
    out.end_object();
}

void write_file(JsonWriter& out, std::string_view name, std::string_view stored,
                std::string_view original, std::string_view type, std::string_view extension) {
    out.object(name);
    out.member("name", stored);
    out.member("original_name", original);
    out.member("content_type", type);
    out.member("file_extension", extension);
    out.end_object();
}

void write_resume(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids) {
    const bool word = random.chance(40);
    const std::string base =
        fmt::format("{}_{}_CV", cast.candidate.name.first_ascii, cast.candidate.name.last_ascii);
    const std::string stored = random.alphanumeric(24);
    out.object("resume");
    out.member("id", ids.mint(random, "cv_"));
    // .NET's Path.GetExtension keeps the dot, and HireHive runs on .NET.
    if (word)
        write_file(out, "original", stored + ".docx", base + ".docx",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   ".docx");
    else
        write_file(out, "original", stored + ".pdf", base + ".pdf", "application/pdf", ".pdf");
    write_file(out, "pdf", stored + ".pdf", base + ".pdf", "application/pdf", ".pdf");
    out.end_object();
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

void write_ids(JsonWriter& out, std::string_view name, Random& random, IdMint& ids,
               std::string_view prefix, int count) {
    out.array(name);
    for (int i = 0; i < count; ++i) out.value(ids.mint(random, prefix));
    out.end_array();
}

} // namespace

void write_application(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                       std::string_view type) {
    const Stage& stage = stage_for(random, type);
    const Instant applied = type == "application.created"
                                ? some_time_before(cast.now, random, 0min, 10min)
                                : some_time_before(cast.now, random, 2 * 24h, 40 * 24h);
    out.begin_object();
    out.member("id", cast.application_id);
    out.key("candidate");
    write_candidate(out, cast, random, ids, type);
    out.member("applied_at", date_text(applied));
    out.object("job");
    out.member("id", cast.job_id);
    out.member("title", cast.role->title);
    out.end_object();
    out.member("cover_letter", cover_letter(cast, random));
    out.object("stage");
    out.member("parent_stage", stage.parent);
    write_named(out, "custom_stage", ids.mint(random, "pipl_"), stage.custom);
    out.end_object();
    write_resume(out, cast, random, ids);
    write_source(out, cast, random, ids);
    const int interviews = stage.interviews + (stage.interviews > 0 ? random.between(0, 1) : 0);
    write_ids(out, "interviews", random, ids, "int_", interviews);
    write_ids(out, "feedback", random, ids, "fdbk_", interviews);
    out.member("potential_duplicate", random.chance(8));

    // GDPR consent runs a year from the application; HireHive asks to extend it near the end.
    const Instant consent_end = applied + std::chrono::days{365};
    out.object("compliance");
    out.object("gdpr");
    out.member("consent_expires_at", date_text(consent_end));
    out.array("consent_requests");
    if (type != "application.created" && random.chance(15)) {
        const auto since = std::chrono::floor<std::chrono::minutes>(cast.now - applied);
        const Instant sent = some_time_before(cast.now, random, 0min, since);
        out.begin_object();
        out.member("status", random.chance(50) ? "complete" : "pending");
        out.member("sent_at", date_text(sent));
        out.member("expires_at", date_text(sent + std::chrono::days{30}));
        out.end_object();
    }
    out.end_array();
    out.end_object();
    out.end_object();
    out.end_object();
}

} // namespace atshook::sample
