#include "atshook/render/formats.hpp"
#include "atshook/render/text/layout.hpp"

#include <fmt/format.h>

namespace atshook::render {
namespace {

// Where a piece of Markdown ends up decides how a line break is written.
enum class Place { block, cell };

std::string escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (std::string_view("\\`*_[]<>|#~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string code_span(std::string_view text) {
    // A backtick inside needs a longer fence, and spaces so the fence is not part of the code.
    if (text.find('`') == std::string_view::npos) return fmt::format("`{}`", text);
    return fmt::format("`` {} ``", text);
}

bool is_plain_url(std::string_view text) {
    return (text.starts_with("https://") || text.starts_with("http://")) &&
           text.find_first_of(" <>\n") == std::string_view::npos;
}

class MarkdownWriter {
public:
    explicit MarkdownWriter(bool ascii) : m_ascii(ascii) {}

    std::string inline_text(const Rich& rich, Place place) const {
        std::string out;
        for (const auto& span : rich) out += inline_span(span, place);
        return out;
    }

    std::string render(const Card& card) const {
        Rich title = card.title; // a heading is bold already
        for (auto& span : title)
            if (span.tone == Tone::strong) span.tone = Tone::plain;
        std::string out = "### " + inline_text(title, Place::cell) + "\n\n";
        out += code_span(clean_text(card.event_type, m_ascii));
        if (!card.timestamp.empty())
            out += separator() + escape(clean_text(card.timestamp, m_ascii));
        if (!card.meaning.empty()) out += separator() + escape(card.meaning);
        out += "\n";
        for (const auto& section : card.sections) out += render_section(section);
        if (!card.footer.empty()) out += "\n" + inline_text(card.footer, Place::block) + "\n";
        return out;
    }

private:
    std::string separator() const { return m_ascii ? " - " : " \u00b7 "; }

    std::string inline_span(const Span& span, Place place) const {
        const std::string text = unglue(clean_text(span.text, m_ascii));
        // Markers must touch the text: surrounding spaces go outside them.
        const auto first = text.find_first_not_of(' ');
        if (first == std::string::npos) return text;
        const auto last = text.find_last_not_of(' ');
        const std::string lead = text.substr(0, first), trail = text.substr(last + 1);
        const std::string inner = text.substr(first, last - first + 1);
        if (span.tone == Tone::code) return lead + code_span(inner) + trail;
        if (span.tone == Tone::link && is_plain_url(inner)) return lead + "<" + inner + ">" + trail;
        std::string body;
        const std::string newline = place == Place::cell ? "<br>" : "  \n  ";
        for (const char c : escape(inner)) {
            if (c == '\n')
                body += newline;
            else
                body += c;
        }
        const bool emphasis =
            span.tone == Tone::strong || span.tone == Tone::heading || span.tone == Tone::alert;
        return emphasis ? lead + "**" + body + "**" + trail : lead + body + trail;
    }

    std::string render_section(const Section& section) const {
        std::string out = "\n";
        if (!section.title.empty()) {
            Rich title = section.title;
            for (auto& span : title)
                if (span.tone == Tone::heading) span.tone = Tone::plain;
            out += "#### " + inline_text(title, Place::cell) + "\n\n";
        }
        for (const auto& field : section.fields)
            out += fmt::format("- **{}:** {}\n", escape(field.label),
                               inline_text(field.value, Place::block));
        if (section.table) {
            if (!section.fields.empty()) out += "\n";
            out += render_table(*section.table);
        }
        for (const auto& paragraph : section.paragraphs) {
            if (!section.fields.empty() || section.table || &paragraph != &section.paragraphs[0])
                out += "\n";
            std::string text = inline_text(paragraph, Place::block);
            // Paragraph text starts at the margin, not indented like list items.
            for (std::size_t pos = 0; (pos = text.find("  \n  ", pos)) != std::string::npos;)
                text.replace(pos, 5, "  \n"), pos += 3;
            out += text + "\n";
        }
        return out;
    }

    std::string render_table(const Table& table) const {
        std::string out = "|";
        for (const auto& header : table.headers)
            out += " " + (header.empty() ? std::string() : escape(header)) + " |";
        out += "\n|";
        for (std::size_t c = 0; c < table.headers.size(); ++c) out += " --- |";
        out += "\n";
        for (const auto& row : table.rows) {
            out += "|";
            for (const auto& cell : row) out += " " + inline_text(cell, Place::cell) + " |";
            out += "\n";
        }
        return out;
    }

    bool m_ascii;
};

} // namespace

std::string render_markdown(const Card& card, bool ascii) {
    return MarkdownWriter(ascii).render(card);
}

} // namespace atshook::render
