// consistency: the same word or name written in different forms across all checked
// files — joined, hyphenated or spaced (email / e-mail, healthcare / health care), or in
// other letter case (Urgent Care / urgent care) — found without being declared. The
// majority form wins (or the brand file's own spelling: consistency never argues with the
// brand, and leaves names to terminology); each minority occurrence is a finding suggesting it.
//
// Two passes over the corpus: the first counts the written forms of every single word
// (the vocabulary) and learns which keys occur hyphenated or as capitalised pairs; the
// second counts the two-word forms of keys known from the first. The single-word counts
// of keys that have a two-word form join them, the rest are dropped. So memory stays
// near the vocabulary's size, never the number of word pairs. Then check() reports.
#include "consistency.hpp"

#include "brand_forms.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
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
    bool sentence_initial;  // at a sentence, line or block start: the first capital tells nothing
    bool title_line;        // in a title-case line (a heading): the letter case tells nothing
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
        bool initial = sentence_initial(text, w.begin);
        bool title = title_case.at(w.begin);
        std::string key(document.key(w));
        std::string written(first);
        if (first.size() >= 2) visit(Form{written, Shape::joined, key, w.begin, w.end, initial, title, uint32_t(i), uint32_t(i)});
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
                   n.end, initial, title, uint32_t(i), uint32_t(i + 1)});
    }
}

std::string lower(std::string text) {
    for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool has_capital_after_first(const std::string& written) {
    return std::any_of(written.begin() + 1, written.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

// The form an occurrence votes for. At a sentence start only the first capital is owed
// to the sentence: `Urgent care` votes for `urgent care`; `Urgent Care` or `Use NTP`
// there could be either, so its case is unknown, as in a heading. Forms of unknown case
// are counted apart ("urgent care ^").
std::string counted_form(const Form& form) {
    if (form.title_line || (form.sentence_initial && has_capital_after_first(form.written)))
        return lower(form.written) + " ^";
    if (!form.sentence_initial) return form.written;
    std::string out = form.written;
    out[0] = char(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
}

bool unknown_case(const std::string& counted) { return counted.ends_with(" ^"); }
std::string as_written(const std::string& counted) {
    return unknown_case(counted) ? counted.substr(0, counted.size() - 2) : counted;
}

class ConsistencyCheck : public Check {
public:
    explicit ConsistencyCheck(const CompileContext& context)
        : lexicon_(context.lexicon()), brand_(context.brand(), context.lexicon()) {}

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
            std::string counted = counted_form(form);
            if (verdict->second.minority.count(counted)) reporter.report(finding(form, counted, verdict->second));
        });
    }

    void summarize(CorpusReporter& reporter) const override {
        for (const auto& [key, verdict] : verdicts_) {
            std::vector<std::pair<std::string, double>> row{{verdict.majority, double(verdict.majority_count)}};
            // Forms of unknown case are counted apart ("e-mail ^"); the table shows them as written.
            std::map<std::string, size_t> merged;
            for (const auto& [form, n] : verdict.minority) merged[as_written(form)] += n;
            for (const auto& [form, n] : merged) row.emplace_back(form, double(n));
            std::stable_sort(row.begin() + 1, row.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            reporter.row("consistency", std::move(row));
        }
    }

private:
    using Forms = std::map<std::string, size_t>;  // counted form -> occurrences

    struct Verdict {
        std::string majority;
        size_t majority_count = 0;
        Forms minority;
        bool case_only = false;
        bool declared = false;  // the brand file's spelling, whatever the counts
    };

    static Finding finding(const Form& form, const std::string& counted, const Verdict& v) {
        std::string suggestion = v.majority;
        if ((form.sentence_initial || form.title_line) && std::isupper(static_cast<unsigned char>(form.written[0])))
            suggestion[0] = char(std::toupper(static_cast<unsigned char>(suggestion[0])));
        Finding finding;
        finding.rule = "variants";
        // Letter case alone is often a UI label or a heading style: a suggestion only.
        finding.severity = v.case_only ? Severity::suggestion : Severity::warning;
        finding.begin = form.begin;
        finding.end = form.end;
        finding.claim = Claim::words;
        std::string why = v.declared ? " as the brand file does" : " as elsewhere (" + std::to_string(v.majority_count) + " times)";
        finding.message = "Write '" + v.majority + "'" + why + ", not '" + form.written + "' (" +
                          std::to_string(v.minority.at(counted)) + ").";
        finding.suggestions.push_back(suggestion);
        return finding;
    }

    // The forms of words that are not the brand's names: those are terminology.name's,
    // and so is any text inside a name written right or wrong.
    template <class Visit>
    void for_each_form(const Document& document, Visit&& visit) const {
        std::vector<bool> in_name = brand_.in_names(document);
        forms_of(document, [&](const Form& form) {
            if (in_name[form.first_word] || in_name[form.last_word] || touches_name_word(document, form)) return;
            visit(form);
        });
    }

    bool touches_name_word(const Document& document, const Form& form) const {
        if (!brand_.has_name_words()) return false;
        auto words = document.words();
        for (uint32_t i = form.first_word; i <= form.last_word; ++i)
            if (brand_.name_word(std::string(document.key(words[i])))) return true;
        return false;
    }

    void learn(const Document& document) {
        std::vector<std::pair<std::string, std::string>> joined;  // key, form
        std::vector<std::string> compound;
        for_each_form(document, [&](const Form& form) {
            std::string counted = counted_form(form);
            if (form.shape == Shape::joined) joined.emplace_back(form.key, counted);
            else if (form.shape == Shape::hyphenated) compound.push_back(form.key);
            // A capitalised pair may be a name written two ways.
            else if (capitalised(counted) && capitalised(counted.substr(counted.find(' ') + 1)))
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

    // A variant set needs a clear majority, or the brand's own spelling; names and the
    // terms terminology reports are left to it.
    void decide() {
        for (const auto& [key, forms] : counts_) {
            if (brand_.terminology_key(key)) continue;
            const std::string* declared = brand_.spelling(key);
            std::optional<Verdict> verdict = declared ? verdict_for(*declared, forms, true) : majority_verdict(forms);
            if (verdict && variant_set(*verdict)) verdicts_[key] = std::move(*verdict);
        }
        counts_.clear();
        compound_keys_.clear();
    }

    // The majority among forms whose case is known (not in a heading): at least two
    // occurrences and no tie.
    static std::optional<Verdict> majority_verdict(const Forms& forms) {
        std::vector<std::pair<std::string, size_t>> known;
        for (const auto& [form, n] : forms)
            if (!unknown_case(form)) known.emplace_back(form, n);
        std::stable_sort(known.begin(), known.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (known.empty() || known[0].second < 2 || (known.size() > 1 && known[0].second == known[1].second)) return {};
        return verdict_for(known[0].first, forms, false);
    }

    // Every form against `majority`; forms of unknown case agree with it unless spelt otherwise.
    static Verdict verdict_for(const std::string& majority, const Forms& forms, bool declared) {
        Verdict verdict{majority, 0, {}, false, declared};
        for (const auto& [form, n] : forms) {
            if (form == majority) verdict.majority_count += n;
            else if (!(unknown_case(form) && as_written(form) == lower(majority))) verdict.minority[form] = n;
        }
        return verdict;
    }

    // Hyphen against space alone (check-in the noun, check in the verb) and case alone in
    // a dictionary word (May, may) are grammar, not variants.
    bool variant_set(Verdict& verdict) const {
        if (verdict.minority.empty()) return false;
        bool has_joined = false, has_split = false, case_only = true;
        std::string lowered = lower(verdict.majority);
        auto classify = [&](const std::string& written) {
            bool joined = written.find_first_of(" -") == std::string::npos;
            has_joined |= joined;
            has_split |= !joined;
            case_only &= lower(written) == lowered;
        };
        classify(verdict.majority);
        for (const auto& [form, n] : verdict.minority) classify(as_written(form));
        if (!(has_joined && has_split) && !case_only) return false;
        if (case_only && verdict.majority.find_first_of(" -") == std::string::npos &&
            (lexicon_.knows(lowered) || brand_.name_word(lowered)))
            return false;
        verdict.case_only = case_only;
        return true;
    }

    const Lexicon& lexicon_;
    BrandForms brand_;
    std::mutex mutex_;
    std::unordered_set<std::string> compound_keys_;
    using Counts = std::unordered_map<std::string, Forms>;  // key -> form -> count
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
