// consistency: the same word or name written in different forms across all checked
// files — joined, hyphenated or spaced (email / e-mail, healthcare / health care), or in
// other letter case (Urgent Care / urgent care) — found without being declared. The
// majority form wins; each minority occurrence is a finding suggesting it.
//
// Two passes over the corpus: the first counts the written forms of every single word
// (the vocabulary) and learns which keys occur hyphenated or as capitalised pairs; the
// second counts the two-word forms of keys known from the first. The single-word counts
// of keys that have a two-word form join them, the rest are dropped. So memory stays
// near the vocabulary's size, never the number of word pairs. Then check() reports.
#include "consistency.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::consistency {
namespace {

enum class Shape { joined, hyphenated, spaced };

struct Form {
    std::string written;  // as written
    Shape shape;
    std::string key;      // lower case, without hyphen or space
    uint32_t begin, end;  // in the document's text
    bool sentence_initial;  // or in a title-case line: the letter case tells nothing
    uint32_t first_word, last_word;
};

bool is_plain_word(std::string_view word, size_t min_size = 2) {
    if (word.size() < min_size) return false;
    for (unsigned char c : word)
        if (std::isdigit(c) || c == '.' || c == '_' || c == '@' || c == '\'') return false;
    return true;
}

// Pairs that start with a function word are grammar, not spelling: "walk in to" and
// "into", "every day" and "everyday", "may be" and "maybe".
bool function_word(std::string_view key) {
    static const std::unordered_set<std::string_view> words{
        "a",   "all",  "an",   "and",   "any",  "as",   "at",    "be",   "but", "by",   "every", "for",  "here",
        "how", "if",   "in",   "is",    "it",   "may",  "my",    "no",   "not", "of",   "on",    "or",   "our",
        "out", "over", "so",   "some",  "the",  "there", "to",   "under", "up", "what", "when",  "where", "who",
        "with", "your"};
    return words.count(key) > 0;
}

bool capitalised(std::string_view word) { return !word.empty() && std::isupper(static_cast<unsigned char>(word[0])); }

// A line in title case (a heading: most of its longer words capitalised) keeps no case
// information either. Judged once per line: words come in order, and a paragraph is often
// one long line.
class TitleCaseLines {
public:
    explicit TitleCaseLines(std::string_view text) : text_(text) {}
    bool at(uint32_t offset) {
        if (offset >= end_ || offset < begin_) {
            size_t begin = text_.rfind('\n', offset);
            begin_ = begin == std::string_view::npos ? 0 : begin + 1;
            end_ = std::min(text_.find('\n', offset), text_.size());
            title_ = title_case(text_.substr(begin_, end_ - begin_));
        }
        return title_;
    }

private:
    static bool title_case(std::string_view line);
    std::string_view text_;
    size_t begin_ = 0, end_ = 0;
    bool title_ = false;
};

bool TitleCaseLines::title_case(std::string_view line) {
    auto letter = [&](size_t i) { return std::isalpha(static_cast<unsigned char>(line[i])) != 0; };
    size_t long_words = 0, capitals = 0;
    for (size_t i = 0; i < line.size();) {
        while (i < line.size() && !letter(i)) ++i;
        size_t start = i;
        while (i < line.size() && letter(i)) ++i;
        if (i - start < 4) continue;
        ++long_words;
        capitals += std::isupper(static_cast<unsigned char>(line[start])) ? 1 : 0;
    }
    return long_words >= 2 && capitals * 10 >= long_words * 8;
}

// A word at the start of a sentence, a line or a block keeps no case information.
bool sentence_initial(std::string_view text, uint32_t at) {
    while (at > 0) {
        char c = text[at - 1];
        if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':') return true;
        if (c != ' ' && c != '\t' && c != '"' && c != '\'' && c != '(' && c != '[') return false;
        --at;
    }
    return true;
}

// The joined, hyphenated and spaced forms that start at each word of a document.
template <class Visit>
void forms_of(const Document& document, Visit&& visit) {
    std::string_view text = document.text();
    auto words = document.words();
    TitleCaseLines title_case(text);
    for (size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        std::string_view first = text.substr(w.begin, w.end - w.begin);
        if (w.in_literal || !is_plain_word(first, 1)) continue;
        bool initial = sentence_initial(text, w.begin) || title_case.at(w.begin);
        std::string key(document.key(w));
        std::string written(first);
        if (first.size() >= 2) visit(Form{written, Shape::joined, key, w.begin, w.end, initial, uint32_t(i), uint32_t(i)});
        if (i + 1 >= words.size()) continue;
        const Word& n = words[i + 1];
        std::string_view second = text.substr(n.begin, n.end - n.begin);
        std::string_view gap = text.substr(w.end, n.begin - w.end);
        // One-letter words pair only by a hyphen (e-mail, x-ray).
        if (n.in_literal || !is_plain_word(second) || (gap != "-" && gap != " ") || (first.size() < 2 && gap != "-")) continue;
        // A pair continuing a hyphenated chain (state-of-the-art) is not a compound of two.
        if (w.begin > 0 && text[w.begin - 1] == '-') continue;
        if (n.end < text.size() && text[n.end] == '-') continue;
        Shape shape = gap == "-" ? Shape::hyphenated : Shape::spaced;
        if (shape == Shape::spaced && (function_word(document.key(w)) || function_word(document.key(n)))) continue;
        visit(Form{written + std::string(gap) + std::string(second), shape, key + std::string(document.key(n)), w.begin,
                   n.end, initial, uint32_t(i), uint32_t(i + 1)});
    }
}

class ConsistencyCheck : public Check {
public:
    explicit ConsistencyCheck(const CompileContext& context) : lexicon_(context.lexicon()) {
        // The brand's own name words ("Riverbend", not "Health"): terminology.name's business.
        for (const Name& name : context.brand().names)
            for (const std::string& key : phrase_keys(name.canonical))
                if (!lexicon_.knows(key)) name_words_.insert(key);
    }

    int observation_passes() const override { return 2; }

    void observe(int pass, const Document& document) override {
        if (pass == 1) learn(document);
        else count_pairs(document);
    }

    void end_pass(int pass) override {
        if (pass != 2) return;
        for (auto& [key, forms] : counts_) {
            auto joined = joined_.find(key);
            if (joined == joined_.end()) continue;
            for (const auto& [form, n] : joined->second) forms[form] += n;
        }
        joined_.clear();
        decide();
    }

    void check(const Document& document, Reporter& reporter) const override {
        if (verdicts_.empty()) return;
        for_each_form(document, [&](const Form& form) {
            auto verdict = verdicts_.find(form.key);
            if (verdict == verdicts_.end()) return;
            const Verdict& v = verdict->second;
            // A sentence-initial capital says nothing of the word's case.
            std::string counted = counted_form(form);
            if (!v.minority.count(counted)) return;
            std::string suggestion = v.majority;
            if (form.sentence_initial && std::isupper(static_cast<unsigned char>(form.written[0])))
                suggestion[0] = char(std::toupper(static_cast<unsigned char>(suggestion[0])));
            Finding finding;
            finding.rule = "variants";
            // Letter case alone is often a UI label or a heading style: a suggestion only.
            finding.severity = v.case_only ? Severity::suggestion : Severity::warning;
            finding.begin = form.begin;
            finding.end = form.end;
            finding.message = "Write '" + verdict->second.majority + "' as elsewhere (" +
                              std::to_string(verdict->second.majority_count) + " times), not '" + form.written + "' (" +
                              std::to_string(v.minority.at(counted)) + ").";
            finding.suggestions.push_back(suggestion);
            reporter.report(std::move(finding));
        });
    }

    void summarize(CorpusReporter& reporter) const override {
        for (const auto& [key, verdict] : verdicts_) {
            std::vector<std::pair<std::string, double>> row{{verdict.majority, double(verdict.majority_count)}};
            // Sentence-initial forms are counted apart ("e-mail ^"); the table shows them as written.
            std::map<std::string, size_t> merged;
            for (const auto& [form, n] : verdict.minority)
                merged[form.ends_with(" ^") ? form.substr(0, form.size() - 2) : form] += n;
            for (const auto& [form, n] : merged) row.emplace_back(form, double(n));
            std::stable_sort(row.begin() + 1, row.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            reporter.row("consistency", std::move(row));
        }
    }

private:
    struct Verdict {
        std::string majority;
        size_t majority_count = 0;
        std::map<std::string, size_t> minority;
        bool case_only = false;
    };

    // The forms of words that are not the brand's names: those are terminology.name's.
    template <class Visit>
    void for_each_form(const Document& document, Visit&& visit) const {
        forms_of(document, [&](const Form& form) {
            if (touches_name(document, form)) return;
            visit(form);
        });
    }

    bool touches_name(const Document& document, const Form& form) const {
        if (name_words_.empty()) return false;
        auto words = document.words();
        for (uint32_t i = form.first_word; i <= form.last_word; ++i)
            if (name_words_.count(std::string(document.key(words[i])))) return true;
        return false;
    }

    // The case of a sentence-initial form is unknown: it is counted apart ("e-mail ^").
    static std::string counted_form(const Form& form) {
        return form.sentence_initial ? lower(form.written) + " ^" : form.written;
    }

    void learn(const Document& document) {
        std::vector<std::pair<std::string, std::string>> joined;  // key, form
        std::vector<std::string> compound;
        for_each_form(document, [&](const Form& form) {
            if (form.shape == Shape::joined) joined.emplace_back(form.key, counted_form(form));
            else if (form.shape == Shape::hyphenated) compound.push_back(form.key);
            // A capitalised pair inside a sentence may be a name written two ways.
            else if (!form.sentence_initial && capitalised(form.written) &&
                     capitalised(form.written.substr(form.written.find(' ') + 1)))
                compound.push_back(form.key);
        });
        std::lock_guard lock(mutex_);
        for (auto& [key, form] : joined) ++joined_[key][form];
        compound_keys_.insert(compound.begin(), compound.end());
    }

    // Pass 2: the two-word forms of keys also written otherwise.
    void count_pairs(const Document& document) {
        std::vector<std::pair<std::string, std::string>> seen;  // key, form
        for_each_form(document, [&](const Form& form) {
            bool wanted = form.shape == Shape::hyphenated ||
                          (form.shape == Shape::spaced && (compound_keys_.count(form.key) || joined_.count(form.key)));
            if (wanted) seen.emplace_back(form.key, counted_form(form));
        });
        std::lock_guard lock(mutex_);
        for (auto& [key, form] : seen) ++counts_[key][form];
    }

    // A variant set needs a clear majority; hyphen-against-space alone (check-in the
    // noun, check in the verb) and case alone in a dictionary word (May, may) are grammar.
    void decide() {
        for (auto& [key, forms] : counts_) {
            // The majority among forms whose case is known (not sentence-initial).
            std::vector<std::pair<std::string, size_t>> sorted, initial;
            for (const auto& [form, n] : forms) (form.ends_with(" ^") ? initial : sorted).emplace_back(form, n);
            std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            if (sorted.empty() || sorted[0].second < 2 || (sorted.size() > 1 && sorted[0].second == sorted[1].second)) continue;
            // Forms of unknown case agree with the majority unless spelt otherwise.
            for (const auto& [form, n] : initial)
                if (form.substr(0, form.size() - 2) != lower(sorted[0].first)) sorted.emplace_back(form, n);
            if (sorted.size() < 2) continue;
            bool has_joined = false, has_split = false, case_only = true;
            std::string lowered = lower(sorted[0].first);
            for (const auto& [written, n] : sorted) {
                std::string form = written.ends_with(" ^") ? written.substr(0, written.size() - 2) : written;
                bool joined = form.find_first_of(" -") == std::string::npos;
                has_joined |= joined;
                has_split |= !joined;
                case_only &= lower(form) == lowered;
            }
            bool spacing_variant = has_joined && has_split;
            if (!spacing_variant && !case_only) continue;  // hyphen against space only
            if (case_only && sorted[0].first.find_first_of(" -") == std::string::npos &&
                (lexicon_.knows(lowered) || name_words_.count(lowered)))
                continue;
            Verdict verdict{sorted[0].first, sorted[0].second, {}, case_only};
            for (size_t i = 1; i < sorted.size(); ++i) verdict.minority[sorted[i].first] = sorted[i].second;
            verdicts_[key] = std::move(verdict);
        }
        counts_.clear();
        compound_keys_.clear();
    }

    static std::string lower(std::string text) {
        for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }

    const Lexicon& lexicon_;
    std::unordered_set<std::string> name_words_;
    std::mutex mutex_;
    std::unordered_set<std::string> compound_keys_;
    using Counts = std::unordered_map<std::string, std::map<std::string, size_t>>;  // key -> form -> count
    Counts joined_;  // pass 1: every single word's forms
    Counts counts_;  // pass 2: two-word forms, then the single-word forms of their keys
    std::map<std::string, Verdict> verdicts_;
};

}  // namespace

std::string ConsistencyPlugin::name() const { return "consistency"; }

std::string ConsistencyPlugin::description() const {
    return "The same word or name written in different forms across all checked files.";
}

std::vector<RuleInfo> ConsistencyPlugin::rules() const {
    return {{"variants",
             "A minority form (joined, hyphenated, spaced, or other case) of a word written otherwise across the corpus.",
             Severity::warning}};
}

std::unique_ptr<Check> ConsistencyPlugin::compile(const CompileContext& context) const {
    return std::make_unique<ConsistencyCheck>(context);
}

}  // namespace touchpoint::consistency

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::consistency::ConsistencyPlugin)
#endif
