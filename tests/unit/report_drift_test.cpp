// drift's records in text and JSON, from hand-built changes.
#include "atshook/report/emitter.hpp"

#include <doctest/doctest.h>

using atshook::learn::Change;
using atshook::learn::ChangeKind;
using atshook::learn::Drift;
using atshook::learn::Impact;

namespace {

Drift one_change() {
    Change change{};
    change.event = "job.created";
    change.pointer = "/data/object/title";
    change.kind = ChangeKind::presence_changed;
    change.impact = Impact::breaking;
    change.before = {400, 400};
    change.after = {399, 400};
    change.first = {"week\x1b.ndjson", 7, "/data/object/title"};
    Drift drift;
    drift.changes.push_back(change);
    drift.event_types = 2;
    drift.before_documents = 400;
    drift.after_documents = 400;
    return drift;
}

} // namespace

TEST_CASE("drift text: a share that is not all is never shown as 100%, names are escaped") {
    const Drift drift = one_change();
    std::string out;
    atshook::report::make_text_emitter(false)->drift(out, {drift});
    CHECK(out == "week\\x1b.ndjson:7: breaking: job.created /data/object/title: presence changed: "
                 "was in 100% of 400 objects, now in 99% of 400 objects [presence-changed]\n"
                 "drift: 1 breaking, 0 additive changes in 1 of 2 event types (400 documents "
                 "then 400 documents)\n");
}

TEST_CASE("drift json: an object per change, then the summary") {
    const Drift drift = one_change();
    std::string out;
    atshook::report::make_json_emitter()->drift(out, {drift});
    CHECK(out ==
          R"({"record":"change","event":"job.created","pointer":"/data/object/title",)"
          R"("change":"presence-changed","impact":"breaking","old":{"count":400,"of":400},)"
          R"("new":{"count":399,"of":400},"was":[],"now":[],"added":[],"removed":[],)"
          R"("first":{"source":"week\u001b.ndjson","line":7,"pointer":"/data/object/title"},)"
          R"("message":"presence changed: was in 100% of 400 objects, now in 99% of 400 objects"})"
          "\n"
          R"({"record":"summary","breaking":1,"additive":0,"event_types":2,)"
          R"("changed_event_types":1,"old_documents":400,"new_documents":400})"
          "\n");
}
