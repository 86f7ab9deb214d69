#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

constexpr std::array<std::string_view, 5> k_notes{
    "Spoke with {candidate} today: keen on the role, notice period is one month.",
    "{candidate} asked to move the interview to next week because of a family event.",
    "Reference from their previous manager was very positive about ownership and mentoring.",
    "{candidate} has a competing offer and needs an answer by Friday.",
    "Portfolio reviewed: strong case studies, especially the onboarding redesign."};

constexpr std::array<std::string_view, 3> k_edits{
    " Update: confirmed on a second call.", " (Corrected the dates after checking the calendar.)",
    " Salary expectation shared separately."};

Json attachment(const Cast& cast, Random& random, IdMint& ids) {
    const std::string id = ids.mint(random, "file_");
    const std::string stored = random.alphanumeric(24) + ".pdf";
    const std::string original = random.chance(50)
                                     ? std::string("Interview notes.pdf")
                                     : fmt::format("{} portfolio.pdf", cast.candidate.name.last);
    return {{"name", stored},
            {"original_name", original},
            {"content_type", "application/pdf"},
            {"file_extension", ".pdf"},
            {"id", id},
            {"type", "person_note_attachment"},
            {"size_in_kb", random.between(18, 4800)},
            {"download_link", fmt::format("https://files.example.com/download/{}?token={}", id,
                                          random.alphanumeric(32))}};
}

} // namespace

std::string_view note_edit(Random& random) {
    return random.pick(k_edits);
}

Json note_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type) {
    const Instant created = type == "candidate.note.created"
                                ? some_time_before(cast.now, random, 0min, 5min)
                                : some_time_before(cast.now, random, 1h, 20 * 24h);
    const Person& author = cast.team[0];
    const Person& colleague = cast.team[1];
    const bool mention = random.chance(50);

    std::string text = fmt::format(fmt::runtime(random.pick(k_notes)),
                                   fmt::arg("candidate", cast.candidate.name.first));
    if (type == "candidate.note.updated") text += note_edit(random);
    if (mention) text += fmt::format(" @{} can you take the next step?", colleague.name.full());

    Json files = Json::array();
    if (random.chance(30)) files.push_back(attachment(cast, random, ids));
    Json mentioned = Json::array();
    if (mention) mentioned.push_back(colleague.id);

    // A note written by a user: the guest and external recruiter fields are not set.
    Json note;
    note["id"] = ids.mint(random, "note_");
    note["date_created"] = date_text(created);
    note["text"] = text;
    note["creator"] = {{"name", author.name.full()},
                       {"user_id", author.id},
                       {"guest_id", nullptr},
                       {"recruiter", nullptr}};
    note["files"] = files;
    note["mentioned_users"] = mentioned;
    note["restricted"] = random.chance(20);

    // Shared with an outside hiring panellist, who sees the application through a guest link.
    const PersonName guest = random_name(random);
    const Instant shared = created + std::chrono::minutes{random.between(1, 30)};
    const Instant expires = shared + std::chrono::days{14};
    note["share"] = {
        {"id", ids.mint(random, "shrdapp_")},
        {"application_id", cast.application_id},
        {"message", fmt::format("Hi {}, could you look at {}'s application before Thursday?",
                                guest.first, cast.candidate.name.first)},
        {"metadata",
         {{"expires_at", date_text(expires)},
          {"visits", random.between(0, 6)},
          {"expired", expires < cast.now},
          {"revoked", random.chance(5)}}},
        {"guest",
         {{"id", ids.mint(random, "gst_")},
          {"email", guest.first_ascii + "." + guest.last_ascii + "@example.org"}}},
        {"sender",
         {{"id", author.id}, {"first_name", author.name.first}, {"last_name", author.name.last}}}};
    return note;
}

} // namespace atshook::sample
