// terminology: the brand's word choices (docs/brand-file.md) — prefer, avoid and name — found in
// one pass of a term automaton over each document's words.
#include "terminology.hpp"

#include "brand_rules.hpp"
#include "regex.hpp"

#include <touchpoint/plugin.hpp>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>



#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::terminology {
namespace {

struct Term {
    // A shield is a rule's own preferred form ("on-premises" for instead-of="on-premise"):
    // it reports nothing, but holds its words so that no rule flags them.
    enum Kind { prefer, avoid, variant, shield } kind;
    size_t rule;  // index into the brand's prefers, avoids or names
    PhraseShape declared;  // as written in the brand file, for case="exact"
    bool exact_case = false;
    bool acronym = false;  // declared in capitals ("ER", "ASAP"): its capitals are its spelling
    const Lexicon* lexicon = nullptr;  // its language's, for the suggestion's inflection
};


// A run of words some rule, or a correctly written name, claims.
struct Hit {
    // A name written right holds its words before anything else. Then, at one start,
    // the longer hit (in text) wins; at one span, a shield over a term, a term (a declared
    // variant) over a name found by its joined words.
    enum Source { written_name, shield, term, name } source;
    uint32_t first_word, last_word;
    uint32_t begin, end;  // byte offsets into the text
    size_t index;         // a term entry or a name
    Inflection inflection = Inflection::none;
};

struct Candidate {
    uint32_t first_word, last_word;
    size_t name;
    bool exact;
};

// A match quoted in a message, on one line: a term wrapped over a line break reads as written.
std::string quoted(std::string_view text) {
    std::string out = "'";
    for (size_t i = 0; i < text.size(); ++i) {
        bool space = text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n';
        if (!space) out += text[i];
        else if (out.back() != ' ') out += ' ';
    }
    return out + "'";
}

// A name as written, for comparing with the canonical form: NFC, ASCII quotes, a
// no-break space as a space, and a line break (with the spaces around it) as one space.
std::string written_form(std::string_view raw) {
    std::string text(raw);
    for (std::string_view no_break : {"\u00A0", "\u202F"})
        for (size_t at = text.find(no_break); at != std::string::npos; at = text.find(no_break, at))
            text.replace(at, no_break.size(), " ");
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
            size_t j = i;
            bool newline = false;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n'))
                newline |= text[j++] == '\n';
            out += newline ? std::string(" ") : text.substr(i, j - i);
            i = j;
        } else {
            out += text[i++];
        }
    }
    return normalize_form(out);
}

class TerminologyCheck : public Check {
public:
    TerminologyCheck(const CompileContext& context, BrandRules rules)
        : brand_(std::move(rules)), default_language_(context.brand().default_language()) {
        follow_preference_chains();
        // Each rule's terms match in its language only, inflected by its dictionary; a
        // name's variants in every language.
        auto lexicon = [&](std::string_view lang) { return context.lexicon(lang); };
        for (size_t i = 0; i < brand_.prefers.size(); ++i) {
            const Prefer& rule = brand_.prefers[i];
            for (const std::string& alternative : rule.instead_of)
                add(alternative, rule.lang, lexicon(rule.lang), Term::prefer, i, rule.exact_case);
            add_shield(rule.term, rule.lang, lexicon(rule.lang), i);
        }
        for (size_t i = 0; i < brand_.avoids.size(); ++i) {
            const Avoid& rule = brand_.avoids[i];
            if (!rule.term.empty()) add(rule.term, rule.lang, lexicon(rule.lang), Term::avoid, i, rule.exact_case);
            else compile_pattern(i);
            if (!rule.suggest.empty()) add_shield(rule.suggest, rule.lang, lexicon(rule.lang), i);
        }
        for (size_t i = 0; i < brand_.names.size(); ++i) {
            for (const std::string& variant : brand_.names[i].variants) add(variant, {}, nullptr, Term::variant, i, false);
            add_name_keys(i);
        }
        collect_brand_words(context.brand().vocabulary);
        matcher_.build(lexicon, default_language_);
    }

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<Hit> hits = find_terms(document);
        find_names(document, hits);
        report_hits(document, resolve(document, std::move(hits)), reporter);
        find_patterns(document, reporter);
    }

private:
    // "client instead of buyer" and "patient instead of client" mean "patient instead of
    // buyer": a suggestion another rule would flag is never offered, and `fix` settles in
    // one run. In a loop of preferences each term keeps its declared form, whose shield
    // then holds the other rule's words: neither is flagged.
    void follow_preference_chains() {
        // An instead-of's language and key -> its rule: chains stay within a language.
        std::unordered_map<std::string, size_t> replaced_by;
        auto key = [](const Prefer& rule, const std::string& term) { return rule.lang + ":" + match_key(term); };
        for (size_t i = 0; i < brand_.prefers.size(); ++i)
            for (const std::string& alternative : brand_.prefers[i].instead_of)
                replaced_by.emplace(key(brand_.prefers[i], alternative), i);
        // A step is taken only where the next rule applies in every channel this one does.
        auto covers = [](const ChannelFilter& next, const ChannelFilter& from) {
            return next.ids.empty() || (!from.ids.empty() && std::all_of(from.ids.begin(), from.ids.end(), [&](const std::string& id) {
                                            return next.applies_to(id);
                                        }));
        };
        std::vector<std::string> final_terms;
        for (const Prefer& rule : brand_.prefers) {
            std::string term = rule.term;
            for (size_t steps = 0; steps <= brand_.prefers.size(); ++steps) {
                auto next = replaced_by.find(key(rule, term));
                if (next == replaced_by.end() || !covers(brand_.prefers[next->second].channels, rule.channels)) break;
                if (steps == brand_.prefers.size()) term = rule.term;  // a loop
                else term = brand_.prefers[next->second].term;
            }
            final_terms.push_back(std::move(term));
        }
        for (size_t i = 0; i < brand_.prefers.size(); ++i) brand_.prefers[i].term = std::move(final_terms[i]);
    }

    void add(const std::string& term, const std::string& lang, const Lexicon* lexicon, Term::Kind kind, size_t rule,
             bool exact_case) {
        matcher_.add(term, true, lang);
        terms_.push_back({kind, rule, exact_case ? phrase_shape(term) : PhraseShape{}, exact_case, all_upper(term), lexicon});
    }

    // A replacement declared with a capital holds its words only as declared: "carelink"
    // is not the preferred "CareLink" (and may well be a misspelt name).
    void add_shield(const std::string& replacement, const std::string& lang, const Lexicon* lexicon, size_t rule) {
        add(replacement, lang, lexicon, Term::shield, rule, match_key(replacement) != normalize_form(replacement));
    }

    // A name is known by its words' keys joined, with the punctuation between them
    // ("baysidesmiles&urgentcare") and without it ("baysidesmilesurgentcare").
    void add_name_keys(size_t name) {
        const std::string& canonical = brand_.names[name].canonical;
        bool has_possessive = possessive(canonical);
        std::vector<std::string> keys = joined_keys(canonical);
        // A possessive written without its apostrophe ("St. Marys Hospital") is the name
        // misspelt, not an unknown word.
        if (has_possessive)
            for (std::string& key : joined_keys(without_apostrophes(canonical))) keys.push_back(std::move(key));
        for (const std::string& key : keys) {
            name_keys_.emplace(key, name);
            for (size_t n = 1; n < key.size(); ++n) {
                name_prefixes_.insert(key.substr(0, n));
                if (has_possessive) possessive_prefixes_.insert(key.substr(0, n));
            }
        }
    }

    // A phrase's word keys joined without and with the punctuation between them.
    static std::vector<std::string> joined_keys(std::string_view phrase) {
        PhraseShape shape = phrase_shape(phrase);
        std::string plain, punctuated;
        for (size_t w = 0; w < shape.keys.size(); ++w) {
            if (w > 0) punctuated += shape.gaps[w - 1];
            plain += shape.keys[w];
            punctuated += shape.keys[w];
        }
        return {plain, punctuated};
    }

    // Every word of the brand's terms: an inflected suggestion the brand spells is a word
    // even where the dictionary lacks it.
    void collect_brand_words(const BrandVocabulary& vocabulary) {
        auto collect = [&](std::string_view phrase) {
            for (std::string& key : phrase_keys(phrase)) brand_words_.insert(std::move(key));
        };
        for (const Prefer& rule : brand_.prefers) {
            collect(rule.term);
            for (const std::string& alternative : rule.instead_of) collect(alternative);
        }
        for (const Avoid& rule : brand_.avoids) collect(rule.term), collect(rule.suggest);
        for (const Name& name : brand_.names) {
            collect(name.canonical);
            for (const std::string& variant : name.variants) collect(variant);
        }
        for (const std::string& term : vocabulary.themes) collect(term);
        for (const std::string& word : vocabulary.accepted) collect(word);
    }

    bool brand_knows(std::string_view word) const { return brand_words_.count(match_key(word)) > 0; }

    void compile_pattern(size_t avoid) {
        patterns_.emplace_back(avoid, compile_regex(brand_.avoids[avoid].pattern, brand_.avoids[avoid].exact_case));
    }

    bool applies(const Term& term, std::string_view channel) const {
        switch (term.kind) {
        case Term::prefer: return brand_.prefers[term.rule].channels.applies_to(channel);
        case Term::avoid: return brand_.avoids[term.rule].channels.applies_to(channel);
        case Term::variant: return brand_.names[term.rule].channels.applies_to(channel);
        case Term::shield: return true;
        }
        return false;
    }

    std::vector<Hit> find_terms(const Document& document) const {
        std::vector<Hit> hits;
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            const Term& term = terms_[match.entry];
            if (!applies(term, document.channel())) return;
            if (term.exact_case &&
                !written_as_declared(document, match, term.declared, starts_sentence(document.text(), match.begin)))
                return;
            Hit::Source source = term.kind == Term::shield ? Hit::shield : Hit::term;
            hits.push_back({source, match.first_word, match.last_word, match.begin, match.end, match.entry, match.inflection});
        });
        return hits;
    }

    // case="exact": each word as declared; an inflected last word begins as declared
    // ("ERs" for "ER"), or, where the inflection changes a lower-case ending, all but it
    // ("parties" for "party"). A sentence's first word may take a capital that is declared
    // lower-case ("Teh" for "teh"), never lose one ("er" is not "ER").
    static bool written_as_declared(const Document& document, const TermMatcher::Match& match, const PhraseShape& declared,
                                    bool sentence_start) {
        auto words = document.words();
        for (uint32_t w = match.first_word; w <= match.last_word; ++w) {
            std::string written = normalize_form(document.text().substr(words[w].begin, words[w].end - words[w].begin));
            const std::string& want = declared.words[w - match.first_word];
            if (w == match.first_word && sentence_start && with_initial(want, false) == want)
                written = with_initial(std::move(written), false);
            bool inflected = w == match.last_word && match.inflection != Inflection::none;
            if (!inflected ? written != want
                           : !written.starts_with(want) &&
                                 !(want.size() > 1 && std::islower(static_cast<unsigned char>(want.back())) &&
                                   written.starts_with(want.substr(0, want.size() - 1))))
                return false;
        }
        return true;
    }

    static std::string without_apostrophes(std::string key) {
        for (std::string_view mark : {"'", "\u2019"})
            for (size_t at = key.find(mark); at != std::string::npos; at = key.find(mark, at)) key.erase(at, mark.size());
        return key;
    }

    // True when a text holds a possessive ending ("Smiles's ").
    static bool possessive(std::string_view text) {
        for (std::string_view ending : {"'s", "'S", "\u2019s", "\u2019S"})
            if (text.find(ending) != std::string_view::npos) return true;
        return false;
    }

    // Names: any run of words whose keys, joined, spell a canonical name is that name;
    // it is a finding unless written exactly so.
    void find_names(const Document& document, std::vector<Hit>& hits) const {
        if (name_keys_.empty()) return;
        auto words = document.words();
        std::string_view text = document.text();
        for (uint32_t first = 0; first < words.size(); ++first) {
            if (words[first].in_literal) continue;
            std::string joined;
            std::optional<Candidate> longest;
            for (uint32_t last = first; last < words.size() && !words[last].in_literal; ++last) {
                // A possessive ends a name, unless a name goes on after one ("St. Mary's
                // Hospital"): "Bayside Smiles's urgent care" is not "Bayside Smiles &
                // Urgent Care" misspelt.
                if (last > first && possessive(text.substr(words[last - 1].end, words[last].begin - words[last - 1].end)) &&
                    !possessive_prefixes_.count(joined))
                    break;
                if (last > first) {
                    std::string_view gap = text.substr(words[last - 1].end, words[last].begin - words[last - 1].end);
                    if (!joins_words(gap)) {
                        std::string punctuation = punctuation_of(gap);
                        if (punctuation.empty() || !name_prefixes_.count(joined + punctuation)) break;
                        joined += punctuation;
                    }
                }
                joined += document.key(words[last]);
                if (auto it = name_keys_.find(joined); it != name_keys_.end()) {
                    const Name& name = brand_.names[it->second];
                    std::string_view written = text.substr(words[first].begin, words[last].end - words[first].begin);
                    bool exact = written_form(written) == normalize_form(name.canonical);
                    if (name.channels.applies_to(document.channel()) || exact) longest = Candidate{first, last, it->second, exact};
                }
                if (!name_prefixes_.count(joined)) break;
            }
            if (!longest) continue;
            // A name written right wins over anything overlapping it ("my Riverbend
            // Health": no "My Riverbend").
            hits.push_back({longest->exact ? Hit::written_name : Hit::name, longest->first_word, longest->last_word,
                            words[longest->first_word].begin, words[longest->last_word].end, longest->name});
        }
    }

    // Each word belongs to one hit: correctly written names first, then the longest at
    // the leftmost start.
    std::vector<Hit> resolve(const Document& document, std::vector<Hit> hits) const {
        std::vector<bool> held(document.words().size(), false);
        auto free = [&](const Hit& h) {
            return std::none_of(held.begin() + h.first_word, held.begin() + h.last_word + 1, [](bool b) { return b; });
        };
        auto hold = [&](const Hit& h) { std::fill(held.begin() + h.first_word, held.begin() + h.last_word + 1, true); };
        for (const Hit& h : hits)
            if (h.source == Hit::written_name) hold(h);
        // By text, not words: "C++" is longer than a shield "C" on the same word.
        std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
            return std::tuple(a.begin, -int64_t(a.end), a.source) < std::tuple(b.begin, -int64_t(b.end), b.source);
        });
        std::vector<Hit> kept;
        for (const Hit& h : hits) {
            if (h.source == Hit::written_name || !free(h)) continue;
            hold(h);
            if (h.source != Hit::shield) kept.push_back(h);
        }
        return kept;
    }

    void report_hits(const Document& document, const std::vector<Hit>& hits, Reporter& reporter) const {
        for (const Hit& h : hits) {
            std::string_view written = document.text().substr(h.begin, h.end - h.begin);
            if (h.source == Hit::term) {
                Finding finding = describe(terms_[h.index], written, h.inflection, h.begin, h.end);
                for (std::string& suggestion : finding.suggestions)
                    suggestion = recased(terms_[h.index], written, std::move(suggestion), document.text(), h.begin);
                // "e.g." ending a sentence ends it twice: its replacement keeps the full stop.
                // Before a capital it may as well go on to a name ("e.g. Dr. Smith"): a
                // person decides.
                if (written.ends_with('.')) {
                    Stop stop = what_follows(document, h.end);
                    if (stop == Stop::paragraph_end)
                        for (std::string& suggestion : finding.suggestions)
                            if (!suggestion.ends_with('.')) suggestion += '.';
                    if (stop == Stop::capital) finding.fixable = false;
                }
                if (finding.rule == "prefer") finding.message = prefer_message(finding.suggestions.front(), written);
                reporter.report(std::move(finding));
            }
            else reporter.report(misspelt_name(brand_.names[h.index], h.begin, h.end));
        }
    }

    static size_t utf8_length(std::string_view text) {
        size_t n = 0;
        for (unsigned char c : text) n += (c & 0xC0) != 0x80;
        return n;
    }
    static bool has_upper(std::string_view text) {
        for (int32_t i = 0; i < int32_t(text.size());) {
            UChar32 c;
            U8_NEXT(text.data(), i, int32_t(text.size()), c);
            if (u_isupper(c) || u_istitle(c)) return true;
        }
        return false;
    }
    static bool all_upper(std::string_view text) {
        bool letters = false;
        for (int32_t i = 0; i < int32_t(text.size());) {
            UChar32 c;
            U8_NEXT(text.data(), i, int32_t(text.size()), c);
            if (u_islower(c)) return false;
            letters |= u_isalpha(c) != 0;
        }
        return letters;
    }
    static std::string with_initial(std::string word, bool upper) {
        icu::UnicodeString s = icu::UnicodeString::fromUTF8(word);
        if (s.isEmpty()) return word;
        UChar32 c = s.char32At(0);
        s.replace(0, U16_LENGTH(c), icu::UnicodeString(upper ? u_toupper(c) : u_tolower(c)));
        std::string out;
        s.toUTF8String(out);
        return out;
    }
    static std::string lowered_utf8(std::string_view text) {
        icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
        s.toLower(icu::Locale::getRoot());
        std::string out;
        s.toUTF8String(out);
        return out;
    }

    // True when `at` starts a sentence: only spaces, quotes or brackets between it and
    // the text's start, a line's start, or a sentence's closing mark.
    static bool starts_sentence(std::string_view text, uint32_t at) {
        size_t pos = at;
        while (pos > 0) {
            unsigned char c = static_cast<unsigned char>(text[pos - 1]);
            if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_') --pos;
            else if (c >= 0x80 && pos >= 3 && (text.substr(pos - 3, 3) == "\u201C" || text.substr(pos - 3, 3) == "\u2018")) pos -= 3;
            // Spanish opens a question or an exclamation with its mark: "¿Cliente nuevo?"
            else if (c >= 0x80 && pos >= 2 && (text.substr(pos - 2, 2) == "\u00BF" || text.substr(pos - 2, 2) == "\u00A1")) pos -= 2;
            else break;
        }
        if (pos == 0) return true;
        char before = text[pos - 1];
        // A line's start: a block's (a list item, a table cell), a sign's, a plain-text
        // line's; ICU's sentences and the readability rule break there too.
        if (before == '\n') return true;
        if (before == '.') {  // "Dr. Teh": an abbreviation's full stop ends no sentence
            size_t word = pos - 1;
            while (word > 0 && (std::isalpha(static_cast<unsigned char>(text[word - 1])) || text[word - 1] == '.')) --word;
            if (is_abbreviation(text.substr(word, pos - 1 - word))) return false;
        }
        return (before == '.' || before == '!' || before == '?' || before == ':') && pos < at;
    }

    // The letter case the text around decides, which the words alone cannot: an acronym
    // declared in capitals ("ASAP", "ER") passes none on, and a sentence's first word
    // keeps its capital ("ER staff are here." -> "Emergency room staff"); Title Case
    // words ("Visit Urgent Care") give Title Case words ("Walk-in Clinic"). A suggestion
    // declared with a capital is written as declared.
    std::string recased(const Term& term, std::string_view written, std::string suggestion, std::string_view text,
                        uint32_t begin) const {
        if (term.kind == Term::variant) return suggestion;
        const std::string& declared = term.kind == Term::prefer ? brand_.prefers[term.rule].term : brand_.avoids[term.rule].suggest;
        if (has_upper(declared)) return suggestion;
        std::string_view core = written;  // an acronym's plural is an acronym: "ERs"
        if (core.size() >= 2 && core.back() == 's' && std::isupper(static_cast<unsigned char>(core[core.size() - 2])))
            core.remove_suffix(1);
        bool acronym = all_upper(core) && (term.acronym || utf8_length(core) <= 3);
        if (acronym) suggestion = lowered_utf8(suggestion);
        bool sentence_start = starts_sentence(text, begin);
        // A capital at a line's start is most often a sentence's ("Hi.\nVisited it."): no
        // Title Case is read into it.
        bool line_start = sentence_start || (begin > 0 && text[begin - 1] == '\n');
        std::vector<std::string> words;
        for (size_t start = 0; start <= suggestion.size();) {
            size_t space = suggestion.find(' ', start);
            if (space == std::string::npos) space = suggestion.size();
            words.push_back(suggestion.substr(start, space - start));
            start = space + 1;
        }
        std::vector<std::string_view> originals;
        for (size_t start = 0; start <= written.size();) {
            size_t space = written.find(' ', start);
            if (space == std::string_view::npos) space = written.size();
            if (space > start) originals.push_back(written.substr(start, space - start));
            start = space + 1;
        }
        bool title_case = !acronym && !term.acronym && !all_upper(written) && !originals.empty() &&
                          std::all_of(originals.begin(), originals.end(), [](std::string_view w) { return has_upper(w.substr(0, 1)); }) &&
                          (originals.size() > 1 || !line_start) && words.size() > 1;
        // Title Case leaves its small words small: "Department of Medicine".
        static const std::unordered_set<std::string_view> small{"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor",
                                                                 "of", "on", "or", "the", "to", "up", "with"};
        if (title_case) {
            for (size_t i = 0; i < words.size(); ++i)
                if (i == 0 || !small.count(words[i])) words[i] = with_initial(std::move(words[i]), true);
        } else if (sentence_start && acronym && !words.empty())  // other words carry their own capital
            words.front() = with_initial(std::move(words.front()), true);
        std::string out;
        for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
        return out;
    }

    enum class Stop { paragraph_end, capital, other };

    // What follows a full stop at `at`: only space to its paragraph's end, space and a
    // capital (a sentence's start, or a name's), or anything else.
    static Stop what_follows(const Document& document, uint32_t at) {
        std::string_view text = document.text();
        size_t pos = at;
        int line_breaks = 0;
        bool block_break = false;  // a list item's, a table cell's end: no line break of the source
        for (; pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n'); ++pos)
            if (text[pos] == '\n') {
                ++line_breaks;
                block_break |= !document.copies_line_break(uint32_t(pos));
            }
        if (pos == text.size() || line_breaks >= 2 || block_break) return Stop::paragraph_end;
        if (pos == at) return Stop::other;
        UChar32 c;
        int32_t i = int32_t(pos);
        U8_NEXT(text.data(), i, int32_t(text.size()), c);
        return u_isupper(c) ? Stop::capital : Stop::other;
    }

    static std::string prefer_message(std::string_view better, std::string_view written) {
        return "Use " + quoted(better) + " instead of " + quoted(written) + ".";
    }

    Finding describe(const Term& term, std::string_view written, Inflection inflection, uint32_t begin, uint32_t end) const {
        Finding finding;
        finding.begin = begin;
        finding.end = end;
        finding.claim = Claim::words;
        auto known = [this](std::string_view word) { return brand_knows(word); };
        if (term.kind == Term::prefer) {
            const Prefer& rule = brand_.prefers[term.rule];
            Shaped better = shape_replacement(written, inflection, rule.term, term.lexicon, known);
            finding.rule = "prefer";
            finding.severity = rule.severity;
            // Its message names the suggestion as report_hits finishes it (case, full stop).
            finding.suggestions.push_back(std::move(better.text));
            finding.fixable = better.inflected;
        } else if (term.kind == Term::avoid) {
            const Avoid& rule = brand_.avoids[term.rule];
            finding.rule = "avoid";
            finding.severity = rule.severity;
            finding.message = rule.reason.empty() ? "Avoid " + quoted(written) + "." : rule.reason;
            if (!rule.suggest.empty()) {
                Shaped better = shape_replacement(written, inflection, rule.suggest, term.lexicon, known);
                finding.suggestions.push_back(std::move(better.text));
                finding.fixable = better.inflected;
            }
        } else {
            const Name& rule = brand_.names[term.rule];
            finding.rule = "name";
            finding.severity = rule.severity;
            finding.message = "Write the name as " + quoted(rule.canonical) + ", not " + quoted(written) + ".";
            finding.suggestions.push_back(rule.canonical);
            // A name has no plural: "Riverbend Hospitals" wants rewording, not the name.
            finding.fixable = inflection == Inflection::none;
        }
        return finding;
    }

    static Finding misspelt_name(const Name& name, uint32_t begin, uint32_t end) {
        Finding finding;
        finding.rule = "name";
        finding.severity = name.severity;
        finding.begin = begin;
        finding.end = end;
        finding.message = "Write the name exactly as " + quoted(name.canonical) + ".";
        finding.claim = Claim::words;
        finding.suggestions.push_back(name.canonical);
        return finding;
    }

    void find_patterns(const Document& document, Reporter& reporter) const {
        std::string_view prose = document.text();
        std::optional<SearchText> text;  // made at the first pattern for this channel
        for (const auto& avoid_pattern : patterns_) {
            const Avoid& rule = brand_.avoids[avoid_pattern.first];  // not a structured binding: clang 14 cannot capture one
            if (!rule.channels.applies_to(document.channel())) continue;
            if (!text) text.emplace(prose);
            for_each_match(avoid_pattern.second, *text, [&](uint32_t begin, uint32_t end) {
                if (document.language_at(begin, default_language_) != rule.lang) return;
                Finding finding;
                finding.rule = "avoid";
                finding.severity = rule.severity;
                finding.begin = begin;
                finding.end = end;
                finding.claim = Claim::words;
                std::string_view written = prose.substr(begin, end - begin);
                finding.message = rule.reason.empty() ? "Avoid " + quoted(written) + "." : rule.reason;
                if (!rule.suggest.empty()) finding.suggestions.push_back(shape_like(written, Inflection::none, rule.suggest, nullptr));
                reporter.report(std::move(finding));
            });
        }
    }

    BrandRules brand_;  // the brand's names, prefers and avoids
    std::string default_language_;
    TermMatcher matcher_;
    std::vector<Term> terms_;
    std::vector<std::pair<size_t, Regex>> patterns_;
    std::unordered_map<std::string, size_t> name_keys_;
    std::unordered_set<std::string> name_prefixes_;
    std::unordered_set<std::string> possessive_prefixes_;  // of names with a possessive in them
    std::unordered_set<std::string> brand_words_;
};

}  // namespace

std::string TerminologyPlugin::name() const { return "terminology"; }

std::string TerminologyPlugin::description() const {
    return "The brand's word choices: preferred terms, words to avoid and proper names.";
}

std::vector<RuleInfo> TerminologyPlugin::rules() const {
    return {
        {"prefer", "A word the brand replaces with its preferred term (<prefer>).", Severity::warning},
        {"avoid", "Off-brand, over-promising or regulated wording (<avoid>).", Severity::warning},
        {"name", "A proper name not written exactly as declared, or a variant of it (<name>).", Severity::warning},
    };
}

std::vector<RuleInfo> TerminologyPlugin::pack_rule_types() const {
    return {{"avoid",
             "Words, phrases (<term suggest=\"...\">) and ICU patterns (<pattern>) to avoid, matched like the brand's terms.",
             Severity::warning}};
}

std::unique_ptr<Check> TerminologyPlugin::compile_pack_rule(const PackRule& rule, const CompileContext& context) const {
    if (rule.type != "avoid") return nullptr;
    return make_pack_avoid_check({rule}, context);
}

std::unique_ptr<Check> TerminologyPlugin::compile_pack_rules(const std::vector<PackRule>& rules,
                                                             const CompileContext& context) const {
    for (const PackRule& rule : rules)
        if (rule.type != "avoid") return nullptr;
    return make_pack_avoid_check(rules, context);
}

std::vector<std::string> TerminologyPlugin::brand_elements() const { return {"name", "prefer", "avoid"}; }

void TerminologyPlugin::read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const {
    publish(read_brand_rules(elements), vocabulary);
}

std::unique_ptr<Check> TerminologyPlugin::compile(const CompileContext& context) const {
    const Brand& brand = context.brand();
    std::vector<const BrandElement*> mine;
    for (const BrandElement& element : brand.elements)
        if (element.name == "name" || element.name == "prefer" || element.name == "avoid") mine.push_back(&element);
    BrandRules rules = read_brand_rules(mine);
    if (rules.prefers.empty() && rules.avoids.empty() && rules.names.empty()) return nullptr;
    return std::make_unique<TerminologyCheck>(context, std::move(rules));
}

}  // namespace touchpoint::terminology

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::terminology::TerminologyPlugin)
#endif
