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

void write_attachment(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids) {
    const std::string id = ids.mint(random, "file_");
    const std::string stored = random.alphanumeric(24) + ".pdf";
    const std::string original = random.chance(50)
                                     ? std::string("Interview notes.pdf")
                                     : fmt::format("{} portfolio.pdf", cast.candidate.name.last);
    out.begin_object();
    out.member("name", stored);
    out.member("original_name", original);
    out.member("content_type", "application/pdf");
    out.member("file_extension", ".pdf");
    out.member("id", id);
    out.member("type", "person_note_attachment");
    out.member("size_in_kb", random.between(18, 4800));
    out.member("download_link", fmt::format("https://files.example.com/download/{}?token={}", id,
                                            random.alphanumeric(32)));
    out.end_object();
}

} // namespace

std::string_view note_edit(Random& random) {
    return random.pick(k_edits);
}

void write_note(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                std::string_view type) {
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

    // The attachment is drawn before the note's id, written after it.
    std::string files_text;
    JsonWriter files(files_text);
    files.begin_array();
    if (random.chance(30)) write_attachment(files, cast, random, ids);
    files.end_array();

    // A note written by a user: the guest and external recruiter fields are not set.
    out.begin_object();
    out.member("id", ids.mint(random, "note_"));
    out.member("date_created", date_text(created));
    out.member("text", text);
    out.object("creator");
    out.member("name", author.name.full());
    out.member("user_id", author.id);
    out.member("guest_id", nullptr);
    out.member("recruiter", nullptr);
    out.end_object();
    out.key("files").raw(files_text);
    out.array("mentioned_users");
    if (mention) out.value(colleague.id);
    out.end_array();
    out.member("restricted", random.chance(20));

    // Shared with an outside hiring panellist, who sees the application through a guest link.
    const PersonName guest = random_name(random);
    const Instant shared = created + std::chrono::minutes{random.between(1, 30)};
    const Instant expires = shared + std::chrono::days{14};
    out.object("share");
    out.member("id", ids.mint(random, "shrdapp_"));
    out.member("application_id", cast.application_id);
    out.member("message", fmt::format("Hi {}, could you look at {}'s application before Thursday?",
                                      guest.first, cast.candidate.name.first));
    out.object("metadata");
    out.member("expires_at", date_text(expires));
    out.member("visits", random.between(0, 6));
    out.member("expired", expires < cast.now);
    out.member("revoked", random.chance(5));
    out.end_object();
    out.object("guest");
    out.member("id", ids.mint(random, "gst_"));
    out.member("email", guest.first_ascii + "." + guest.last_ascii + "@example.org");
    out.end_object();
    out.object("sender");
    out.member("id", author.id);
    out.member("first_name", author.name.first);
    out.member("last_name", author.name.last);
    out.end_object();
    out.end_object();
    out.end_object();
}

} // namespace atshook::sample
