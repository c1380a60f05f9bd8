#include "actions/init.hpp"

#include "actions/safe_write.hpp"
#include "base/fs_util.hpp"
#include "base/strings.hpp"
#include "engine/inputs.hpp"
#include "engine/loading.hpp"

#include <touchpoint/text.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace touchpoint {
namespace {

namespace fs = std::filesystem;

// How often each written form of a thing occurs, by its key (letters only, lower case).
using Forms = std::map<std::string, std::map<std::string, int>>;

std::string letters_key(std::string_view form) {
    std::string key;
    for (unsigned char c : form)
        if (std::isalnum(c) || c >= 0x80) key += char(std::tolower(c));
    return key;
}

bool capitalised(std::string_view word) { return !word.empty() && std::isupper(static_cast<unsigned char>(word[0])); }

// What the content tells: its likely names (runs of capitalised words), and its facts.
struct Observations {
    Forms names;
    std::map<std::string, int> phones, emails, hosts;
    std::set<std::string> top_folders;

    void read(const Document& document) {
        std::string_view text = document.text();
        auto words = document.words();
        // Runs of two to four capitalised words ("Riverbend Health"), and single words with
        // a capital inside ("MyRiverbend"), each under the key of its letters.
        for (size_t i = 0; i < words.size(); ++i) {
            std::string_view first = text.substr(words[i].begin, words[i].end - words[i].begin);
            if (!capitalised(first)) continue;
            bool inner_capital = std::any_of(first.begin() + 1, first.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
            if (inner_capital && first.size() > 3) ++names[letters_key(first)][std::string(first)];
            for (size_t n = 2; n <= 4 && i + n <= words.size(); ++n) {
                const Word& last = words[i + n - 1];
                std::string_view gap = text.substr(words[i + n - 2].end, last.begin - words[i + n - 2].end);
                if (gap != " " && gap != "-") break;
                std::string_view word = text.substr(last.begin, last.end - last.begin);
                if (!capitalised(word)) break;
                std::string form(text.substr(words[i].begin, last.end - words[i].begin));
                ++names[letters_key(form)][form];
            }
        }
        static const std::regex phone(R"(\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b)");
        static const std::regex email(R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)");
        static const std::regex host(R"(\b(?:https?://)?((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|net|health|care|edu|gov|us|example))\b)");
        std::string prose(text);
        for (std::sregex_iterator m(prose.begin(), prose.end(), phone), end; m != end; ++m) ++phones[m->str()];
        for (std::sregex_iterator m(prose.begin(), prose.end(), email), end; m != end; ++m) ++emails[m->str()];
        for (std::sregex_iterator m(prose.begin(), prose.end(), host), end; m != end; ++m) {
            std::string found = (*m)[1].str();
            if (prose.compare(size_t(m->position()) > 0 ? size_t(m->position()) - 1 : 0, 1, "@") != 0) ++hosts[found];
        }
        for (const Link& link : document.links()) {
            std::smatch m;
            if (std::regex_search(link.destination, m, host)) ++hosts[m[1].str()];
        }
    }
};


std::string times(int n) { return n == 1 ? "once" : std::to_string(n) + " times"; }

// The most frequent entries of a count, most first, at most `limit`.
template <class Count>
std::vector<std::pair<std::string, int>> top(const Count& counts, size_t limit, int at_least) {
    std::vector<std::pair<std::string, int>> list(counts.begin(), counts.end());
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::erase_if(list, [&](const auto& entry) { return entry.second < at_least; });
    if (list.size() > limit) list.resize(limit);
    return list;
}

std::string channel_of_folder(std::string folder) {
    folder = letters_key(folder);
    if (folder.find("sign") != std::string::npos || folder.find("wayfinding") != std::string::npos) return "signage";
    if (folder.find("script") != std::string::npos || folder.find("call") != std::string::npos ||
        folder.find("phone") != std::string::npos)
        return "script";
    return "";
}

// A name candidate: its most frequent form and how often all its forms occur.
struct Candidate {
    std::string key;
    std::string form;
    int total;
};

// The likely names, most frequent first; a run inside a longer one found as often
// ("Heart Center" in "Hartley Heart Center") is the longer one's.
std::vector<Candidate> likely_names(const Forms& names) {
    std::vector<Candidate> all;
    for (const auto& [key, forms] : names) {
        int total = 0;
        for (const auto& [form, n] : forms) total += n;
        auto most = std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        if (total >= 2 && !phrase_keys(most->first).empty()) all.push_back({key, most->first, total});
    }
    std::stable_sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) { return a.total > b.total; });
    std::vector<Candidate> kept;
    for (const Candidate& c : all) {
        bool inside_longer = std::any_of(all.begin(), all.end(), [&](const Candidate& other) {
            return other.key != c.key && other.total >= c.total && other.key.find(c.key) != std::string::npos;
        });
        if (!inside_longer && kept.size() < 8) kept.push_back(c);
    }
    return kept;
}

std::string brand_file(const std::string& name, const Observations& seen, size_t files) {
    std::string out = "<!-- brand.xml, written by `touchpoint init` from " + std::to_string(files) +
                      (files == 1 ? " file" : " files") +
                      ". Each proposal below was found in the content:\n     keep what is true of your brand, "
                      "delete the rest. docs/brand-file.md describes every element. -->\n";
    out += "<brand name=\"" + escape_xml(name, false) + "\" locale=\"en-US\">\n";
    out += "  <promise>Write the promise every touchpoint keeps, in one sentence.</promise>\n\n";
    out += "  <!-- Pillars: themes of the promise; a touchpoint carries one when one of its terms occurs.\n"
           "  <pillar id=\"care\" label=\"Compassionate care\"><term>compassion</term><term>listen</term></pillar> -->\n\n";
    out += "  <!-- Names: the likely proper names of the content, as most often written, with the\n"
           "       other ways it writes them (any other capitalisation is a mismatch too). -->\n";
    for (const Candidate& name : likely_names(seen.names)) {
        std::string variants;
        std::set<std::vector<std::string>> listed{phrase_keys(name.form)};  // one variant per way of writing it
        for (const auto& [form, n] : seen.names.at(name.key))
            if (listed.insert(phrase_keys(form)).second)
                variants += "    <variant>" + escape_xml(form, false) + "</variant>  <!-- " + times(n) + " -->\n";
        out += "  <name canonical=\"" + escape_xml(name.form, false) + "\">  <!-- " + times(name.total) + " -->\n" + variants + "  </name>\n";
    }
    out += "\n  <!-- Preferred words and words to avoid, for example:\n"
           "  <prefer term=\"patient\" instead-of=\"customer|client\"/>\n"
           "  <avoid term=\"guarantee\" severity=\"error\" reason=\"Outcomes cannot be guaranteed.\"/> -->\n\n";
    out += "  <!-- Facts found: every touchpoint must state them the same way. Keep the right ones. -->\n";
    int n = 0;
    // One fact per number, in its most frequent form; the others are how it is also written.
    std::map<std::string, std::map<std::string, int>> numbers;  // digits -> form -> count
    for (const auto& [phone, count] : seen.phones) {
        std::string digits;
        for (char c : phone)
            if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        numbers[digits][phone] += count;
    }
    std::map<std::string, int> totals;
    for (const auto& [digits, forms] : numbers)
        for (const auto& [form, count] : forms) totals[digits] += count;
    for (const auto& [digits, count] : top(totals, 3, 1)) {
        const auto& forms = numbers[digits];
        auto most = std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        std::string also;
        for (const auto& [form, times_written] : forms)
            if (form != most->first) also += (also.empty() ? "; also written " : ", ") + form;
        out += "  <fact id=\"phone-" + std::to_string(++n) + "\" kind=\"phone\" value=\"" + escape_xml(most->first, false) +
               "\"/>  <!-- " + times(count) + also + " -->\n";
    }
    n = 0;
    for (const auto& [email, count] : top(seen.emails, 3, 1))
        out += "  <fact id=\"email-" + std::to_string(++n) + "\" kind=\"email\" value=\"" + escape_xml(email, false) + "\"/>  <!-- " + times(count) + " -->\n";
    n = 0;
    for (const auto& [host, count] : top(seen.hosts, 2, 1))
        out += "  <fact id=\"website-" + std::to_string(++n) + "\" kind=\"url\" value=\"" + escape_xml(host, false) + "\"/>  <!-- " + times(count) + " -->\n";
    out += "\n  <!-- Channel limits (docs/brand-file.md): -->\n"
           "  <channel id=\"marketing\" max-grade=\"8\"/>\n";
    if (seen.top_folders.count("signage")) out += "  <channel id=\"signage\" max-words=\"12\"/>\n";
    out += "</brand>\n";
    return out;
}

std::string project_file(const std::map<std::string, std::string>& folder_channels) {
    std::string out = "<!-- touchpoint.xml, written by `touchpoint init`: which files are which touchpoint\n"
                      "     (the first matching channel wins), and the rule packs to use. -->\n<touchpoint>\n"
                      "  <brand file=\"brand.xml\"/>\n";
    std::map<std::string, std::string> globs;  // channel -> its folders' globs, one element each
    for (const auto& [folder, channel] : folder_channels) globs[channel] += (globs[channel].empty() ? "" : " ") + folder + "/**";
    for (const auto& [channel, include] : globs)
        out += "  <channel id=\"" + channel + "\" include=\"" + escape_xml(include, false) + "\"/>\n";
    out += "  <channel id=\"marketing\" include=\"**\"/>\n"
           "  <!-- rule packs (docs/rule-packs.md), for example:\n"
           "  <pack id=\"plain-language\"/> -->\n</touchpoint>\n";
    return out;
}

}  // namespace

InitResult init_project(const fs::path& folder) {
    if (!is_folder(folder))
        throw RunError("cannot read '" + folder.string() + "': " + (fs::exists(folder) ? "not a folder" : "no such folder"));
    fs::path brand = folder / "brand.xml", project = folder / "touchpoint.xml";
    for (const fs::path& file : {brand, project})
        if (fs::exists(file)) throw RunError(file.string() + " already exists; init writes nothing over it");
    CheckOptions options;
    options.paths = {folder.string()};
    InitResult result;
    Observations seen;
    std::map<std::string, std::string> folder_channels;
    fs::path base = fs::absolute(folder).lexically_normal();
    for (const Input& input : collect_inputs(options, nullptr, brand)) {
        std::optional<Loaded> loaded = load_document(input, LoadSettings{}, nullptr);
        if (!loaded) continue;
        ++result.files_read;
        seen.read(loaded->document);
        fs::path relative = input.path.lexically_relative(base);
        if (std::distance(relative.begin(), relative.end()) > 1) {
            std::string top = relative.begin()->string();
            std::string channel = channel_of_folder(top);
            // A glob cannot name a folder with a space or glob characters in its name.
            bool nameable = top.find_first_of(" \t[]*?{}\\") == std::string::npos;
            if (!channel.empty() && !nameable && folder_channels.emplace(top, "").second)
                result.notes.push_back("the folder '" + top + "' looks like " + channel +
                                       ", but a glob cannot name it (a space or glob character): its files are marketing");
            if (!channel.empty() && nameable) {
                folder_channels.emplace(top, channel);
                seen.top_folders.insert(channel);
            }
        }
    }
    // The brand's name: the likeliest name of the content, else the folder's.
    std::vector<Candidate> names = likely_names(seen.names);
    fs::path absolute = fs::absolute(folder).lexically_normal();
    if (absolute.filename().empty() || absolute.filename() == ".") absolute = absolute.parent_path();
    std::string name = !names.empty() ? names.front().form : absolute.filename().string();
    if (name.empty()) name = "Your brand";
    write_file_safely(brand.string(), brand_file(name, seen, result.files_read));
    result.written.push_back(brand);
    std::erase_if(folder_channels, [](const auto& entry) { return entry.second.empty(); });
    write_file_safely(project.string(), project_file(folder_channels));
    result.written.push_back(project);
    return result;
}

}  // namespace touchpoint
