// The plugin API. A plugin is a shared library that exports one touchpoint::Plugin with
// TOUCHPOINT_PLUGIN(ClassName); the host loads it with Poco's ClassLoader.
#pragma once

#include <touchpoint/export.hpp>

#include <touchpoint/brand.hpp>
#include <touchpoint/document.hpp>
#include <touchpoint/pack.hpp>
#include <touchpoint/text.hpp>

#include <Poco/ClassLibrary.h>

#include <memory>
#include <string>
#include <vector>

// Bumped whenever a type in host/include/touchpoint changes its layout or meaning.
// TOUCHPOINT_PLUGIN exports it as the constant `touchpoint_plugin_api_version`, which the
// host reads from the library's file before loading it: a library built for another
// version is refused before any of its code (even a constructor) runs.
#define TOUCHPOINT_API_VERSION 6

namespace touchpoint {

// Where a finding stands.
enum class Anchor : unsigned char {
    text,      // begin/end are byte offsets into Document::text()
    source,    // begin/end are byte offsets into Document::source() (a link destination)
    document,  // the whole document: line 1, column 1, no match
};

// How a finding shares its words with other plugins' findings: one mistake, one finding.
enum class Claim : unsigned char {
    none,    // stands beside any other finding
    words,   // the words are this rule's to judge (a brand term, a name): a `yields`
             // finding within them is folded into this one, named in its `also`
    yields,  // gives way to a `words` finding around it (an unknown word inside a misspelt name)
};

struct Finding {
    std::string rule;  // the rule's name within its plugin ("prefer"), or a pack rule id
    Severity severity = Severity::warning;
    Anchor anchor = Anchor::text;
    uint32_t begin = 0;
    uint32_t end = 0;  // one past the last byte
    std::string message;
    std::vector<std::string> suggestions;
    // False when the suggestion is for a person to adapt, not for `touchpoint fix` to
    // apply as it stands (a replacement the dictionary knows in no fitting form).
    bool fixable = true;
    Claim claim = Claim::none;
};

class TOUCHPOINT_API Reporter {
public:
    virtual ~Reporter();
    virtual void report(Finding finding) = 0;
    // A measurement of the document for reports, as group -> key -> value
    // ("pillars" -> "compassion" -> 3); written to the JSON report's "documents".
    virtual void measure(std::string_view group, std::string_view key, double value) = 0;
};

// Run-level results of corpus-wide checks: rows of named tables, for reports.
class TOUCHPOINT_API CorpusReporter {
public:
    virtual ~CorpusReporter();
    virtual void row(std::string_view table, std::vector<std::pair<std::string, double>> cells) = 0;
};

// A group of measures a check takes of each document (Reporter::measure), for reports to
// show without knowing the rule: a column group of the HTML report's heatmap, a list on
// the serve page.
struct MeasureInfo {
    std::string group;  // "pillars"
    std::string label;  // "Pillars"
    std::vector<std::pair<std::string, std::string>> keys;  // key, label; in the order to show
};

// A check compiled from the brand or a pack rule; check() is called from many threads at once.
class TOUCHPOINT_API Check {
public:
    virtual ~Check();
    virtual void check(const Document& document, Reporter& reporter) const = 0;

    // A corpus-wide check sees every document in `observation_passes()` passes before
    // any check() call. observe() is called from many threads at once; end_pass() once
    // after each pass, before the next.
    virtual int observation_passes() const { return 0; }
    virtual void observe(int pass, const Document& document) { (void)pass, (void)document; }
    virtual void end_pass(int pass) { (void)pass; }
    // After the run: what the check found across the corpus.
    virtual void summarize(CorpusReporter& reporter) const { (void)reporter; }
    // The measures check() reports, declared for reports; none by default.
    virtual std::vector<MeasureInfo> measures() const { return {}; }
};

struct RuleInfo {
    std::string name;
    std::string description;
    Severity default_severity = Severity::warning;
};

// What a plugin compiles its checks from.
class TOUCHPOINT_API CompileContext {
public:
    virtual ~CompileContext();
    virtual const Brand& brand() const = 0;
    // The brand locale's dictionary, loaded on first use. Throws when it is missing.
    virtual const Lexicon& lexicon() const = 0;
    // The dictionary of one of the brand's languages ("es"), loaded on first use; nullptr
    // for a language the brand does not write in. Throws when it is missing.
    virtual const Lexicon* lexicon(std::string_view lang) const = 0;
};

class TOUCHPOINT_API Plugin {
public:
    virtual ~Plugin();
    virtual std::string name() const = 0;  // the rule prefix: "terminology"
    virtual std::string description() const = 0;
    virtual std::vector<RuleInfo> rules() const = 0;
    // The brand-file elements this plugin reads ("prefer", "avoid"); none by default.
    // The host refuses an element that no loaded plugin claims.
    virtual std::vector<std::string> brand_elements() const { return {}; }
    // Validates this plugin's brand elements (in file order), throwing BrandError for
    // the first fault, and publishes the words they declare. Called once per run for a
    // plugin that claims elements, before any plugin compiles; compile() then finds the
    // elements in Brand::elements and every plugin's words in Brand::vocabulary.
    virtual void read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const {
        (void)elements, (void)vocabulary;
    }
    // The plugin's check for this brand, or nullptr when the brand gives it nothing to do.
    // Throws std::runtime_error with a plain sentence when the brand is unusable.
    virtual std::unique_ptr<Check> compile(const CompileContext& context) const = 0;

    // The rule types rule packs may use ("avoid" for terminology.avoid); none by default.
    virtual std::vector<RuleInfo> pack_rule_types() const { return {}; }
    // A check for one pack rule of one of those types. Its findings are reported as
    // PACK.RULE whatever rule name they carry. Throws std::runtime_error with a plain
    // sentence when the rule's data is unusable.
    virtual std::unique_ptr<Check> compile_pack_rule(const PackRule& rule, const CompileContext& context) const {
        (void)rule, (void)context;
        return nullptr;
    }
    // Optionally, one check for all of this plugin's pack rules in a run, so that they
    // share one pass over each document (all term rules in one automaton). Each finding
    // names its pack rule in full: Finding::rule = PackRule::pack + "." + PackRule::id;
    // the host applies each rule's channels to its findings. nullptr (the default): the
    // host uses one compile_pack_rule check per rule. Every rule has already compiled
    // alone and passed its examples.
    virtual std::unique_ptr<Check> compile_pack_rules(const std::vector<PackRule>& rules,
                                                      const CompileContext& context) const {
        (void)rules, (void)context;
        return nullptr;
    }
};

}  // namespace touchpoint

#define TOUCHPOINT_PLUGIN(PluginClass)                                         \
    extern "C" __attribute__((visibility("default"), used,                    \
                              section(".touchpoint_api")))                    \
    const int touchpoint_plugin_api_version = TOUCHPOINT_API_VERSION;          \
    POCO_BEGIN_MANIFEST(touchpoint::Plugin)                                    \
    POCO_EXPORT_CLASS(PluginClass)                                             \
    POCO_END_MANIFEST
