#include "engine/loading.hpp"

#include "formats/archive.hpp"
#include "formats/formats.hpp"
#include "engine/scripts.hpp"

#include <algorithm>

namespace touchpoint {

namespace fs = std::filesystem;

std::optional<Loaded> load_document(const Input& input, const LoadSettings& settings, std::vector<std::string>* warnings) {
    const Project* project = settings.project;
    ScheduleColumns columns = project ? project->schedule : ScheduleColumns{};
    const ProseKeys& prose_keys = project && project->prose_keys ? *project->prose_keys : default_prose_keys();
    std::string bytes;
    if (std::string why = read_input(input, settings.max_file_size, bytes); !why.empty()) {
        if (warnings) warnings->push_back("skipped " + input.display + ": " + why);
        return std::nullopt;
    }
    Format format = format_of(input.path.empty() ? fs::path(input.display) : input.path).value_or(Format::plain_text);
    std::optional<std::string> source;
    Extracted extracted;
    try {
        if (is_container(format)) {
            extracted = extract(format, bytes, columns, prose_keys);
        } else {
            std::string why;
            source = decode(std::move(bytes), why);
            if (!source) throw FormatError(why);
            extracted = extract(format, *source, columns, prose_keys);
        }
    } catch (const FormatError& e) {
        if (warnings) warnings->push_back("skipped " + input.display + ": " + e.what());
        return std::nullopt;
    }
    if (extracted.source) {
        source = std::move(*extracted.source);
        extracted.source.reset();
    }
    std::vector<Directive> directives = find_directives(*source, format, extracted.text, extracted.raw_html);
    std::string channel = input.channel ? *input.channel
                          : settings.channel ? *settings.channel
                          : !extracted.channel.empty() ? extracted.channel
                                                       : channel_for(project, input.relative);
    std::vector<Turn> turns;
    if (is_script_channel(project, channel)) {
        Speakers speakers;
        if (project && project->staff_speakers) speakers.staff = *project->staff_speakers;
        if (project && project->other_speakers) speakers.others = *project->other_speakers;
        std::vector<uint32_t> part_ends;
        for (const TextContext& part : extracted.contexts) part_ends.insert(part_ends.end(), {part.text_begin, part.text_end});
        std::sort(part_ends.begin(), part_ends.end());
        turns = find_turns(extracted.text, speakers, part_ends);
    }
    Suppressions suppressions(std::move(directives), *source);
    Document document(input.display, channel, std::move(*source), std::move(extracted.text), std::move(extracted.runs),
                      std::move(extracted.links), std::move(turns), std::move(extracted.line_numbers));
    static const LanguagePlan default_plan{{"en"}, {}};
    // A client's word (serve's language) before the file's own, before its channel's.
    std::string language = !input.language.empty()     ? input.language
                           : !extracted.language.empty() ? extracted.language
                                                         : channel_language(project, channel);
    assign_languages(document, extracted.languages, language, settings.languages ? *settings.languages : default_plan);
    return Loaded{format, std::move(document), std::move(suppressions), std::move(extracted.contexts)};
}

}  // namespace touchpoint
