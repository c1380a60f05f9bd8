#include "actions/import_vale.hpp"

#include "base/strings.hpp"
#include "engine/run_options.hpp"

#include <touchpoint/text.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

namespace fs = std::filesystem;

// The little of YAML a Vale rule uses: top-level "key: value", and a key whose value is
// an indented list ("- item") or map ("key: value") below it.
struct ValeRule {
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> lists;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> maps;
};

std::string unquoted(std::string text) {
    text = trim(text);
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
        char quote = text.front();
        text = text.substr(1, text.size() - 2);
        std::string doubled(2, quote);  // '' in single quotes, \" in double ones
        for (size_t at = text.find(doubled); quote == '\'' && at != std::string::npos; at = text.find(doubled, at + 1))
            text.erase(at, 1);
        for (size_t at = text.find("\\\""); quote == '"' && at != std::string::npos; at = text.find("\\\"", at + 1))
            text.erase(at, 1);
    }
    return text;
}

// "key: value" split at the colon that ends the (maybe quoted) key.
std::pair<std::string, std::string> key_value(const std::string& line) {
    std::string text = trim(line);
    size_t colon = std::string::npos;
    if (!text.empty() && (text[0] == '\'' || text[0] == '"')) {
        size_t close = text.find(text[0], 1);
        colon = close == std::string::npos ? std::string::npos : text.find(':', close);
    } else {
        colon = text.find(": ");
        if (colon == std::string::npos && text.ends_with(':')) colon = text.size() - 1;
    }
    if (colon == std::string::npos) return {unquoted(text), ""};
    return {unquoted(text.substr(0, colon)), unquoted(text.substr(colon + 1))};
}

ValeRule parse_rule(const std::string& yaml) {
    ValeRule rule;
    std::istringstream lines(yaml);
    std::string block;  // the top-level key whose block the indented lines belong to
    size_t block_indent = 0;  // its entries' indentation: deeper lines are a nested value, not read
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (size_t hash = line.find(" #"); hash != std::string::npos && line.find_first_of("'\"") > hash) line.erase(hash);
        std::string content = trim(line);
        if (content.empty() || content[0] == '#') continue;
        bool indented = line[0] == ' ' || line[0] == '\t';
        if (!indented) {
            auto [key, value] = key_value(content);
            block = value.empty() ? key : "";
            if (!value.empty()) rule.values[key] = value;
            if (value == "|" || value == ">" || value == "|-" || value == ">-") block = "";  // a block scalar: its lines are text
            block_indent = 0;
        } else if (!block.empty()) {
            size_t indent = line.find_first_not_of(" \t");
            if (block_indent == 0) block_indent = indent;
            if (indent > block_indent) continue;  // a nested value, not read
            if (content.starts_with("- ")) rule.lists[block].push_back(unquoted(content.substr(2)));
            else rule.maps[block].push_back(key_value(content));
        }
    }
    return rule;
}


// Words as a brand term: letters, digits, spaces, hyphens, apostrophes, dots.
bool plain_words(std::string_view text) {
    return !phrase_keys(text).empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) || c >= 0x80 || c == ' ' || c == '-' || c == '\'' || c == '.';
    });
}

class Importer {
public:
    void rule_file(const fs::path& file, const std::string& name) {
        ValeRule rule = parse_rule(read(file));
        std::string kind = rule.values["extends"];
        std::string severity = rule.values.count("level") ? rule.values["level"] : "warning";
        if (severity != "error" && severity != "warning" && severity != "suggestion") {
            result.left.push_back(name + ": level '" + severity + "' is none of error, warning, suggestion; warning is used");
            severity = "warning";
        }
        // What changes a rule's meaning and has no brand-file counterpart is said, not dropped.
        for (const char* key : {"scope", "exceptions", "nonword", "raw", "tokens", "swap"}) {
            auto value = rule.values.find(key);
            bool flow = value != rule.values.end() && std::string_view("[{&*|>").find(value->second.front()) != std::string_view::npos;
            if (flow)
                result.left.push_back(name + ": '" + key + ": " + value->second +
                                      "' is not read (flow style, an anchor or a block scalar); write one item a line");
            else if (value != rule.values.end() || rule.lists.count(key) || rule.maps.count(key))
                if (std::string_view(key) != "tokens" && std::string_view(key) != "swap")
                    result.left.push_back(name + ": '" + key + "' is not converted: Touchpoint's rules apply to all the prose, as written");
        }
        // Vale matches in the declared case unless told to ignore it; Touchpoint, the other way round.
        std::string exact = rule.values["ignorecase"] == "true" ? "" : " case=\"exact\"";
        std::string message = rule.values["message"];
        if (kind == "substitution") {
            for (const auto& [from, to] : rule.maps["swap"]) substitution(name, from, to, severity, exact);
        } else if (kind == "existence") {
            for (const std::string& token : rule.lists["tokens"]) existence(name, token, severity, exact, message);
        } else {
            result.left.push_back(name + ": a Vale '" + (kind.empty() ? "(no extends)" : kind) +
                                  "' rule has no brand-file counterpart; Touchpoint converts substitution and existence rules");
            return;
        }
        ++result.files;
    }

    void vocabulary(const fs::path& file, const std::string& name, bool accept) {
        std::istringstream lines(read(file));
        for (std::string line; std::getline(lines, line);) {
            std::string word = trim(line);
            if (word.empty() || word[0] == '#') continue;
            if (!plain_words(word)) {
                result.left.push_back(name + ": '" + word + "' is a regular expression; " +
                                      (accept ? "an <accept> takes one word: list its spellings" : "write it as an <avoid pattern>"));
                continue;
            }
            if (accept) element("<accept>" + escape_xml(word, false) + "</accept>", name);
            else if (claim(word, name)) element("<avoid term=\"" + escape_xml(word, false) + "\"/>", name);
        }
        ++result.files;
    }

    ValeImport result;

private:
    void substitution(const std::string& name, const std::string& from, const std::string& to, const std::string& severity,
                      const std::string& exact) {
        if (to.empty() || from.empty()) {
            result.left.push_back(name + ": '" + from + "' has no replacement on its line (a nested map?); not converted");
            return;
        }
        // A swap of letter case only ("github: GitHub") is a name, written exactly so.
        if (plain_words(from) && plain_words(to) && phrase_keys(from) == phrase_keys(to)) {
            if (claim(to, name)) element("<name canonical=\"" + escape_xml(to, false) + "\" severity=\"" + severity + "\"/>", name);
            return;
        }
        if (!plain_words(to)) {
            result.left.push_back(name + ": '" + from + "' -> '" + to + "': the replacement is no word to suggest");
            return;
        }
        std::vector<std::string> alternatives = split_each(from, '|');
        bool plain = std::all_of(alternatives.begin(), alternatives.end(), [](const std::string& a) { return plain_words(a); });
        if (plain) {
            std::string kept;
            for (const std::string& alternative : alternatives)
                if (phrase_keys(alternative) != phrase_keys(to) && claim(alternative, name))
                    kept += (kept.empty() ? "" : "|") + alternative;
            if (!kept.empty())
                element("<prefer term=\"" + escape_xml(to, false) + "\" instead-of=\"" + escape_xml(kept, false) + "\" severity=\"" + severity + "\"" + exact + "/>", name);
            return;
        }
        element("<avoid pattern=\"" + escape_xml("\\b(?:" + from + ")\\b", false) + "\" suggest=\"" + escape_xml(to, false) + "\" severity=\"" + severity +
                    "\"" + exact + "/>",
                name);
    }

    void existence(const std::string& name, const std::string& token, const std::string& severity, const std::string& exact,
                   std::string message) {
        bool plain = plain_words(token);
        // Vale's "%s" is the text matched: the term itself, or for a pattern "this wording".
        if (!plain)
            for (size_t at = message.find("'%s'"); at != std::string::npos; at = message.find("'%s'", at + 1)) message.replace(at, 4, "%s");
        for (size_t at = message.find("%s"); at != std::string::npos; at = message.find("%s", at + 1))
            message.replace(at, 2, plain ? token : "this wording");
        std::string reason = message.empty() ? "" : " reason=\"" + escape_xml(message, false) + "\"";
        if (plain) {
            if (claim(token, name))
                element("<avoid term=\"" + escape_xml(token, false) + "\" severity=\"" + severity + "\"" + reason + exact + "/>", name);
        } else {
            element("<avoid pattern=\"" + escape_xml("\\b(?:" + token + ")\\b", false) + "\" severity=\"" + severity + "\"" + reason + exact + "/>",
                    name);
        }
    }

    // A word may be flagged by one rule only, as in the brand file.
    bool claim(const std::string& word, const std::string& name) {
        std::string key;
        for (const std::string& k : phrase_keys(word)) key += k + " ";
        auto [it, inserted] = claimed_.emplace(key, name);
        if (!inserted) result.left.push_back(name + ": '" + word + "' is already flagged by a rule from " + it->second);
        return inserted;
    }

    void element(const std::string& text, const std::string& source) {
        result.elements += "  " + text + "  <!-- Vale: " + escape_xml(source, false) + " -->\n";
    }

    static std::string read(const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw RunError("cannot read '" + file.string() + "'");
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::map<std::string, std::string> claimed_;
};

}  // namespace

ValeImport import_vale(const fs::path& path) {
    std::error_code error;
    if (!fs::exists(path, error)) throw RunError("cannot read '" + path.string() + "': no such file or folder");
    std::vector<fs::path> files;
    if (fs::is_directory(path, error)) {
        for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
             it.increment(error))
            if (it->is_regular_file()) files.push_back(it->path());
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    Importer importer;
    for (const fs::path& file : files) {
        std::string name = file.lexically_relative(fs::is_directory(path, error) ? path : path.parent_path()).string();
        std::string base = file.filename().string();
        if (file.extension() == ".yml" || file.extension() == ".yaml") importer.rule_file(file, name);
        else if (base == "accept.txt") importer.vocabulary(file, name, true);
        else if (base == "reject.txt") importer.vocabulary(file, name, false);
    }
    return importer.result;
}

}  // namespace touchpoint
