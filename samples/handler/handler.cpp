// A minimal HireHive webhook handler: reads one delivery (an HTTP request, as
// `ats-hook listen --save` keeps it) on stdin, verifies its signature with the key in
// $WEBHOOK_SECRET, validates the payload and prints what it is about. A real handler does the
// same with the request its web framework hands it.
//
//   WEBHOOK_SECRET=whsec_... ./handler [--now UNIX_SECONDS] < delivery.http
//
// Exit status: 0 handled, 1 rejected (the status a handler would answer is printed), 2 usage.
#include <atshook/atshook.hpp>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace api = atshook::api;

int main(int argc, char** argv) {
    const char* secret = std::getenv("WEBHOOK_SECRET");
    if (!secret) {
        std::cerr << "handler: set WEBHOOK_SECRET to the endpoint's whsec_ key\n";
        return 2;
    }
    std::int64_t now = std::time(nullptr);
    if (argc == 3 && std::string(argv[1]) == "--now") {
        now = std::stoll(argv[2]); // to check recorded deliveries at the time they were sent
    } else if (argc != 1) {
        std::cerr << "usage: handler [--now UNIX_SECONDS] < delivery.http\n";
        return 2;
    }

    try {
        const std::string bytes{std::istreambuf_iterator<char>(std::cin), {}};
        const api::Request request = api::parse_request(bytes, "stdin");

        std::vector<api::Key> keys;
        keys.push_back(api::Key::parse(secret, "WEBHOOK_SECRET"));

        // Verify the exact bytes received, before parsing them as JSON.
        const api::Verification verified = api::verify(request.headers, request.body, keys, now);
        if (!verified.ok()) {
            std::cout << "401 " << verified.code << ": " << verified.detail << "\n";
            for (const auto& hint : verified.hints) std::cout << "  hint: " << hint << "\n";
            return 1;
        }

        api::Validator validator;
        const api::Validation validation = validator.validate(request.body);
        if (validation.status == api::Validation::Status::unreadable) {
            std::cout << "400 not JSON: " << validation.error << "\n";
            return 1;
        }
        if (!validation.ok()) {
            std::cout << "400 invalid " << validation.event_type << " payload\n";
            for (const auto& finding : validation.findings)
                if (finding.error)
                    std::cout << "  " << finding.pointer << ": " << finding.message << "\n";
            return 1;
        }

        const api::Event event = api::read_event(request.body);
        std::cout << "200 " << event.type << " " << event.object_id.value_or("(no id)")
                  << (event.documented ? "" : " (schema inferred)") << "\n";
        if (event.interview) {
            std::cout << "  " << event.interview->title.value_or("(untitled)") << " at "
                      << event.interview->start.value_or("?") << "\n";
            for (const auto& attendee : event.interview->attendees)
                std::cout << "  - " << attendee.name.value_or("?") << " ("
                          << attendee.status.value_or("?") << ")\n";
        }
        return 0;
    } catch (const api::Error& e) {
        std::cout << "400 " << e.what() << "\n";
        return 1;
    }
}
