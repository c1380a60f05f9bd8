// Sign schedules (.csv, .xlsx): a spreadsheet a row per sign. Which column holds the
// message, the sign id and the location comes from the project file or a header row.
// Each message is one paragraph of prose; findings carry "sign ID at LOCATION".
#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "formats/text_builder.hpp"
#include "formats/xml_text.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

namespace touchpoint {
namespace {

struct Cell {
    std::string text;
    // Where the text stands in the source: a verbatim range, or escapes to map.
    size_t source_begin = 0;
    size_t source_size = 0;
    bool quoted = false;
};

using Row = std::vector<Cell>;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

bool one_of(const std::string& name, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (name == n) return true;
    return false;
}

struct Columns {
    int message = -1, id = -1, location = -1;
    bool header = false;
    // Further columns of the message, each in a declared language; and the main
    // column's declared language, if any.
    std::vector<std::pair<int, std::string>> translations;
    std::string message_language;
};

bool is_message_name(const std::string& name) {
    return one_of(name, {"message", "text", "sign text", "copy", "wording", "content", "legend", "message text"});
}

// A header naming a message column in a language: "Message (es)", "Text ES", "message_es",
// "Spanish", "Español", "English". Returns the language, or empty.
std::string header_language(const std::string& name) {
    static const std::pair<const char*, const char*> names[] = {
        {"english", "en"}, {"ingles", "en"}, {"ingl\xC3\xA9s", "en"},  {"spanish", "es"}, {"espanol", "es"},
        {"espa\xC3\xB1ol", "es"}, {"french", "fr"}, {"fran\xC3\xA7" "ais", "fr"}, {"mensaje", "es"}, {"texto", "es"}};
    for (const auto& [known, lang] : names)
        if (name == known) return lang;
    size_t cut = name.find_last_of(" _-([");
    if (cut == std::string::npos || cut + 1 >= name.size()) return {};
    std::string tag = name.substr(cut + 1), base = name.substr(0, cut);
    if (!tag.empty() && (tag.back() == ')' || tag.back() == ']')) tag.pop_back();
    if (name[cut] == '-' && base.size() > 2 && base[base.size() - 3] == ' ') {  // "message (es-mx)"
        tag = name.substr(base.size() - 2);
        base = base.substr(0, base.size() - 3);
        if (!tag.empty() && tag.back() == ')') tag.pop_back();
    }
    while (!base.empty() && (base.back() == ' ' || base.back() == '(' || base.back() == '[' || base.back() == '_')) base.pop_back();
    if (!is_message_name(base)) return {};
    bool letters = tag.size() >= 2 && tag.size() <= 5 &&
                   std::all_of(tag.begin(), tag.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
    return letters && tag.size() != 4 ? tag : std::string();
}

// A spreadsheet has at most 16,384 columns (A to XFD) and 1,048,576 rows.
constexpr int max_columns = 16384;

// A sheet's row numbers are the lines findings report, an int. A valid sheet stops at
// 1,048,576, but a larger number costs nothing to keep, so only an int's limit applies.
constexpr uint64_t max_row_number = std::numeric_limits<int>::max();

// A whole number of at most `max`, digits only; nullopt for anything else ("abc", "-5",
// "", a number past `max`), without overflowing on any length of digits.
std::optional<uint64_t> whole_number(std::string_view text, uint64_t max) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + uint64_t(c - '0');
    }
    if (value > max) return std::nullopt;
    return value;
}

// "B12" -> 1 (0-based); nullopt when the reference has no column letters or names a
// column past XFD. Stops counting letters before an int could overflow.
std::optional<int> column_of(std::string_view reference) {
    int column = 0;
    size_t letters = 0;
    while (letters < reference.size() && reference[letters] >= 'A' && reference[letters] <= 'Z') {
        column = column * 26 + (reference[letters] - 'A' + 1);
        if (column > max_columns) return std::nullopt;
        ++letters;
    }
    if (letters == 0) return std::nullopt;
    return column - 1;
}

// A column named by the project file: a header name, a 1-based number or a letter.
int find_column(const std::string& wanted, const Row& header) {
    if (wanted.empty()) return -1;
    if (std::all_of(wanted.begin(), wanted.end(), [](unsigned char c) { return std::isdigit(c); })) {
        auto number = whole_number(wanted, max_columns);
        if (!number || *number == 0)
            throw FormatError("the project file's <schedule> names column " + wanted + "; columns are numbered 1 to 16384");
        return int(*number) - 1;
    }
    if (wanted.size() <= 2 && std::all_of(wanted.begin(), wanted.end(), [](unsigned char c) { return std::isupper(c); }))
        return *column_of(wanted);  // two letters are at most ZZ, column 702
    for (size_t i = 0; i < header.size(); ++i)
        if (lower(header[i].text) == lower(wanted)) return int(i);
    throw FormatError("it has no column '" + wanted + "' (the project file's <schedule>)");
}

Columns choose_columns(const std::vector<Row>& rows, const ScheduleColumns& configured) {
    Columns columns;
    if (rows.empty()) return columns;
    const Row& first = rows.front();
    for (size_t i = 0; i < first.size(); ++i) {
        std::string name = lower(first[i].text);
        if (std::string lang = header_language(name); !lang.empty()) columns.translations.emplace_back(int(i), lang);
        else if (is_message_name(name)) columns.message = int(i);
        else if (one_of(name, {"id", "sign id", "sign", "sign no", "sign number", "number", "no", "code", "sign code"})) columns.id = int(i);
        else if (one_of(name, {"location", "room", "place", "where", "area", "floor", "position"})) columns.location = int(i);
    }
    columns.header = columns.message >= 0 || columns.id >= 0 || columns.location >= 0 || !columns.translations.empty();
    // The project file's language columns add to the header's, or say another language
    // for one of them.
    size_t width = 0;
    for (const Row& row : rows) width = std::max(width, row.size());
    auto configured_column = [&](const std::string& wanted) {
        int column = find_column(wanted, first);
        if (column >= 0 && size_t(column) >= width)
            throw FormatError("it has no column " + wanted + " (the project file's <schedule>); its rows have " +
                              std::to_string(width) + (width == 1 ? " column" : " columns"));
        return column;
    };
    for (const auto& translation : configured.translations) {
        const std::string& lang = translation.first;
        int column = configured_column(translation.second);
        std::erase_if(columns.translations, [&](const auto& t) { return t.first == column || t.second == lang; });
        if (columns.message == column) columns.message = -1;
        columns.translations.emplace_back(column, lang);
    }
    // Without a plain message column, the first language column is the main one.
    if (columns.message < 0 && configured.message.empty() && !columns.translations.empty()) {
        columns.message = columns.translations.front().first;
        columns.message_language = columns.translations.front().second;
        columns.translations.erase(columns.translations.begin());
    }
    std::erase_if(columns.translations, [&](const auto& t) { return t.first == columns.message; });
    if (!configured.message.empty()) columns.message = configured_column(configured.message);
    if (!configured.id.empty()) columns.id = configured_column(configured.id);
    if (!configured.location.empty()) columns.location = configured_column(configured.location);
    if (columns.message < 0) {
        // No header to go by: the message is the column with the most words.
        std::map<int, size_t> spaces;
        for (const Row& row : rows)
            for (size_t i = 0; i < row.size(); ++i) spaces[int(i)] += size_t(std::count(row[i].text.begin(), row[i].text.end(), ' ')) + 1;
        columns.message = std::max_element(spaces.begin(), spaces.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
        if (columns.id < 0 && columns.message != 0) columns.id = 0;
        if (columns.location < 0 && first.size() >= 3 && columns.message != 1 && columns.id != 1) columns.location = 1;
    }
    return columns;
}

std::string cell(const Row& row, int column) { return column >= 0 && size_t(column) < row.size() ? row[size_t(column)].text : ""; }

// The message columns, the main one first, with their declared languages.
std::vector<std::pair<int, std::string>> message_columns(const Columns& columns) {
    std::vector<std::pair<int, std::string>> all{{columns.message, columns.message_language}};
    all.insert(all.end(), columns.translations.begin(), columns.translations.end());
    return all;
}

// A row's non-empty message cells, the main one first, with their declared languages.
std::vector<std::pair<const Cell*, std::string>> message_cells(const Row& row, const Columns& columns) {
    std::vector<std::pair<const Cell*, std::string>> cells;
    for (const auto& [column, lang] : message_columns(columns))
        if (column >= 0 && size_t(column) < row.size() && !row[size_t(column)].text.empty())
            cells.emplace_back(&row[size_t(column)], lang);
    return cells;
}

void copy_cell(TextBuilder& builder, std::string_view source, const Cell& message) {
        if (message.quoted) {
            // "" stands for one quote inside a quoted CSV field.
            size_t done = 0;
            std::string_view raw = source.substr(message.source_begin, message.source_size);
            for (size_t at = raw.find("\"\""); at != std::string_view::npos; at = raw.find("\"\"", at + 2)) {
                builder.verbatim(message.source_begin + done, at - done);
                builder.replaced("\"", message.source_begin + at, 2);
                done = at + 2;
            }
            builder.verbatim(message.source_begin + done, raw.size() - done);
        } else {
            builder.verbatim(message.source_begin, message.source_size);
        }
}

// Messages as paragraphs, each with its sign's id and location; a row's messages in
// several languages are the lines of one paragraph, each in its column's language.
Extracted signs(std::string_view source, const std::vector<Row>& rows, const Columns& columns) {
    TextBuilder builder(source);
    Extracted out;
    for (size_t r = columns.header ? 1 : 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        auto cells = message_cells(row, columns);
        if (cells.empty()) continue;
        builder.paragraph_break();
        uint32_t begin = uint32_t(builder.text().size());
        for (size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) builder.replaced("\n", cells[c].first->source_begin, 0);
            builder.set_language(cells[c].second);
            copy_cell(builder, source, *cells[c].first);
            builder.set_language({});
        }
        std::string id = cell(row, columns.id), location = cell(row, columns.location);
        std::string label = id.empty() ? "" : "sign " + id;
        if (!location.empty()) label += (label.empty() ? "at " : " at ") + location;
        if (!label.empty()) out.contexts.push_back({begin, uint32_t(builder.text().size()), label});
    }
    out.text = builder.take_text();
    out.runs = builder.take_runs();
    out.languages = builder.take_languages();
    return out;
}

char detect_delimiter(std::string_view source) {
    std::string_view first = source.substr(0, source.find('\n'));
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : first) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
}

std::vector<Row> parse_csv(std::string_view source) {
    char delimiter = detect_delimiter(source);
    std::vector<Row> rows(1);
    size_t i = 0;
    while (i <= source.size()) {
        Cell cell;
        if (i < source.size() && source[i] == '"') {
            size_t begin = ++i;
            while (i < source.size()) {
                if (source[i] == '"' && i + 1 < source.size() && source[i + 1] == '"') i += 2;
                else if (source[i] == '"') break;
                else ++i;
            }
            if (i >= source.size()) throw FormatError("a quoted field is never closed");
            cell.source_begin = begin;
            cell.source_size = i - begin;
            cell.quoted = true;
            std::string_view raw = source.substr(begin, i - begin);
            for (size_t k = 0; k < raw.size(); ++k) {
                cell.text += raw[k];
                if (raw[k] == '"') ++k;
            }
            ++i;  // closing quote
        } else {
            size_t begin = i;
            while (i < source.size() && source[i] != delimiter && source[i] != '\n' && source[i] != '\r') ++i;
            cell.source_begin = begin;
            cell.source_size = i - begin;
            cell.text = std::string(source.substr(begin, i - begin));
        }
        rows.back().push_back(std::move(cell));
        if (i < source.size() && source[i] == delimiter) {
            ++i;
            continue;
        }
        while (i < source.size() && source[i] != '\n') ++i;  // \r, or junk after a closing quote
        if (i >= source.size()) break;
        ++i;
        rows.emplace_back();
    }
    while (!rows.empty() && rows.back().size() == 1 && rows.back()[0].text.empty()) rows.pop_back();
    return rows;
}

std::string inline_text(pugi::xml_node node) {
    std::string text;
    for_each_descendant(node, [&](pugi::xml_node n) {
        if (n.type() == pugi::node_pcdata && local_name(n.parent()) == "t") text += n.value();
        return local_name(n) != "rPh";  // phonetic runs are not the cell's text
    });
    return text;
}

std::vector<std::string> shared_strings(const std::map<std::string, std::string>& parts) {
    std::vector<std::string> shared;
    if (auto strings = parts.find("xl/sharedStrings.xml"); strings != parts.end()) {
        pugi::xml_document document;
        parse_xml(document, strings->second, "xl/sharedStrings.xml");
        for (pugi::xml_node si = document.document_element().first_child(); si; si = si.next_sibling())
            if (local_name(si) == "si") shared.push_back(inline_text(si));
    }
    return shared;
}

// A row's number: its r attribute, else the one after the previous row's; never less.
size_t row_number(pugi::xml_node row, size_t previous) {
    size_t number = previous + 1;
    if (pugi::xml_attribute r = row.attribute("r")) {
        auto given = whole_number(r.value(), max_row_number);
        if (!given || *given == 0)
            throw FormatError("row number '" + std::string(r.value()) + "' is not a whole number from 1 to " +
                              std::to_string(max_row_number));
        number = std::max<size_t>(number, *given);
    }
    if (number > max_row_number) throw FormatError("it has more rows than a sheet can number");
    return number;
}

// The text of one cell; `where` names it in a refusal ("cell B3").
std::string cell_text(pugi::xml_node c, const std::vector<std::string>& shared, const std::string& where) {
    std::string type = c.attribute("t").value();
    if (type == "inlineStr") return inline_text(c.child("is"));
    if (type != "s") return c.child("v").text().get();
    std::string value = c.child("v").text().get();
    auto index = whole_number(value, std::numeric_limits<uint32_t>::max());
    if (!index)
        throw FormatError(where + " refers to shared string '" + value + "', which is not a string number");
    if (*index >= shared.size())
        throw FormatError(where + " refers to shared string " + value + ", but the file has " +
                          std::to_string(shared.size()));
    return shared[*index];
}

Row read_row(pugi::xml_node node, size_t number, const std::vector<std::string>& shared, UnpackBudget& budget) {
    Row row;
    int next_column = 0;  // of a cell without a reference: the one after the last
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (local_name(c) != "c") continue;
        pugi::xml_attribute reference = c.attribute("r");
        int column = next_column;
        if (reference) {
            std::optional<int> named = column_of(reference.value());
            if (!named)
                throw FormatError("cell reference '" + std::string(reference.value()) +
                                  "' does not name a column from A to XFD");
            column = *named;
        } else if (column >= max_columns) {
            throw FormatError("row " + std::to_string(number) + " has more cells than a sheet's 16384 columns");
        }
        next_column = column + 1;
        std::string where = reference ? "cell " + std::string(reference.value()) : "a cell of row " + std::to_string(number);
        std::string text = cell_text(c, shared, where);
        for (char& ch : text)
            if (ch == '\n' || ch == '\r') ch = ' ';
        if (text.empty()) continue;  // an empty cell far right widens no row
        budget.spend(text.size());
        if (row.size() <= size_t(column)) {
            budget.spend((size_t(column) + 1 - row.size()) * sizeof(Cell));
            row.resize(size_t(column) + 1);
        }
        row[size_t(column)].text = std::move(text);
    }
    return row;
}

}  // namespace

Extracted extract_csv(std::string_view source, const ScheduleColumns& columns) {
    std::vector<Row> rows = parse_csv(source);
    return signs(source, rows, choose_columns(rows, columns));
}

Extracted extract_xlsx(std::string_view bytes, const ScheduleColumns& columns) {
    auto parts = read_zip(bytes, [](const std::string& name) {
        return name == "xl/sharedStrings.xml" || name == "xl/worksheets/sheet1.xml";
    });
    auto sheet = parts.find("xl/worksheets/sheet1.xml");
    if (sheet == parts.end()) throw FormatError("it is not a spreadsheet (no xl/worksheets/sheet1.xml)");
    std::vector<std::string> shared = shared_strings(parts);
    pugi::xml_document document;
    parse_xml(document, sheet->second, "xl/worksheets/sheet1.xml");
    std::vector<Row> rows;
    std::vector<int> numbers;  // each row's number in the sheet
    UnpackBudget budget;
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        if (local_name(node) != "row") return true;
        size_t number = row_number(node, numbers.empty() ? 0 : size_t(numbers.back()));
        numbers.push_back(int(number));
        rows.push_back(read_row(node, number, shared, budget));
        return false;
    });
    // The source positions count in: a line per row, holding its message, numbered as the
    // sheet's row, so a finding's line is the row and its column a character of the
    // message. Rows may skip numbers by millions: the numbers are kept beside the lines
    // rather than as empty lines.
    Columns chosen = choose_columns(rows, columns);
    std::string source;
    std::vector<std::pair<int, std::string>> messages = message_columns(chosen);
    for (Row& row : rows) {
        bool first = true;
        for (const auto& [column, lang] : messages) {
            if (column < 0 || size_t(column) >= row.size() || row[size_t(column)].text.empty()) continue;
            if (!first) source += " | ";  // a row's messages side by side on its line
            first = false;
            Cell& message = row[size_t(column)];
            message.source_begin = source.size();
            message.source_size = message.text.size();
            source += message.text;
        }
        source += '\n';
    }
    Extracted out = signs(source, rows, chosen);
    out.source = std::move(source);
    out.line_numbers = std::move(numbers);
    return out;
}

}  // namespace touchpoint
