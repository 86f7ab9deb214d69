#include "atshook/delivery/request_text.hpp"

#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/json_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace atshook::delivery {

UrlParts split_url(std::string_view url, std::string_view option) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0 || url.size() == scheme_end + 3)
        throw Error(fmt::format("{} '{}' is not an absolute URL like "
                                "http://localhost:8080/webhooks/hirehive",
                                option, url),
                    Error::Kind::usage);
    const auto path_start = url.find_first_of("/?", scheme_end + 3);
    UrlParts parts;
    parts.host = std::string(url.substr(scheme_end + 3, path_start - (scheme_end + 3)));
    parts.target = path_start == std::string_view::npos ? "/" : std::string(url.substr(path_start));
    if (parts.target.front() == '?') parts.target.insert(0, "/");
    return parts;
}

std::string http_request_text(std::string_view url, const std::vector<Header>& headers,
                              std::string_view body) {
    const UrlParts parts = split_url(url, "--url");
    atshook::HttpRequest request{"POST", parts.target, "HTTP/1.1", {}, std::string(body)};
    request.headers.push_back({"Host", parts.host});
    for (const auto& header : headers) request.headers.push_back({header.name, header.value});
    return format_http_request(request);
}

std::string shell_quote(std::string_view text) {
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string curl_command(std::string_view url, const std::vector<Header>& headers,
                         std::string_view body) {
    split_url(url, "--url");
    std::string text = fmt::format("printf '%s' {} | curl --silent --show-error --request POST {}",
                                   shell_quote(body), shell_quote(url));
    for (const auto& header : headers)
        text += " --header " + shell_quote(fmt::format("{}: {}", header.name, header.value));
    return text + " --data-binary @-\n";
}

std::string curl_command_for_file(std::string_view url, const std::vector<Header>& headers,
                                  std::string_view body_file) {
    split_url(url, "--url");
    std::string text = fmt::format("curl --request POST {} \\\n", shell_quote(url));
    for (const auto& header : headers)
        text += fmt::format("  --header {} \\\n",
                            shell_quote(fmt::format("{}: {}", header.name, header.value)));
    const std::string source = body_file == "-" ? "@-" : shell_quote("@" + std::string(body_file));
    return text + "  --data-binary " + source + "\n";
}

std::string delivery_json(const std::vector<Header>& headers, std::optional<std::string_view> body,
                          int indent) {
    nlohmann::ordered_json json;
    for (const auto& header : headers)
        if (header.name != "Content-Type") json["headers"][header.name] = header.value;
    if (body) json["body"] = *body;
    return json_text(json, indent);
}

} // namespace atshook::delivery
