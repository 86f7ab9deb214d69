#include "atshook/schema/store.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/schema/embedded.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

namespace atshook::schema {
namespace {

using json = nlohmann::json;

std::string file_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string event_file(std::string_view event) {
    if (!find_event(event)) throw Error(fmt::format("\"{}\" is not a HireHive event type", event));
    return fmt::format("{}.json", event);
}

// Rewrites every $ref below `schema` to a local "#/definitions/<name>", copying each target
// (and what it refers to) into `definitions` once.
class Bundler {
public:
    explicit Bundler(const SchemaDocuments& documents) : m_documents(documents) {}

    void rewrite(json& schema, const std::string& file) {
        if (schema.is_array()) {
            for (auto& item : schema) rewrite(item, file);
            return;
        }
        if (!schema.is_object()) return;
        for (auto& [key, value] : schema.items()) {
            if (key == "$ref" && value.is_string())
                value = "#/definitions/" + add(file, value);
            else if (key != "enum" && key != "const" && key != "examples" && key != "default")
                rewrite(value, file);
        }
    }

    json take_definitions() { return std::move(m_definitions); }

private:
    std::string add(const std::string& file, const std::string& ref) {
        const std::size_t hash = ref.find('#');
        const std::string target = hash == 0 ? file : file_name(ref.substr(0, hash));
        const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
        constexpr std::string_view k_prefix = "/definitions/";
        if (!pointer.starts_with(k_prefix) ||
            pointer.find('/', k_prefix.size()) != std::string::npos)
            throw Error(fmt::format("cannot bundle $ref \"{}\" in {}", ref, file));
        const std::string stem = target.substr(0, target.rfind(".json"));
        const std::string name = stem + "." + pointer.substr(k_prefix.size());
        if (m_definitions.contains(name)) return name;
        const auto document = m_documents.find(target);
        if (document == m_documents.end())
            throw Error(fmt::format("$ref \"{}\" in {} names an unknown file", ref, file));
        m_definitions[name] = json::object(); // reserve: recursive references stop here
        json copy = document->second.at(json::json_pointer(pointer));
        rewrite(copy, target);
        m_definitions[name] = std::move(copy);
        return name;
    }

    const SchemaDocuments& m_documents;
    json m_definitions = json::object();
};

// Adds null to what an optional member accepts (lenient mode's reading, in standard terms).
void allow_null(json& schema) {
    if (schema.is_object() && schema.contains("type") && !schema.contains("enum") &&
        !schema.contains("const")) {
        json& type = schema["type"];
        if (type.is_string()) type = json::array({type});
        if (std::find(type.begin(), type.end(), "null") == type.end()) type.push_back("null");
        return;
    }
    if (schema.is_object() && schema.contains("enum") && !schema.contains("type")) {
        if (std::find(schema["enum"].begin(), schema["enum"].end(), nullptr) ==
            schema["enum"].end())
            schema["enum"].push_back(nullptr);
        return;
    }
    schema = json{{"anyOf", json::array({json{{"type", "null"}}, schema})}};
}

// Makes the standard reading of `schema` match ats-hook's `mode`, in place, recursively.
void apply_mode(json& schema, Mode mode) {
    if (schema.is_array()) {
        for (auto& item : schema) apply_mode(item, mode);
        return;
    }
    if (!schema.is_object()) return;
    for (auto& [key, value] : schema.items())
        if (key != "enum" && key != "const" && key != "examples" && key != "default")
            apply_mode(value, mode);
    const auto properties = schema.find("properties");
    if (properties == schema.end() || !properties->is_object()) return;
    if (mode == Mode::strict) {
        json required = json::array();
        for (const auto& [name, _] : properties->items()) required.push_back(name);
        schema["required"] = required;
        return;
    }
    if (mode == Mode::lenient) {
        std::set<std::string> required;
        if (schema.contains("required"))
            for (const auto& name : schema["required"]) required.insert(name.get<std::string>());
        for (auto& [name, sub] : properties->items())
            if (!required.count(name)) allow_null(sub);
        schema.erase("additionalProperties"); // unknown members are only warnings
    }
}

} // namespace

const SchemaDocuments& embedded_documents() {
    // Built once and never destroyed: freeing the trees at exit cost a one-file validate a tenth
    // of its instructions, for memory the process gives back anyway.
    static const SchemaDocuments& documents = *new SchemaDocuments([] {
        SchemaDocuments out;
        // simdjson reads them (nlohmann's own parser was a third of a one-file validate).
        simdjson::dom::parser parser;
        for (const auto& file : embedded_files()) {
            simdjson::dom::element root;
            if (const auto code = parser.parse(file.text.data(), file.text.size()).get(root))
                throw Error(fmt::format("embedded schema {} is not valid JSON: {}", file.name,
                                        simdjson::error_message(code)));
            out.emplace(file_name(file.name), json_tree<json>(root));
        }
        return out;
    }());
    return documents;
}

CheckTree compile_event(std::string_view event, Mode mode) {
    return compile(embedded_documents(), event_file(event), mode);
}

json export_event_schema(std::string_view event, Mode mode) {
    const std::string file = event_file(event);
    json schema = embedded_documents().at(file);
    Bundler bundler(embedded_documents());
    bundler.rewrite(schema, file);
    json definitions = bundler.take_definitions();
    schema.erase("$id");
    if (mode != Mode::standard) {
        apply_mode(schema, mode);
        apply_mode(definitions, mode);
    }
    schema["definitions"] = std::move(definitions);
    return schema;
}

json export_all_events_schema(Mode mode) {
    json all = {{"$schema", "http://json-schema.org/draft-07/schema#"},
                {"title", "Any HireHive webhook event"},
                {"description", "A HireHive webhook payload of any of the 19 event types."}};
    json any_of = json::array();
    json definitions = json::object();
    for (const auto& event : all_events()) {
        json schema = export_event_schema(event.name, mode);
        for (auto& [name, definition] : schema["definitions"].items())
            definitions[name] = std::move(definition);
        schema.erase("definitions");
        schema.erase("$schema");
        const std::string name = "event." + std::string(event.name);
        definitions[name] = std::move(schema);
        any_of.push_back({{"$ref", "#/definitions/" + name}});
    }
    all["anyOf"] = std::move(any_of);
    all["definitions"] = std::move(definitions);
    return all;
}

std::string schema_version() {
    static const std::string version = [] {
        std::vector<EmbeddedFile> files(embedded_files().begin(), embedded_files().end());
        std::sort(files.begin(), files.end(),
                  [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.name < b.name; });
        const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                              EVP_MD_CTX_free);
        bool ok = context && EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) == 1;
        const char separator = '\0';
        for (const auto& file : files)
            ok = ok && EVP_DigestUpdate(context.get(), file.name.data(), file.name.size()) == 1 &&
                 EVP_DigestUpdate(context.get(), &separator, 1) == 1 &&
                 EVP_DigestUpdate(context.get(), file.text.data(), file.text.size()) == 1 &&
                 EVP_DigestUpdate(context.get(), &separator, 1) == 1;
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!ok || EVP_DigestFinal_ex(context.get(), digest, &length) != 1 || length < 8)
            throw Error("cannot compute SHA-256 of the embedded schemas (OpenSSL failed)");
        std::string out = "sha256:";
        for (unsigned int i = 0; i < 8; ++i) out += fmt::format("{:02x}", digest[i]);
        return out;
    }();
    return version;
}

std::string schema_provenance(std::string_view event) {
    const json& schema = embedded_documents().at(event_file(event));
    const std::string comment = schema.value("$comment", "");
    constexpr std::string_view k_prefix = "provenance: ";
    return comment.starts_with(k_prefix) ? comment.substr(k_prefix.size()) : "";
}

} // namespace atshook::schema
