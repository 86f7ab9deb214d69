#include "atshook/render/card/card.hpp"
#include "atshook/render/formats.hpp"
#include "atshook/render/text/layout.hpp"

#include <algorithm>
#include <numeric>

namespace atshook::render {
namespace {

// Wide enough for the longest event type in the frame.
constexpr int k_min_width = 36;
// Wider cards are no easier to read, and a huge COLUMNS must not exhaust memory.
constexpr int k_max_width = 1000;
constexpr int k_gap = 2; // between table columns

std::string spaces(int n) {
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// Lays a card out as lines of at most `m_inner` columns, then frames them.
class TextCard {
public:
    TextCard(const RenderOptions& options, const Glyphs& glyphs)
        : m_options(options), m_glyphs(glyphs), m_width(std::clamp(options.width, k_min_width, k_max_width)),
          m_inner(m_width - 4) {}

    std::string render(const Card& card) {
        for (auto& line : wrap(clean(card.title), m_inner)) m_lines.push_back(std::move(line));
        if (!card.meaning.empty()) add_wrapped({{card.meaning, Tone::muted}}, 0);
        if (!timestamp_fits(card)) add_wrapped({{"sent " + card.timestamp, Tone::muted}}, 0);
        for (const auto& section : card.sections) add_section(section);
        if (!card.footer.empty()) {
            m_lines.emplace_back();
            add_wrapped(card.footer, 0);
        }
        return frame(card);
    }

private:
    Rich clean(const Rich& rich) const {
        Rich out;
        for (const auto& span : rich)
            out.push_back({clean_text(span.text, m_options.ascii), span.tone});
        return out;
    }

    void add_wrapped(const Rich& rich, int indent) {
        for (auto& line : wrap(clean(rich), m_inner - indent)) {
            line.insert(line.begin(), Span{spaces(indent)});
            m_lines.push_back(std::move(line));
        }
    }

    void add_section(const Section& section) {
        m_lines.emplace_back();
        int indent = 0;
        if (!section.title.empty()) {
            add_wrapped(section.title, 0);
            indent = 2;
        }
        add_fields(section.fields, indent);
        if (section.table) add_table(*section.table, indent);
        for (const auto& paragraph : section.paragraphs) add_wrapped(paragraph, indent);
    }

    void add_fields(const std::vector<Field>& fields, int indent) {
        if (fields.empty()) return;
        int label_width = 0;
        for (const auto& field : fields)
            label_width = std::max(label_width, display_width(field.label));
        label_width += 2;
        const int value_width = m_inner - indent - label_width;
        for (const auto& field : fields) {
            const Span label{field.label, Tone::muted};
            if (value_width < 16) { // too narrow for two columns: the value goes below its label
                m_lines.push_back({Span{spaces(indent)}, label});
                add_wrapped(field.value, indent + 2);
                continue;
            }
            bool first = true;
            for (auto& line : wrap(clean(field.value), value_width)) {
                Rich prefix{Span{spaces(indent)}};
                if (first)
                    prefix.insert(prefix.end(),
                                  {label, Span{spaces(label_width - display_width(field.label))}});
                else
                    prefix.push_back(Span{spaces(label_width)});
                line.insert(line.begin(), prefix.begin(), prefix.end());
                m_lines.push_back(std::move(line));
                first = false;
            }
        }
    }

    void add_table(const Table& table, int indent) {
        const std::size_t columns = table.headers.size();
        std::vector<int> widths(columns), minimum(columns);
        for (std::size_t c = 0; c < columns; ++c) {
            widths[c] = display_width(table.headers[c]);
            minimum[c] = widths[c];
            for (const auto& row : table.rows) {
                const Rich cell = clean(row[c]);
                for (const auto& line : wrap(cell, 1 << 20))
                    widths[c] = std::max(widths[c], display_width(line));
                minimum[c] = std::max(minimum[c], std::min(longest_word(cell), 12));
            }
            minimum[c] = std::min(minimum[c], widths[c]);
        }
        const int available = m_inner - indent;
        const int gaps = k_gap * static_cast<int>(columns - 1);
        auto total = [&] { return std::accumulate(widths.begin(), widths.end(), 0) + gaps; };
        if (std::accumulate(minimum.begin(), minimum.end(), 0) + gaps > available) {
            add_stacked(table, indent);
            return;
        }
        // Narrow the widest column that can still give, one column at a time: first down to
        // its longest word (wrapping at spaces), and only then splitting words such as emails.
        std::vector<int> words_fit(columns);
        for (std::size_t c = 0; c < columns; ++c) {
            words_fit[c] = std::max(display_width(table.headers[c]), minimum[c]);
            for (const auto& row : table.rows)
                words_fit[c] = std::max(words_fit[c], longest_word(clean(row[c])));
            words_fit[c] = std::min(words_fit[c], widths[c]);
        }
        for (const auto* floor : {&words_fit, &minimum}) {
            while (total() > available) {
                std::size_t widest = columns;
                for (std::size_t c = 0; c < columns; ++c)
                    if (widths[c] > (*floor)[c] &&
                        (widest == columns || widths[c] > widths[widest]))
                        widest = c;
                if (widest == columns) break;
                --widths[widest];
            }
        }
        std::vector<Rich> header;
        Rich rule;
        for (std::size_t c = 0; c < columns; ++c)
            header.push_back({{table.headers[c], Tone::strong}});
        add_row(header, widths, indent);
        for (std::size_t c = 0; c < columns; ++c) {
            if (c > 0) rule.push_back({spaces(k_gap)});
            rule.push_back({repeat(m_glyphs.rule, widths[c]), Tone::muted});
        }
        rule.insert(rule.begin(), Span{spaces(indent)});
        m_lines.push_back(std::move(rule));
        for (const auto& row : table.rows) add_row(row, widths, indent);
    }

    void add_row(const std::vector<Rich>& row, const std::vector<int>& widths, int indent) {
        std::vector<std::vector<Rich>> cells;
        std::size_t height = 0;
        for (std::size_t c = 0; c < row.size(); ++c) {
            cells.push_back(wrap(clean(row[c]), widths[c]));
            height = std::max(height, cells.back().size());
        }
        for (std::size_t i = 0; i < height; ++i) {
            Rich line{Span{spaces(indent)}};
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (c > 0) line.push_back({spaces(k_gap)});
                const Rich part = i < cells[c].size() ? cells[c][i] : Rich{};
                line.insert(line.end(), part.begin(), part.end());
                if (c + 1 < cells.size()) line.push_back({spaces(widths[c] - display_width(part))});
            }
            m_lines.push_back(std::move(line));
        }
    }

    // A table too wide for the card: each row becomes its first cell and labelled fields.
    void add_stacked(const Table& table, int indent) {
        for (const auto& row : table.rows) {
            add_wrapped(row[0], indent);
            std::vector<Field> fields;
            for (std::size_t c = 1; c < row.size(); ++c)
                fields.push_back({table.headers[c], row[c]});
            add_fields(fields, indent + 2);
        }
    }

    // The top border carries the event type and, when there is room, the timestamp.
    bool timestamp_fits(const Card& card) const {
        if (card.timestamp.empty()) return true;
        return 3 + display_width(card.event_type) + 2 + display_width(card.timestamp) + 3 + 1 <=
               m_width;
    }

    std::string frame(const Card& card) const {
        const bool color = m_options.color;
        const Tone frame_tone = card.alarm ? Tone::bad : Tone::muted;
        const std::string h(m_glyphs.horizontal);
        Rich top{
            {std::string(m_glyphs.top_left) + h + " ", frame_tone},
            {clean_text(card.event_type, m_options.ascii), card.alarm ? Tone::alert : Tone::strong},
            {" ", Tone::plain}};
        Rich right{{" ", Tone::plain},
                   {clean_text(card.timestamp, m_options.ascii), Tone::muted},
                   {" " + h + std::string(m_glyphs.top_right), frame_tone}};
        if (card.timestamp.empty() || !timestamp_fits(card))
            right = {{h + std::string(m_glyphs.top_right), frame_tone}};
        const int fill = m_width - display_width(top) - display_width(right);
        top.push_back({repeat(h, fill), frame_tone});
        top.insert(top.end(), right.begin(), right.end());

        std::string out = paint(top, color) + "\n";
        const Rich side{{std::string(m_glyphs.vertical), frame_tone}};
        for (const auto& line : m_lines) {
            out += paint(side, color) + " " + paint(line, color);
            out += spaces(m_inner - display_width(line)) + " " + paint(side, color) + "\n";
        }
        const Rich bottom{{std::string(m_glyphs.bottom_left) + repeat(h, m_width - 2) +
                               std::string(m_glyphs.bottom_right),
                           frame_tone}};
        return out + paint(bottom, color) + "\n";
    }

    const RenderOptions& m_options;
    const Glyphs& m_glyphs;
    int m_width;
    int m_inner;
    std::vector<Rich> m_lines;
};

} // namespace

std::string render_text(const Card& card, const RenderOptions& options) {
    return TextCard(options, glyphs_for(options.ascii)).render(card);
}

} // namespace atshook::render
