// Terminology in a bilingual brand (docs/languages.md): each rule in its own language's
// text, with Spanish inflections and suggestions shaped in number, gender and case.
#include "../terminology.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

const char* bilingual_xml = R"(<brand name="Riverbend Health" locale="en-US" languages="en-US es-US">
  <prefer term="patient" instead-of="customer|client"/>
  <prefer term="care team" instead-of="staff"/>
  <avoid term="cure" severity="error" reason="We treat; we do not promise cures."/>
  <prefer lang="es" term="paciente" instead-of="cliente|usuario"/>
  <prefer lang="es" term="centro de salud" instead-of="dispensario"/>
  <avoid lang="es" term="garantizar" severity="error" reason="No podemos garantizar resultados."/>
  <avoid lang="es" term="barato" suggest="económico"/>
  <avoid lang="es" pattern="\bsin\s+espera\b" severity="error"/>
  <name canonical="Riverbend Health"><variant>Riverbend Hospital</variant></name>
</brand>)";

struct Found {
    std::string rule, match, suggestion;
};

std::vector<Found> check(const std::string& text, Format format = Format::plain_text) {
    test::TestContext context(test::brand_from_xml(bilingual_xml));
    auto compiled = terminology::TerminologyPlugin().compile(context);
    Document document = test::make_document(text, format, "marketing", context);
    test::CollectingReporter collect;
    compiled->check(document, collect);
    std::vector<Found> out;
    for (const Finding& f : collect.findings)
        out.push_back({f.rule, std::string(document.text().substr(f.begin, f.end - f.begin)),
                       f.suggestions.empty() ? "" : f.suggestions.front()});
    std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.match < b.match; });
    return out;
}

std::string matches(const std::vector<Found>& found) {
    std::string out;
    for (const Found& f : found) out += (out.empty() ? "" : " ") + f.rule + ":" + f.match + (f.suggestion.empty() ? "" : ">" + f.suggestion);
    return out;
}

}  // namespace

TEST_CASE("Spanish rules fire in Spanish text only, English ones in English text only") {
    CHECK(matches(check("Nuestros clientes son lo primero para nosotros.\n\nOur customers come first for us.\n")) ==
          "prefer:clientes>pacientes prefer:customers>patients");
    // An English word inside a Spanish paragraph is not an English rule's ("staff"), and a
    // Spanish word spelt like an English avoided one ("cure", subjunctive of curar) neither.
    CHECK(matches(check("Nuestro staff médico habla español. Pida que le cure la herida antes de salir.\n")).empty());
    CHECK(matches(check("We do not cure; we care for our patients and their families.\n")) == "avoid:cure");
}

TEST_CASE("Spanish inflections match, and suggestions keep number, gender and capitals") {
    CHECK(matches(check("¿Cliente nuevo? Los Clientes y las usuarias pueden pedir una cita con nosotros.\n")) ==
          "prefer:Cliente>Paciente prefer:Clientes>Pacientes prefer:usuarias>pacientes");
    CHECK(matches(check("Garantizamos resultados. No lo hemos garantizado nunca, y no lo garantice usted.\n")) ==
          "avoid:Garantizamos avoid:garantice avoid:garantizado");
    CHECK(matches(check("La consulta es barata y los análisis son baratos para toda la familia.\n")) ==
          "avoid:barata>económica avoid:baratos>económicos");
    // A phrase inflects its head, the first word.
    CHECK(matches(check("Los dispensarios de la ciudad abren el lunes para todas las familias.\n")) ==
          "prefer:dispensarios>centros de salud");
}

TEST_CASE("accents tell words apart; names and patterns hold in their languages") {
    // "atencion" is no form of any term: spelling's, not terminology's.
    CHECK(matches(check("La atencion es para los pacientes y sus familias en la clínica.\n")).empty());
    CHECK(matches(check("Visite Riverbend Hospital para una atención sin espera con su familia.\n")) ==
          "name:Riverbend Hospital>Riverbend Health avoid:sin espera");
    CHECK(matches(check("Visit Riverbend Hospital: sin espera is our Spanish motto for the family.\n")) ==
          "name:Riverbend Hospital>Riverbend Health");
}

TEST_CASE("a Spanish rule's lang is declared by the file's elements too") {
    std::string html = "<html lang=\"en\"><body><p>Our clients and <span lang=\"es\">nuestros clientes</span>.</p></body></html>";
    CHECK(matches(check(html, Format::html)) == "prefer:clientes>pacientes prefer:clients>patients");
}
