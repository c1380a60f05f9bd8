#include <touchpoint/text.hpp>
#include <touchpoint/brand.hpp>

#include "api/english_inflection.hpp"
#include "api/spanish_inflection.hpp"
#include "base/fs_util.hpp"

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <shared_mutex>
#include <thread>
#include <unistd.h>
#include <stdexcept>

namespace touchpoint {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> dictionary_dirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("TOUCHPOINT_DICT_PATH")) {
        std::string_view list(env);
        while (!list.empty()) {
            size_t colon = list.find(':');
            if (colon != 0) dirs.emplace_back(std::string(list.substr(0, colon)));
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
    }
    dirs.emplace_back("/usr/share/hunspell");
    dirs.emplace_back("/usr/share/myspell/dicts");
    return dirs;
}

// Debian's package for a Hunspell dictionary: en_US -> hunspell-en-us, es_US -> hunspell-es.
std::string debian_package(const std::string& dictionary) {
    std::string lang = dictionary.substr(0, dictionary.find('_'));
    if (lang == "en" || lang == "de" || lang == "pt") {
        std::string name = dictionary;
        std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c == '_' ? '-' : char(std::tolower(c)); });
        return "hunspell-" + name;
    }
    return "hunspell-" + lang;
}

}  // namespace

// The affix file for suggestions, in a private temporary file that lives as long as the
// object, with two of Hunspell's costs taken out:
// - the n-gram pass, which compares a word with the whole dictionary: about 25 ms a word
//   against 3 ms for the other strategies (edits, the REP table of common misspellings,
//   word splits), adding mostly far-fetched guesses (Kubernetes -> Rubbernecks) after the
//   close ones those strategies find first;
// - COMPOUNDRULE (en_US: numbers like 21st), which sends every candidate spelling through
//   Hunspell's compound check and its clock() call, a system call: 2,700 of them a word,
//   three quarters of the time, for suggestions that never are such numbers.
class FastSuggestionAffix {
public:
    explicit FastSuggestionAffix(const fs::path& aff) {
        std::string pattern = (fs::temp_directory_path() / "touchpoint-aff-XXXXXX").string();
        std::ifstream in(aff, std::ios::binary);
        std::string content, line;
        while (std::getline(in, line))
            if (!line.starts_with("COMPOUNDRULE")) content += line + "\n";
        content += "MAXNGRAMSUGS 0\n";
        int fd = in.eof() ? mkstemp(pattern.data()) : -1;
        if (fd < 0) return;  // no copy: suggestions stay Hunspell's full ones
        path_ = pattern;
        bool written = ::write(fd, content.data(), content.size()) == ssize_t(content.size());
        ::close(fd);
        if (!written) remove();
    }
    ~FastSuggestionAffix() { remove(); }
    // The file to open, or the original when none could be written.
    fs::path or_else(const fs::path& aff) const { return path_.empty() ? aff : path_; }

private:
    void remove() {
        std::error_code ignored;
        if (!path_.empty()) fs::remove(path_, ignored);
        path_.clear();
    }
    fs::path path_;
};

// One Hunspell instance answers spelling questions; suggestions, ~3 ms each, come from
// a pool of further instances (one per core at most) so that threads do not queue.
struct TOUCHPOINT_LOCAL Lexicon::Impl {
    struct Instance {
        std::unique_ptr<Hunspell> hunspell;
        bool busy = false;
    };

    fs::path aff, dic, extra_dic;
    std::vector<std::string> accepted;
    std::unique_ptr<Hunspell> hunspell;  // the language's dictionary and accepted words
    // The same with the extra word list added, loaded at the first word the language does
    // not know: the list doubles the load time, and inflecting brand terms never needs it.
    std::unique_ptr<Hunspell> with_extra;
    bool extra_tried = false;
    mutable std::mutex mutex;
    // Inflections by word: suggestions inflect the same few brand terms at every finding,
    // and each costs several dictionary look-ups under the mutex.
    using Forms = std::vector<std::pair<std::string, Inflection>>;
    std::unordered_map<std::string, Forms> inflections;
    std::shared_mutex inflections_mutex;
    uint64_t accepted_count = 0;  // an answer found before an accept() is not kept
    // What the dictionary said of each word asked about: language detection asks of every
    // word of every paragraph in each language, and spelling again; Hunspell's look-up
    // (affixes stripped, hash chains compared) took a third of a run with all plugins.
    // Bounded: past 65,536 words it starts again (detection keeps its own per thread).
    struct TOUCHPOINT_LOCAL Verdict {  // hidden, so that the map's code is not exported with the plugin API
        bool known;
    };
    std::unordered_map<std::string, Verdict> known;
    std::shared_mutex known_mutex;
    static constexpr size_t max_known = 1u << 16;
    bool spanish = false;  // the dictionary's language, for its inflection rules
    Forms find_inflections(const std::string& w);
    Forms find_spanish_inflections(const std::string& w);

    bool spell(const std::string& word) {
        if (hunspell->spell(word)) return true;
        if (!extra_tried) {
            extra_tried = true;
            if (!extra_dic.empty()) with_extra = open(aff, true);
        }
        return with_extra && with_extra->spell(word);
    }

    std::vector<std::unique_ptr<Instance>> pool;
    std::mutex pool_mutex;
    std::condition_variable pool_free;

    std::unique_ptr<Hunspell> open(const fs::path& affix, bool with_extra) const {
        auto instance = std::make_unique<Hunspell>(affix.c_str(), dic.c_str());
        if (with_extra && !extra_dic.empty()) instance->add_dic(extra_dic.c_str());
        for (const std::string& word : accepted) instance->add(word);
        return instance;
    }

    Instance& acquire() {
        std::unique_lock lock(pool_mutex);
        size_t limit = std::max(1u, std::thread::hardware_concurrency());
        while (true) {
            for (auto& instance : pool)
                if (!instance->busy) {
                    instance->busy = true;
                    return *instance;
                }
            if (pool.size() < limit) {
                pool.push_back(std::make_unique<Instance>());
                Instance& fresh = *pool.back();
                fresh.busy = true;
                lock.unlock();
                FastSuggestionAffix fast(aff);
                fresh.hunspell = open(fast.or_else(aff), true);
                return fresh;
            }
            pool_free.wait(lock);
        }
    }

    void release(Instance& instance) {
        std::lock_guard lock(pool_mutex);
        instance.busy = false;
        pool_free.notify_one();
    }
};

namespace {

// A locale's dictionary file name: es-US -> es_US; a bare language takes its usual
// country (es -> es_ES, en -> en_US) or the first installed.
std::string dictionary_name(std::string_view locale) {
    std::string dictionary(locale);
    std::replace(dictionary.begin(), dictionary.end(), '-', '_');
    if (dictionary.find('_') != std::string::npos) return dictionary;
    for (const char* usual : {"en_US", "es_ES", "fr_FR", "de_DE", "pt_BR", "it_IT"})
        if (std::string_view(usual).starts_with(dictionary + "_")) return usual;
    return dictionary;
}

struct DictionaryFiles {
    fs::path aff, dic;
};

// The first installed .aff/.dic pair of a dictionary, if any.
std::optional<DictionaryFiles> find_dictionary(const std::string& dictionary) {
    for (const fs::path& dir : dictionary_dirs()) {
        fs::path aff = dir / (dictionary + ".aff"), dic = dir / (dictionary + ".dic");
        if (is_file(aff) && is_file(dic)) return DictionaryFiles{aff, dic};
    }
    return std::nullopt;
}

}  // namespace

std::string Lexicon::missing_dictionary(std::string_view locale) {
    std::string dictionary = dictionary_name(locale);
    if (find_dictionary(dictionary)) return {};
    return "no Hunspell dictionary for locale '" + std::string(locale) + "' (" + dictionary +
           ".aff in /usr/share/hunspell); install Debian's " + debian_package(dictionary) + " package";
}

Lexicon::Lexicon(std::string_view locale) : impl_(std::make_unique<Impl>()), locale_(locale) {
    std::string dictionary = dictionary_name(locale);
    std::optional<DictionaryFiles> files = find_dictionary(dictionary);
    if (!files) throw std::runtime_error(missing_dictionary(locale));
    impl_->spanish = primary_language(locale) == "es";  // as text.cpp and term_matcher.cpp tell it
    impl_->aff = files->aff;
    impl_->dic = files->dic;
    // English gains Debian's medical word list (hunspell-en-med) where installed.
    if (dictionary.starts_with("en"))
        for (const fs::path& extra_dir : dictionary_dirs())
            if (is_file(extra_dir / "en_med_glut.dic")) {
                impl_->extra_dic = extra_dir / "en_med_glut.dic";
                break;
            }
    impl_->hunspell = impl_->open(files->aff, false);
}

Lexicon::~Lexicon() = default;

namespace {

// A word as the dictionary spells it: NFC (a decomposed "médico" is "médico"), ASCII
// apostrophes.
std::string dictionary_form(std::string_view word) {
    bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return ascii ? std::string(word) : normalize_form(word);
}

}  // namespace

bool Lexicon::knows(std::string_view word) const {
    std::string plain = dictionary_form(word);
    {
        std::shared_lock lock(impl_->known_mutex);
        if (auto found = impl_->known.find(plain); found != impl_->known.end()) return found->second.known;
    }
    bool known;
    uint64_t accepted_before;
    {
        std::lock_guard lock(impl_->mutex);
        known = impl_->spell(plain);
        accepted_before = impl_->accepted_count;
    }
    std::lock_guard lock(impl_->known_mutex);
    if (impl_->accepted_count != accepted_before) return known;  // asked before an accept(): not kept
    if (impl_->known.size() >= Impl::max_known) impl_->known.clear();
    impl_->known.emplace(std::move(plain), Impl::Verdict{known});
    return known;
}

std::vector<std::string> Lexicon::stems(std::string_view word) const {
    std::lock_guard lock(impl_->mutex);
    return impl_->hunspell->stem(std::string(word));
}

std::vector<std::string> Lexicon::suggestions(std::string_view word) const {
    Impl::Instance& instance = impl_->acquire();
    std::vector<std::string> found;
    try {
        found = instance.hunspell->suggest(dictionary_form(word));
    } catch (...) {
        impl_->release(instance);
        throw;
    }
    impl_->release(instance);
    return found;
}

void Lexicon::accept(std::string_view word) {
    std::scoped_lock lock(impl_->mutex, impl_->inflections_mutex);
    std::lock_guard known_lock(impl_->known_mutex);  // after the others, as knows() takes it alone
    impl_->accepted.emplace_back(word);
    impl_->hunspell->add(std::string(word));
    impl_->inflections.clear();  // a word the dictionary now knows may change them
    impl_->known.clear();
    ++impl_->accepted_count;
}

std::vector<std::pair<std::string, Inflection>> Lexicon::inflections(std::string_view word) const {
    std::string w(word);
    uint64_t accepted_before;
    {
        std::shared_lock lock(impl_->inflections_mutex);
        auto known = impl_->inflections.find(w);
        if (known != impl_->inflections.end()) return known->second;
        accepted_before = impl_->accepted_count;
    }
    Impl::Forms result = impl_->find_inflections(w);
    std::unique_lock lock(impl_->inflections_mutex);
    if (impl_->accepted_count == accepted_before) impl_->inflections.emplace(std::move(w), result);
    return result;
}

Lexicon::Impl::Forms Lexicon::Impl::find_inflections(const std::string& w) {
    Forms result;
    if (w.empty()) return result;
    if (spanish) return find_spanish_inflections(w);
    // The dictionary confirms a spelling it knows (stopped, not stoped). Hunspell's stems
    // cannot serve here: it lists some forms as words of their own ("stopped"). The
    // language's own dictionary only: the medical list holds few inflected forms.
    auto confirmed = [&](const std::string& form) {
        std::lock_guard lock(mutex);
        return hunspell->spell(form);
    };
    // Plurals, -s, -ed and -ing forms are never derived words: the dictionary picks the
    // spelling where it knows one (families, stopped), else the regular one stands
    // (Debian's en_US lacks some plurals, "customers" among them).
    bool known = confirmed(w);
    for (Inflection inflection : {Inflection::plural, Inflection::past, Inflection::progressive}) {
        std::vector<std::string> forms = regular_forms(w, inflection);
        bool any = false;
        for (const std::string& form : forms)
            if (known && confirmed(form)) {
                result.emplace_back(form, inflection);
                any = true;
            }
        if (!any) result.emplace_back(regular_form(w, inflection), inflection);
    }
    if (!known) return result;
    // -er is a comparative only where the word also has a superlative: cheaper (cheapest)
    // is one, listener and comforter are derived words.
    std::vector<std::string> superlatives;
    for (std::string& form : regular_forms(w, Inflection::superlative))
        if (confirmed(form)) superlatives.push_back(std::move(form));
    if (!superlatives.empty()) {
        for (std::string& form : regular_forms(w, Inflection::comparative))
            if (confirmed(form)) result.emplace_back(std::move(form), Inflection::comparative);
        for (std::string& form : superlatives) result.emplace_back(std::move(form), Inflection::superlative);
    }
    return result;
}

// Spanish: every rule-made form the dictionary both knows and stems to the word itself
// (garantizamos -> garantizar; "caso" is a word, but not a form of "casar" only).
Lexicon::Impl::Forms Lexicon::Impl::find_spanish_inflections(const std::string& w) {
    Forms result;
    std::lock_guard lock(mutex);
    if (!hunspell->spell(w)) {
        std::string plural = spanish_plural(w);
        if (plural != w) result.emplace_back(plural, Inflection::plural);
        return result;
    }
    for (auto& [form, kind] : spanish_forms(w)) {
        if (!hunspell->spell(form)) continue;
        std::vector<std::string> stems = hunspell->stem(form);
        if (std::find(stems.begin(), stems.end(), w) != stems.end()) result.emplace_back(std::move(form), kind);
    }
    return result;
}

std::optional<std::string> Lexicon::known_inflection(std::string_view word, Inflection inflection,
                                                     const std::function<bool(std::string_view)>& also_known) const {
    if (inflection == Inflection::none) return std::string(word);
    if (impl_->spanish) return known_spanish_inflection(word, inflection, also_known);
    if (std::optional<std::string_view> irregular = irregular_form(word, inflection)) {
        if (irregular->empty()) return std::nullopt;
        return std::string(*irregular);
    }
    // inflections() also lists regular spellings the dictionary does not confirm, which
    // serve matching ("customers") but would be non-words as suggestions ("runed"). The
    // language's own dictionary (and accepted words) only, as for inflections: loading
    // the medical list would double the start-up time of a run.
    auto confirmed = [&](const std::string& form) {
        std::lock_guard lock(impl_->mutex);
        return impl_->hunspell->spell(form);
    };
    for (auto& [form, kind] : inflections(word))
        if (kind == inflection && (confirmed(form) || (also_known && also_known(form)))) return form;
    return std::nullopt;
}

std::string Lexicon::inflect(std::string_view word, Inflection inflection) const {
    if (inflection == Inflection::none) return std::string(word);
    for (auto& [form, kind] : inflections(word))
        if (kind == inflection) return form;
    return std::string(word);
}

// A conjugated verb names no person and tense a suggestion could be put in. A noun with
// one form for both genders (paciente) is its own feminine.
std::optional<std::string> Lexicon::known_spanish_inflection(std::string_view word, Inflection inflection,
                                                             const std::function<bool(std::string_view)>& also_known) const {
    if (inflection == Inflection::conjugated) return std::nullopt;
    auto find = [&](Inflection kind) -> std::optional<std::string> {
        for (auto& [form, k] : inflections(word))
            if (k == kind) return form;
        std::string plural = spanish_plural(std::string(word));
        if (kind == Inflection::plural && also_known && also_known(plural)) return plural;
        return std::nullopt;
    };
    std::optional<std::string> form = find(inflection);
    bool gendered = word.ends_with('o') || word.ends_with("or");
    if (!form && !gendered && inflection == Inflection::feminine) return std::string(word);
    if (!form && !gendered && inflection == Inflection::feminine_plural) return find(Inflection::plural);
    return form;
}

}  // namespace touchpoint
