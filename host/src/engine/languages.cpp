#include "engine/languages.hpp"

#include <touchpoint/brand.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint {
namespace {

// Closed-class words (articles, prepositions, pronouns, auxiliaries) that are frequent
// in one language and not words of the other: "a", "no", "he" and "me" are in neither list.
const std::unordered_map<std::string_view, std::unordered_set<std::string_view>>& stop_words() {
    static const std::unordered_map<std::string_view, std::unordered_set<std::string_view>> words = {
        {"en", {"the", "and", "of", "to", "in", "is", "are", "you", "your", "we", "our", "for", "with", "on", "at",
                "by", "it", "this", "that", "be", "or", "from", "as", "an", "will", "can", "all", "have", "has",
                "not", "do", "if", "please", "here", "they", "their", "us", "my", "was", "were", "what", "when",
                "who", "how", "which", "there", "about", "into", "than", "would", "should", "may", "been", "its",
                "these", "those", "only", "also", "any", "more", "out", "up", "room", "entrance", "exit"}},
        {"es", {"el", "la", "los", "las", "de", "del", "y", "en", "que", "es", "un", "una", "unos", "unas", "por",
                "para", "con", "su", "sus", "al", "lo", "le", "les", "se", "nos", "nuestro", "nuestra", "nuestros",
                "nuestras", "usted", "ustedes", "este", "esta", "estos", "estas", "ese", "esa", "pero", "como",
                "más", "sin", "sobre", "entre", "cuando", "donde", "dónde", "también", "muy", "todo", "todos",
                "puede", "pueden", "está", "están", "son", "ser", "hay", "favor", "aquí", "sala", "salida",
                "entrada", "ni", "o", "u", "e"}},
    };
    return words;
}

// Letters that English words do not carry.
bool has_spanish_letter(std::string_view key) {
    for (std::string_view letter : {"ñ", "á", "é", "í", "ó", "ú", "ü", "¿", "¡"})
        if (key.find(letter) != std::string_view::npos) return true;
    return false;
}

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What a plan scores each word by, per language.
struct Scoring {
    uint64_t plan;
    std::vector<const Lexicon*> lexicons;
    std::vector<const std::unordered_set<std::string_view>*> stops;
    std::vector<bool> spanish;

    explicit Scoring(const LanguagePlan& p) : plan(p.id) {
        for (const std::string& lang : p.languages) {
            lexicons.push_back(p.lexicon ? p.lexicon(lang) : nullptr);
            auto found = stop_words().find(lang);
            stops.push_back(found == stop_words().end() ? nullptr : &found->second);
            spanish.push_back(lang == "es");
        }
    }
    // A word scores 3 in a language whose stop word it is, 2 in Spanish for a letter
    // English lacks, 1 in each language whose dictionary knows it (two letters or more).
    int score(size_t l, std::string_view key, std::string_view written) const {
        int score = 0;
        if (stops[l] && stops[l]->count(key)) score += 3;
        if (spanish[l] && has_spanish_letter(key)) score += 2;
        if (lexicons[l] && key.size() > 1 && lexicons[l]->knows(written)) score += 1;
        return score;
    }
    // All its languages' scores, 4 bits each, remembered per thread for up to 16
    // languages: detection scores every word of every paragraph, and each score asked
    // the shared dictionaries (a fifth of a run with terminology alone).
    // A table of the frequent words in front of the map keeps most look-ups in the
    // processor's cache: a map of a corpus's vocabulary misses it at every word.
    uint64_t packed(std::string_view key, std::string_view written) const {
        struct Slot {
            char word[22];
            uint8_t size = 0;  // 0: empty
            uint64_t scores;
        };
        struct Cache {
            uint64_t plan = 0;
            std::unordered_map<std::string, uint64_t, StringHash, std::equal_to<>> scores;
            std::vector<Slot> recent = std::vector<Slot>(4096);
        };
        thread_local Cache cache;
        if (cache.plan != plan) cache = {plan, {}};
        size_t hash = StringHash{}(written);
        Slot& slot = cache.recent[hash & 4095];
        if (slot.size == written.size() && std::memcmp(slot.word, written.data(), written.size()) == 0) return slot.scores;
        uint64_t scores;
        if (auto found = cache.scores.find(written); found != cache.scores.end()) {
            scores = found->second;
        } else {
            scores = 0;
            for (size_t l = 0; l < lexicons.size(); ++l) scores |= uint64_t(score(l, key, written)) << (4 * l);
            if (cache.scores.size() >= (1u << 16)) cache.scores.clear();  // bounded: 65,536 words, a few MB
            cache.scores.emplace(written, scores);
        }
        if (!written.empty() && written.size() <= sizeof slot.word) {
            std::memcpy(slot.word, written.data(), written.size());
            slot.size = uint8_t(written.size());
            slot.scores = scores;
        }
        return scores;
    }
    bool packs() const { return lexicons.size() <= 16; }
};

}  // namespace

uint64_t LanguagePlan::next_id() {
    static std::atomic<uint64_t> next{1};
    return next++;
}

int LanguageScores::best(double margin) const {
    int top = -1;
    double top_score = 0, second = 0;
    for (size_t i = 0; i < scores.size(); ++i) {
        if (top < 0 || scores[i] > top_score) {
            second = top < 0 ? 0 : top_score;
            top = int(i);
            top_score = scores[i];
        } else if (scores[i] > second) {
            second = scores[i];
        }
    }
    return top >= 0 && top_score - second >= margin ? top : -1;
}

LanguageScores score_languages(const Document& document, uint32_t begin, uint32_t end, const LanguagePlan& plan) {
    size_t count = plan.languages.size();
    LanguageScores result{std::vector<double>(count, 0)};
    Scoring scoring(plan);
    auto words = document.words();
    auto first = std::lower_bound(words.begin(), words.end(), begin, [](const Word& w, uint32_t at) { return w.begin < at; });
    for (auto w = first; w != words.end() && w->begin < end; ++w) {
        if (w->in_literal) continue;
        std::string_view key = document.key(*w), written = document.text().substr(w->begin, w->end - w->begin);
        if (scoring.packs()) {
            uint64_t packed = scoring.packed(key, written);
            for (size_t l = 0; l < count; ++l) result.scores[l] += double((packed >> (4 * l)) & 15);
        } else {
            for (size_t l = 0; l < count; ++l) result.scores[l] += scoring.score(l, key, written);
        }
    }
    // Inverted marks open Spanish questions and exclamations.
    std::string_view text = document.text().substr(begin, end - begin);
    for (size_t l = 0; l < plan.languages.size(); ++l)
        if (plan.languages[l] == "es" && (text.find("¿") != std::string_view::npos || text.find("¡") != std::string_view::npos))
            result.scores[l] += 2;
    return result;
}

int detect_language(std::string_view text, const LanguagePlan& plan) {
    Document document("", "", std::string(text), std::string(text), {});
    return score_languages(document, 0, uint32_t(text.size()), plan).best();
}

namespace {

// A declared language as a primary subtag, or "" where the declaration names none: a
// YAML comment or quotes around it ("es # Spanish"), Word's "x-none", "zxx" (no
// linguistic content), "und", or a value that is no tag at all ("español", "[es]").
std::string declared_language(std::string_view tag) {
    size_t begin = tag.find_first_not_of(" \t\"'");
    if (begin == std::string_view::npos) return {};
    tag.remove_prefix(begin);
    tag = tag.substr(0, tag.find_first_of(" \t\"'#"));
    std::string primary = primary_language(tag);
    bool letters = primary.size() >= 2 && primary.size() <= 3 &&
                   std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    size_t after = primary.size();
    bool whole = after == tag.size() || tag[after] == '-' || tag[after] == '_';
    if (!letters || !whole || primary == "zxx" || primary == "und" || primary == "mul") return {};
    return primary;
}

class Assigner {
public:
    Assigner(Document& document, const LanguagePlan& plan) : document_(document), plan_(plan), names_(plan.languages) {
        if (names_.empty()) names_.push_back("en");
    }

    void run(const std::vector<DeclaredLanguage>& declared, const std::string& document_language) {
        for (const DeclaredLanguage& d : declared)
            if (std::string lang = declared_language(d.tag); d.text_end > d.text_begin && !lang.empty())
                runs_.push_back({d.text_begin, d.text_end, index_of(lang)});
        std::sort(runs_.begin(), runs_.end(), [](const LanguageRun& a, const LanguageRun& b) { return a.begin < b.begin; });
        std::vector<LanguageRun> gaps = undeclared();
        if (std::string own = declared_language(document_language); !own.empty()) {
            uint8_t lang = index_of(own);
            for (LanguageRun& gap : gaps) runs_.push_back({gap.begin, gap.end, lang});
        } else if (plan_.languages.size() > 1) {
            for (const LanguageRun& gap : gaps) detect(gap.begin, gap.end);
        }
        std::sort(runs_.begin(), runs_.end(), [](const LanguageRun& a, const LanguageRun& b) { return a.begin < b.begin; });
        std::erase_if(runs_, [](const LanguageRun& r) { return r.language == 0; });
        document_.set_languages(std::move(names_), std::move(runs_));
    }

private:
    uint8_t index_of(const std::string& tag) {
        std::string lang = primary_language(tag);
        for (size_t i = 0; i < names_.size(); ++i)
            if (names_[i] == lang) return uint8_t(i);
        if (names_.size() >= 255 || lang.empty()) return 0;
        names_.push_back(lang);
        return uint8_t(names_.size() - 1);
    }

    // The text no declared run covers, paragraph by paragraph.
    std::vector<LanguageRun> undeclared() const {
        std::vector<LanguageRun> gaps;
        auto run = runs_.begin();
        for (auto [begin, end] : paragraphs(document_.text())) {
            uint32_t at = begin;
            while (run != runs_.end() && run->end <= at) ++run;
            for (auto r = run; r != runs_.end() && r->begin < end; ++r) {
                if (r->begin > at) gaps.push_back({at, r->begin, 0});
                at = std::max(at, r->end);
            }
            if (at < end) gaps.push_back({at, end, 0});
        }
        return gaps;
    }

    // A paragraph in the language it reads as; a sign's lines ("Pharmacy" above
    // "Farmacia") each in theirs where they read clearly as different languages.
    void detect(uint32_t begin, uint32_t end) {
        int whole = score_languages(document_, begin, end, plan_).best();
        std::string_view text = document_.text();
        std::vector<std::pair<uint32_t, uint32_t>> lines;
        for (uint32_t at = begin; at < end;) {
            size_t newline = text.find('\n', at);
            uint32_t line_end = newline == std::string_view::npos || newline > end ? end : uint32_t(newline);
            lines.emplace_back(at, line_end);
            at = line_end + 1;
        }
        if (lines.size() > 1) {
            // A sign's short lines ("RADIOLOGY" above "RADIOLOGÍA": one dictionary word, or
            // an accent) decide with any lead; the lines of wrapped prose with a clear one.
            bool short_lines = std::all_of(lines.begin(), lines.end(), [&](std::pair<uint32_t, uint32_t> line) {
                return words_in(line.first, line.second) <= 8;
            });
            double margin = whole < 0 || short_lines ? 1 : 2;
            std::vector<int> each;
            for (auto [b, e] : lines) each.push_back(score_languages(document_, b, e, plan_).best(margin));
            bool differ = std::any_of(each.begin(), each.end(), [&](int l) { return l >= 0 && l != each.front(); }) ||
                          std::any_of(each.begin(), each.end(), [&](int l) { return l >= 0 && l != whole; });
            if (differ) {
                for (size_t i = 0; i < lines.size(); ++i) {
                    int lang = each[i] >= 0 ? each[i] : whole;
                    if (lang > 0) runs_.push_back({lines[i].first, lines[i].second, uint8_t(lang)});
                }
                return;
            }
        }
        if (whole > 0) runs_.push_back({begin, end, uint8_t(whole)});
    }

    size_t words_in(uint32_t begin, uint32_t end) const {
        auto words = document_.words();
        auto first = std::lower_bound(words.begin(), words.end(), begin, [](const Word& w, uint32_t at) { return w.begin < at; });
        auto last = std::lower_bound(first, words.end(), end, [](const Word& w, uint32_t at) { return w.begin < at; });
        return size_t(last - first);
    }

    Document& document_;
    const LanguagePlan& plan_;
    std::vector<std::string> names_;
    std::vector<LanguageRun> runs_;
};

}  // namespace

void assign_languages(Document& document, const std::vector<DeclaredLanguage>& declared,
                      const std::string& document_language, const LanguagePlan& plan) {
    Assigner(document, plan).run(declared, document_language);
}

}  // namespace touchpoint
