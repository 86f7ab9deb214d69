#include "atshook/sample/scenario/story.hpp"

#include "atshook/sample/scenario/candidate_thread.hpp"

#include <array>
#include <stdexcept>

namespace atshook::sample::story {
namespace {

using namespace std::chrono_literals;

constexpr OfficeTime k_day = OfficeHours::k_day;

struct Stage {
    std::string_view name;   // the company's name for the pipeline step
    std::string_view parent; // HireHive's parent_stage
};

// The pipeline past "New": application.created puts an application in New or Applied.
constexpr std::array<Stage, 8> k_pipeline{{
    {"CV review", "screening"},
    {"Phone screen", "screening"},
    {"First interview", "interviewing"},
    {"Final interview", "interviewing"},
    {"Offer sent", "offered"},
    {"Hired", "hired"},
    {"Not progressed", "rejected"},
    {"Withdrew", "rejected"},
}};

class CandidateStory : private CandidateThread {
public:
    CandidateStory(Hiring& hiring, const Part& part, Random random)
        : CandidateThread(hiring, random), m_part(part) {}

    CandidateEvents tell() {
        apply();
        switch (m_part.fate) {
        case Fate::left_open:
            if (maybe(50)) review();
            return finish(true);
        case Fate::cv_rejected:
            review();
            break;
        case Fate::phone_rejected:
            review();
            phone_screen();
            break;
        case Fate::first_rejected:
            review();
            phone_screen();
            round("First interview");
            break;
        case Fate::final_rejected:
            review();
            phone_screen();
            round("First interview");
            round("Final interview");
            break;
        case Fate::withdrew:
            review();
            phone_screen();
            withdraw();
            return finish(false);
        case Fate::hired:
            review();
            phone_screen();
            round("First interview");
            round("Final interview");
            hire();
            return finish(false);
        }
        reject();
        return finish(false);
    }

private:
    bool showcase(Fate fate) const { return m_part.showcase && m_part.fate == fate; }
    bool progresses() const {
        return m_part.fate == Fate::hired || m_part.fate == Fate::final_rejected ||
               m_part.fate == Fate::first_rejected || m_part.fate == Fate::withdrew;
    }

    // The candidate appears with their application: no tags yet, and this one application.
    void apply() {
        m_now = m_part.applies;
        m_cast = m_hiring.cast;
        cast_candidate(m_cast, m_random, m_ids);
        m_application = tree_of([&](JsonWriter& out) {
            write_application(out, cast(), m_random, m_ids, "application.created");
        });
        m_application["applied_at"] = date_text(now());
        Json& custom_stage = m_application["stage"]["custom_stage"];
        custom_stage["id"] = m_hiring.stage_id(custom_stage["name"].get<std::string>());
        // Agency applications come from the job's one external recruiter.
        Json& source = m_application["source"];
        if (!source["recruiter"].is_null()) {
            if (m_hiring.agency_source.is_null()) {
                source["recruiter"]["id"] = m_hiring.job["assigned_team"]["recruiter_ids"][0];
                m_hiring.agency_source = source;
            }
            source = m_hiring.agency_source;
        }
        m_candidate = m_application["candidate"];
        m_candidate["tags"] = Json::array();
        m_candidate["application_ids"] = Json::array({m_cast.application_id});
        emit_application("application.created");
    }

    void review() {
        wait(1h, 2 * k_day);
        move_to("CV review");
        if (showcase(Fate::hired) || showcase(Fate::final_rejected) || maybe(25)) tag();
    }

    void phone_screen() {
        wait(30min, k_day);
        move_to("Phone screen");
        interview("phone", "Phone screen", Turn::held, false);
        if (showcase(Fate::hired) || maybe(50)) rate();
        if (showcase(Fate::hired) || showcase(Fate::final_rejected) || maybe(20)) {
            // The second is drawn first: the order GCC gave these draws as arguments of one
            // call (unspecified in C++), kept so that every compiler tells the same story.
            const bool second = showcase(Fate::final_rejected) || maybe(10);
            const bool first = showcase(Fate::hired) || maybe(30);
            note(first, second);
        }
    }

    void round(std::string_view stage) {
        const bool first = stage == "First interview";
        const Turn turn =
            (showcase(Fate::hired) && first) || maybe(12) ? Turn::rescheduled : Turn::held;
        const bool edited = (showcase(Fate::hired) && !first) || maybe(10);
        const std::string_view kind =
            first ? (maybe(70) ? "online" : "on_site") : (maybe(60) ? "on_site" : "online");
        wait(1h, k_day);
        move_to(stage);
        interview(kind, stage, turn, edited);
    }

    // The candidate takes another offer before their first interview, which is cancelled.
    void withdraw() {
        wait(1h, k_day);
        move_to("First interview");
        interview(maybe(70) ? "online" : "on_site", "First interview", Turn::cancelled, false);
        wait(5min, 2h);
        move_to("Withdrew");
        if (m_part.showcase || maybe(30)) {
            wait(k_day, 3 * k_day); // they asked for their data to be removed
            emit_application("application.deleted");
        }
    }

    void hire() {
        wait(2h, 2 * k_day);
        move_to("Offer sent");
        wait(k_day, 4 * k_day);
        move_to("Hired");
    }

    void reject() {
        if (!m_candidate["tags"].empty() && (showcase(Fate::final_rejected) || maybe(30))) untag();
        wait(30min, k_day);
        move_to("Not progressed");
    }

    void move_to(std::string_view stage) {
        set_stage(m_hiring, m_application, stage);
        emit_application("application.stage.updated");
    }

    void tag() {
        std::string_view name;
        bool taken = true;
        while (taken) {
            name = random_tag_name(m_random);
            taken = false;
            for (const auto& tag : m_candidate["tags"]) taken = taken || tag["name"] == name;
        }
        wait(5min, 4h);
        m_candidate["tags"].push_back({{"id", m_hiring.tag_id(name)}, {"name", name}});
        emit("candidate.tag.added", m_candidate);
    }

    void untag() {
        Json& tags = m_candidate["tags"];
        wait(5min, 4h);
        tags.erase(static_cast<std::size_t>(m_random.below(tags.size())));
        emit("candidate.tag.removed", m_candidate);
    }

    // The recruiter rates the candidate after speaking to them.
    void rate() {
        wait(10min, 3h);
        m_candidate["rating"] = progresses() ? m_random.between(3, 5) : m_random.between(1, 3);
        emit("candidate.updated", m_candidate);
    }

    void note(bool edited, bool deleted) {
        wait(5min, k_day);
        Json note = tree_of([&](JsonWriter& out) {
            write_note(out, cast(), m_random, m_ids, "candidate.note.created");
        });
        note["date_created"] = date_text(now());
        emit("candidate.note.created", note);
        if (edited) {
            wait(5min, 4h);
            note["text"] = note["text"].get<std::string>() + std::string(note_edit(m_random));
            emit("candidate.note.updated", shared_now(note));
        }
        if (deleted) {
            wait(1h, 2 * k_day);
            emit("candidate.note.deleted", shared_now(note));
        }
    }

    // The note's guest link as it stands now: expired once its date has passed.
    Json& shared_now(Json& note) const {
        Json& metadata = note["share"]["metadata"];
        const auto expires = time::parse_rfc3339(metadata["expires_at"].get<std::string>());
        metadata["expired"] = expires && *expires < now();
        return note;
    }

    CandidateEvents finish(bool open) {
        m_application["candidate"] = m_candidate;
        return {std::move(m_steps), std::move(m_application), open};
    }

    Part m_part;
};

} // namespace

CandidateEvents candidate_story(Hiring& hiring, const Part& part, Random random) {
    return CandidateStory(hiring, part, random).tell();
}

void set_stage(Hiring& hiring, Json& application, std::string_view name) {
    for (const auto& stage : k_pipeline) {
        if (stage.name != name) continue;
        application["stage"] = {
            {"parent_stage", stage.parent},
            {"custom_stage", {{"id", hiring.stage_id(name)}, {"name", std::string(name)}}}};
        return;
    }
    throw std::logic_error("no pipeline stage " + std::string(name));
}

OfficeTime some_time(Random& random, OfficeTime least, OfficeTime most) {
    return least + OfficeTime{static_cast<OfficeTime::rep>(
                       random.below(static_cast<std::uint64_t>((most - least).count()) + 1))};
}

} // namespace atshook::sample::story
