// Inflections through Hunspell, and the term automaton.
#include "support.hpp"

#include <touchpoint/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace touchpoint;

namespace {
const Lexicon& english() {
    static Lexicon lexicon("en-US");
    return lexicon;
}

bool has_form(std::string_view word, std::string_view form) {
    for (auto& [f, inflection] : english().inflections(word))
        if (f == form) return true;
    return false;
}
}  // namespace

TEST_CASE("inflected forms are generated and confirmed by the dictionary") {
    CHECK(has_form("customer", "customers"));
    CHECK(has_form("guarantee", "guaranteed"));
    CHECK(has_form("guarantee", "guarantees"));
    CHECK(has_form("guarantee", "guaranteeing"));
    CHECK(has_form("family", "families"));
    CHECK(has_form("stop", "stopped"));
    CHECK(has_form("stop", "stopping"));
    CHECK(has_form("cheap", "cheaper"));
    CHECK(has_form("cheap", "cheapest"));
    CHECK(has_form("care", "caring"));
    CHECK(has_form("telehealth", "telehealths"));  // unknown word: regular forms only
}

TEST_CASE("inflections are remembered, and forgotten when the dictionary learns a word") {
    Lexicon lexicon("en-US");
    auto forms = [&] { return lexicon.inflections("blorp"); };
    auto has = [&](std::string_view form) {
        auto found = forms();
        return std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.first == form; });
    };
    CHECK(forms() == forms());
    CHECK_FALSE(has("blorpest"));
    lexicon.accept("blorp");
    lexicon.accept("blorper");
    lexicon.accept("blorpest");
    CHECK(has("blorper"));
    CHECK(has("blorpest"));
}

TEST_CASE("derived words are not inflections") {
    CHECK_FALSE(has_form("comfort", "comfortable"));
    CHECK_FALSE(has_form("listen", "listener"));
    CHECK_FALSE(has_form("comfort", "comforter"));
    CHECK_FALSE(has_form("guarantee", "guarantor"));
    CHECK_FALSE(has_form("staff", "staffer"));
}

TEST_CASE("a missing dictionary names the Debian package to install") {
    try {
        Lexicon lexicon("xx-YY");
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) ==
              "no Hunspell dictionary for locale 'xx-YY' (xx_YY.aff in /usr/share/hunspell); install Debian's hunspell-xx package");
    }
}

TEST_CASE("suggestions take the case and inflection of the replaced text") {
    CHECK(shape_like("Customers", Inflection::plural, "patient", &english()) == "Patients");
    CHECK(shape_like("customer", Inflection::none, "patient", &english()) == "patient");
    CHECK(shape_like("STAFF", Inflection::none, "care team", &english()) == "CARE TEAM");
    CHECK(shape_like("Staff", Inflection::plural, "care team", &english()) == "Care teams");
    CHECK(shape_like("cheaper", Inflection::comparative, "affordable", &english()) == "more affordable");
    CHECK(shape_like("Cheap", Inflection::none, "affordable", &english()) == "Affordable");
    CHECK(shape_like("Ab", Inflection::none, "b", &english()) == "B");
    CHECK(shape_like("ED", Inflection::none, "emergency room", &english()) == "emergency room");
}

TEST_CASE("the term automaton finds every term in one pass") {
    TermMatcher matcher;
    uint32_t customer = matcher.add("customer");
    uint32_t close = matcher.add("close to home");
    uint32_t care = matcher.add("care");
    uint32_t care_team = matcher.add("care team");
    matcher.build(&english());
    Document d = test::make_document("Customers' care team is close-to-home\nclose to\nhomes, close, to home. Care.");
    std::vector<std::pair<uint32_t, std::string>> found;
    matcher.scan(d, [&](const TermMatcher::Match& m) {
        auto w = d.words();
        found.emplace_back(m.entry, std::string(d.text().substr(w[m.first_word].begin, w[m.last_word].end - w[m.first_word].begin)));
    });
    using P = std::pair<uint32_t, std::string>;
    CHECK(found == std::vector<P>{{customer, "Customers"},
                                  {care_team, "care team"},
                                  {care, "care"},
                                  {close, "close-to-home"},
                                  {close, "close to\nhomes"},
                                  {care, "Care"}});
}

TEST_CASE("the automaton's work does not depend on the number of terms") {
    // 20,000 terms: a word still costs one lookup and one walk from each start.
    TermMatcher matcher;
    for (int i = 0; i < 20000; ++i) matcher.add("term" + std::to_string(i) + " word");
    uint32_t target = matcher.add("needle");
    matcher.build(nullptr);
    Document d = test::make_document("hay hay needle hay term19999 word");
    std::vector<uint32_t> entries;
    matcher.scan(d, [&](const TermMatcher::Match& m) { entries.push_back(m.entry); });
    CHECK(entries == std::vector<uint32_t>{target, 19999});
}

TEST_CASE("a suggestion is inflected only into a known spelling, and keeps a declared capital") {
    Shaped run = shape_replacement("executed", Inflection::past, "run", &english());
    CHECK(run.text == "run");
    CHECK_FALSE(run.inflected);
    Shaped stopped = shape_replacement("Halted", Inflection::past, "stop", &english());
    CHECK(stopped.text == "Stopped");
    CHECK(stopped.inflected);
    auto brand_spells = [](std::string_view word) { return word == "televisits"; };
    CHECK(shape_replacement("visits", Inflection::plural, "televisit", &english(), brand_spells).text == "televisits");
    CHECK_FALSE(shape_replacement("visits", Inflection::plural, "televisit", &english()).inflected);
    CHECK(shape_like("Mac OS X", Inflection::none, "macOS", &english()) == "macOS");
    CHECK(shape_like("ERs", Inflection::plural, "emergency room", &english()) == "emergency rooms");
    CHECK(english().known_inflection("get", Inflection::past) == std::nullopt);
    CHECK(english().known_inflection("stop", Inflection::past) == std::optional<std::string>("stopped"));
}

TEST_CASE("the automaton matches a term's punctuation, and its match covers it") {
    TermMatcher matcher;
    uint32_t and_or = matcher.add("and/or");
    uint32_t eg = matcher.add("e.g.");
    uint32_t net = matcher.add(".NET");
    uint32_t cpp = matcher.add("C++");
    matcher.build(&english());
    Document d = test::make_document("Use .NET and/or C++, e.g. now; and or C, and / or, NET.");
    std::vector<std::pair<uint32_t, std::string>> found;
    matcher.scan(d, [&](const TermMatcher::Match& m) { found.emplace_back(m.entry, std::string(d.text().substr(m.begin, m.end - m.begin))); });
    using P = std::pair<uint32_t, std::string>;
    CHECK(found == std::vector<P>{{net, ".NET"}, {and_or, "and/or"}, {cpp, "C++"}, {eg, "e.g."}, {and_or, "and / or"}});
    CHECK(punctuation_of(" / ") == "/");
    CHECK(punctuation_of(" \u2019") == "'");
    CHECK(punctuation_of(" - ") == "");
    CHECK(punctuation_of(" x ") == "");
}

namespace {
const Lexicon& spanish() {
    static Lexicon lexicon("es-US");
    return lexicon;
}

// A Spanish form of a word, with its inflection: "" where it has none such.
bool spanish_form(std::string_view word, std::string_view form, Inflection kind) {
    for (auto& [f, inflection] : spanish().inflections(word))
        if (f == form) return inflection == kind;
    return false;
}
}  // namespace

TEST_CASE("Spanish inflections: number and gender, regular conjugations, each confirmed by Hunspell's stem") {
    CHECK(spanish_form("cliente", "clientes", Inflection::plural));
    CHECK(spanish_form("atención", "atenciones", Inflection::plural));
    CHECK(spanish_form("usuario", "usuaria", Inflection::feminine));
    CHECK(spanish_form("usuario", "usuarias", Inflection::feminine_plural));
    CHECK(spanish_form("garantizar", "garantizamos", Inflection::conjugated));
    CHECK(spanish_form("garantizar", "garantice", Inflection::conjugated));  // z -> c before e
    CHECK(spanish_form("garantizar", "garantizado", Inflection::past));
    CHECK(spanish_form("garantizar", "garantizando", Inflection::progressive));
    CHECK(spanish_form("buscar", "busque", Inflection::conjugated));  // c -> qu before e
    // No made-up words: a noun has no conjugations, paciente no -a feminine, and a form
    // Hunspell knows as another word's is not this one's.
    CHECK_FALSE(spanish_form("cliente", "clientamos", Inflection::conjugated));
    CHECK_FALSE(spanish_form("paciente", "pacienta", Inflection::feminine));
    for (auto& [form, kind] : spanish().inflections("garantizar")) {
        INFO(form);
        CHECK(spanish().knows(form));
    }
}

TEST_CASE("Spanish suggestions keep number, gender and case; a conjugated verb is left to a person") {
    CHECK(shape_like("Clientes", Inflection::plural, "paciente", &spanish()) == "Pacientes");
    CHECK(shape_like("usuaria", Inflection::feminine, "paciente", &spanish()) == "paciente");  // one form for both
    CHECK(shape_like("usuarias", Inflection::feminine_plural, "paciente", &spanish()) == "pacientes");
    CHECK(shape_like("baratas", Inflection::feminine_plural, "económico", &spanish()) == "económicas");
    CHECK(shape_like("dispensarios", Inflection::plural, "centro de salud", &spanish()) == "centros de salud");
    Shaped verb = shape_replacement("garantizamos", Inflection::conjugated, "procurar", &spanish());
    CHECK_FALSE(verb.inflected);
    CHECK(verb.text == "procurar");
}

TEST_CASE("Spanish plurals of words ending in -s, and comparatives without a feminine") {
    CHECK(spanish_form("inglés", "ingleses", Inflection::plural));
    CHECK(spanish_form("francés", "franceses", Inflection::plural));
    CHECK(spanish_form("mes", "meses", Inflection::plural));
    CHECK_FALSE(spanish_form("mejor", "mejora", Inflection::feminine));
    CHECK(spanish_form("doctor", "doctora", Inflection::feminine));
}

TEST_CASE("a decomposed word is the dictionary's word") {
    CHECK(spanish().knows("m\u0065\u0301dico"));  // e + combining acute
    CHECK(english().knows("cafe\u0301"));
}
