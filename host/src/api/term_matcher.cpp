#include <touchpoint/text.hpp>
#include <touchpoint/brand.hpp>

#include "base/unicode.hpp"
#include "base/words.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace touchpoint {

namespace {
constexpr uint32_t no_key = UINT32_MAX;
}

namespace {
// Punctuation between words is an edge of its own in the trie, marked so that it can
// never equal a word's key.
std::string gap_token(std::string_view punctuation) { return "\x1F" + std::string(punctuation); }

// True when the text at `at` goes on with a letter or digit, through no space and no mark
// but the term's own: a punctuated term there is part of a longer token ("24/7" in
// "24/7/365", "C++" in "C++11"), while other marks join two tokens ("Q&A/FAQ",
// "C++-based"). A possessive after it ends the token ("C++'s").
bool token_goes_on(std::string_view text, uint32_t at, bool forward, std::string_view marks) {
    auto own_mark = [&](std::string_view mark) { return marks.find(mark) != std::string_view::npos; };
    size_t pos = at;
    if (forward) {
        if (size_t possessive = possessive_start(text.substr(pos))) {
            size_t after = pos + possessive;
            return after < text.size() && (u_isalnum(utf8::next(text, after)));
        }
        while (pos < text.size()) {
            size_t start = pos;
            char32_t c = utf8::next(text, pos);
            if (u_isalnum(c)) return true;
            if (u_isspace(c) || !own_mark(text.substr(start, pos - start))) return false;
        }
        return false;
    }
    while (pos > 0) {
        size_t start = pos - 1;
        while (start > 0 && utf8::is_continuation(static_cast<unsigned char>(text[start]))) --start;
        size_t read = start;
        char32_t c = utf8::next(text, read);
        if (u_isalnum(c)) return true;
        if (u_isspace(c) || !own_mark(text.substr(start, read - start))) return false;
        pos = start;
    }
    return false;
}

// The punctuation a term is written with, each mark once.
std::string marks_of(std::string_view term) {
    std::string marks;
    for (size_t pos = 0; pos < term.size();) {
        size_t start = pos;
        char32_t c = utf8::next(term, pos);
        std::string_view mark = term.substr(start, pos - start);
        if (!u_isalnum(c) && !u_isspace(c) && marks.find(mark) == std::string::npos) marks += mark;
    }
    return marks;
}
}  // namespace

struct TOUCHPOINT_LOCAL TermMatcher::Impl {
    struct Output {
        uint32_t entry;
        Inflection inflection;
    };
    struct Node {
        std::vector<Output> outputs;
    };
    uint32_t intern(const std::string& key);
    uint32_t child(uint32_t node, uint32_t key, bool create);
    void insert(const std::vector<std::string>& keys, Output output);

    // The trie's edges for a term: its word keys with its inner punctuation between them.
    static std::vector<std::string> path_of(const PhraseShape& shape);
    bool follow_gap(uint32_t& node, std::string_view gap) const;
    // Bytes of `affix` just before (or after) `at`, or -1 when the text has no such affix.
    static int64_t affix_length(std::string_view text, uint32_t at, std::string_view affix, bool before);

    struct Pending {
        PhraseShape shape;
        bool inflect;
    };
    std::vector<Pending> pending_;
    struct Affixes {
        std::string lead, trail;
        std::string marks;  // the term's punctuation: where there is some, the term must be a whole token
    };
    std::vector<Affixes> affixes_;  // by entry
    bool has_gaps_ = false;         // some term has punctuation between its words
    std::vector<std::string> langs_;  // by entry: its language, or "" for every one
    bool has_langs_ = false;          // some term is of one language
    std::string default_lang_;
    bool in_language(const Document& document, const Word& word, uint32_t entry) const;
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> key_ids_;
    // One bit per hash of the keys, sixteen bits a key: most words of a text are no key,
    // and the bits answer that from the cache where the map's buckets, with 20,000
    // terms, would each cost a miss.
    std::vector<uint64_t> key_bits_;
    uint64_t key_bits_mask_ = 0;
    static uint64_t bit_hash(std::string_view key);
    bool may_be_key(std::string_view key) const;
    std::unordered_map<uint64_t, uint32_t> edges_;
    std::vector<Node> nodes_{Node{}};
    uint32_t entries_ = 0;

    uint32_t add(std::string_view term, bool inflect, std::string_view lang);
    void build(const std::function<const Lexicon*(std::string_view)>& lexicons);
    void scan(const Document& document, const std::function<void(const Match&)>& on_match) const;
};

uint32_t TermMatcher::Impl::add(std::string_view term, bool inflect, std::string_view lang) {
    PhraseShape shape = phrase_shape(term);
    if (shape.keys.empty()) throw std::invalid_argument("the term '" + std::string(term) + "' has no word in it");
    // A term ending in a possessive ("St. Mary's") matches with it: the words without it
    // are another text, and a fix must replace the possessive too.
    if (shape.trail.empty() && possessive_ending(term) > 0) shape.trail = "'s";
    // "e.g." or "and/or" in an inflection would be no word.
    bool punctuated = shape.has_punctuation();
    has_gaps_ |= std::any_of(shape.gaps.begin(), shape.gaps.end(), [](const std::string& g) { return !g.empty(); });
    affixes_.push_back({shape.lead, shape.trail, punctuated ? marks_of(term) : std::string()});
    pending_.push_back({std::move(shape), inflect && !punctuated});
    langs_.emplace_back(lang);
    has_langs_ |= !lang.empty();
    return entries_++;
}

std::vector<std::string> TermMatcher::Impl::path_of(const PhraseShape& shape) {
    std::vector<std::string> path;
    for (size_t i = 0; i < shape.keys.size(); ++i) {
        if (i > 0 && !shape.gaps[i - 1].empty()) path.push_back(gap_token(shape.gaps[i - 1]));
        path.push_back(shape.keys[i]);
    }
    return path;
}

uint32_t TermMatcher::Impl::intern(const std::string& key) {
    auto [it, inserted] = key_ids_.try_emplace(key, uint32_t(key_ids_.size()));
    return it->second;
}

uint32_t TermMatcher::Impl::child(uint32_t node, uint32_t key, bool create) {
    uint64_t edge = (uint64_t(node) << 32) | key;
    auto it = edges_.find(edge);
    if (it != edges_.end()) return it->second;
    if (!create) return 0;
    nodes_.emplace_back();
    uint32_t id = uint32_t(nodes_.size() - 1);
    edges_.emplace(edge, id);
    return id;
}

void TermMatcher::Impl::insert(const std::vector<std::string>& keys, Output output) {
    uint32_t node = 0;
    for (const std::string& key : keys) node = child(node, intern(key), true);
    for (const Output& existing : nodes_[node].outputs)
        if (existing.entry == output.entry) return;
    nodes_[node].outputs.push_back(output);
}

void TermMatcher::Impl::build(const std::function<const Lexicon*(std::string_view)>& lexicons) {
    uint32_t entry = uint32_t(entries_ - pending_.size());
    for (auto& [shape, inflect] : pending_) {
        const std::string& lang = langs_[entry];
        std::vector<std::string> path = path_of(shape);
        insert(path, {entry, Inflection::none});
        const Lexicon* lexicon = inflect ? lexicons(lang.empty() ? default_lang_ : lang) : nullptr;
        if (lexicon) {
            // Only the head inflects: in English the last word ("care team" -> "care
            // teams"), in Spanish the first ("centro de salud" -> "centros de salud").
            bool head_first = primary_language(lexicon->locale()) == "es";
            std::string& head = head_first ? path.front() : path.back();
            std::string base = head;
            for (auto& [form, inflection] : lexicon->inflections(base)) {
                head = form;
                insert(path, {entry, inflection});
            }
        }
        ++entry;
    }
    pending_.clear();
    uint64_t bits = 4096;
    while (bits < 16 * key_ids_.size()) bits *= 2;
    key_bits_.assign(bits / 64, 0);
    key_bits_mask_ = bits - 1;
    for (const auto& [key, id] : key_ids_) {
        uint64_t bit = bit_hash(key) & key_bits_mask_;
        key_bits_[bit / 64] |= uint64_t(1) << (bit % 64);
    }
}

// Cheap rather than perfect: the length and up to eight bytes from each end, mixed.
uint64_t TermMatcher::Impl::bit_hash(std::string_view key) {
    uint64_t head = 0, tail = 0;
    size_t n = std::min<size_t>(key.size(), 8);
    if (n) {
        std::memcpy(&head, key.data(), n);
        std::memcpy(&tail, key.data() + key.size() - n, n);
    }
    uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ key.size()) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

bool TermMatcher::Impl::may_be_key(std::string_view key) const {
    uint64_t bit = bit_hash(key) & key_bits_mask_;
    return !key_bits_.empty() && (key_bits_[bit / 64] >> (bit % 64) & 1);
}

// Walks the edge of a gap's punctuation, if the gap has punctuation and some term has
// it there; a gap of spaces and hyphens needs no edge. False: no term goes on.
bool TermMatcher::Impl::follow_gap(uint32_t& node, std::string_view gap) const {
    if (joins_words(gap)) return true;
    if (!has_gaps_) return false;
    std::string punctuation = punctuation_of(gap);
    if (punctuation.empty()) return false;
    auto key = key_ids_.find(gap_token(punctuation));
    if (key == key_ids_.end()) return false;
    auto edge = edges_.find((uint64_t(node) << 32) | key->second);
    if (edge == edges_.end()) return false;
    node = edge->second;
    return true;
}

int64_t TermMatcher::Impl::affix_length(std::string_view text, uint32_t at, std::string_view affix, bool before) {
    if (affix.empty()) return 0;
    // The affix as keyed has ASCII quotes; the text may have typographic ones.
    std::string typographic;
    for (char c : affix) typographic += c == '\'' ? std::string("\u2019") : std::string(1, c);
    for (const std::string_view written : {affix, std::string_view(typographic)}) {
        if (before ? at >= written.size() && text.substr(at - written.size(), written.size()) == written
                   : text.substr(at).starts_with(written))
            return int64_t(written.size());
    }
    return -1;
}

void TermMatcher::Impl::scan(const Document& document, const std::function<void(const Match&)>& on_match) const {
    auto words = document.words();
    std::string_view text = document.text();
    std::vector<uint32_t> ids(words.size(), no_key);
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].in_literal) continue;
        std::string_view key = document.key(words[i]);
        if (!may_be_key(key)) continue;
        auto it = key_ids_.find(key);
        if (it != key_ids_.end()) ids[i] = it->second;
    }
    std::vector<Match> found;
    for (size_t first = 0; first < words.size(); ++first) {
        found.clear();
        uint32_t node = 0;
        for (size_t last = first; last < words.size() && ids[last] != no_key; ++last) {
            if (last > first && !follow_gap(node, text.substr(words[last - 1].end, words[last].begin - words[last - 1].end)))
                break;
            auto edge = edges_.find((uint64_t(node) << 32) | ids[last]);
            if (edge == edges_.end()) break;
            node = edge->second;
            for (const Output& out : nodes_[node].outputs) {
                const Affixes& affixes = affixes_[out.entry];
                int64_t lead = affix_length(text, words[first].begin, affixes.lead, true);
                int64_t trail = affix_length(text, words[last].end, affixes.trail, false);
                if (lead < 0 || trail < 0) continue;
                uint32_t begin = uint32_t(words[first].begin - lead), end = uint32_t(words[last].end + trail);
                if (!affixes.marks.empty() &&
                    (token_goes_on(text, begin, false, affixes.marks) || token_goes_on(text, end, true, affixes.marks)))
                    continue;
                if (has_langs_ && !in_language(document, words[first], out.entry)) continue;
                found.push_back({out.entry, uint32_t(first), uint32_t(last), out.inflection, begin, end});
            }
        }
        for (auto it = found.rbegin(); it != found.rend(); ++it) on_match(*it);
    }
}

bool TermMatcher::Impl::in_language(const Document& document, const Word& word, uint32_t entry) const {
    const std::string& lang = langs_[entry];
    if (lang.empty()) return true;
    std::string_view written_in = document.language(word);
    return (written_in.empty() ? std::string_view(default_lang_) : written_in) == lang;
}

TermMatcher::TermMatcher() : impl_(std::make_unique<Impl>()) {}
TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher&&) noexcept = default;
TermMatcher& TermMatcher::operator=(TermMatcher&&) noexcept = default;

uint32_t TermMatcher::add(std::string_view term, bool inflect, std::string_view lang) {
    return impl_->add(term, inflect, lang);
}
void TermMatcher::build(const Lexicon* lexicon) {
    impl_->default_lang_ = lexicon ? primary_language(lexicon->locale()) : std::string();
    impl_->build([lexicon](std::string_view) { return lexicon; });
}
void TermMatcher::build(const std::function<const Lexicon*(std::string_view)>& lexicons, std::string_view default_lang) {
    impl_->default_lang_ = default_lang;
    impl_->build(lexicons);
}
size_t TermMatcher::size() const { return impl_->entries_; }
void TermMatcher::scan(const Document& document, const std::function<void(const Match&)>& on_match) const {
    impl_->scan(document, on_match);
}

}  // namespace touchpoint
