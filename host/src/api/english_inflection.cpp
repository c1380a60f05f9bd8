#include "api/english_inflection.hpp"

namespace touchpoint {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Consonant-vowel-consonant endings double their last letter: stop -> stopped.
bool doubles_last(std::string_view w) {
    if (w.size() < 3) return false;
    char a = w[w.size() - 3], b = w[w.size() - 2], c = w.back();
    return !is_vowel(a) && is_vowel(b) && !is_vowel(c) && c != 'w' && c != 'x' && c != 'y';
}

bool ends_consonant_y(std::string_view w) { return w.size() >= 2 && w.back() == 'y' && !is_vowel(w[w.size() - 2]); }

}  // namespace

// Regular spellings of an inflection of a lower-case word, most likely first.
std::vector<std::string> regular_forms(const std::string& w, Inflection inflection) {
    std::vector<std::string> forms;
    std::string stem_y = ends_consonant_y(w) ? w.substr(0, w.size() - 1) + "i" : std::string();
    std::string doubled = doubles_last(w) ? w + w.back() : std::string();
    bool ends_e = !w.empty() && w.back() == 'e';
    switch (inflection) {
    case Inflection::plural:
        if (!stem_y.empty()) forms.push_back(stem_y + "es");
        if (w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh") ||
            w.ends_with('o'))
            forms.push_back(w + "es");
        forms.push_back(w + "s");
        break;
    case Inflection::past:
        if (!stem_y.empty()) forms.push_back(stem_y + "ed");
        if (ends_e) forms.push_back(w + "d");
        if (!doubled.empty()) forms.push_back(doubled + "ed");
        if (!ends_e) forms.push_back(w + "ed");
        break;
    case Inflection::progressive:
        if (w.ends_with("ie")) forms.push_back(w.substr(0, w.size() - 2) + "ying");
        if (ends_e && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe"))
            forms.push_back(w.substr(0, w.size() - 1) + "ing");
        if (!doubled.empty()) forms.push_back(doubled + "ing");
        forms.push_back(w + "ing");
        break;
    case Inflection::comparative:
    case Inflection::superlative: {
        std::string suffix = inflection == Inflection::comparative ? "er" : "est";
        if (!stem_y.empty()) forms.push_back(stem_y + suffix);
        if (ends_e) forms.push_back(w + suffix.substr(1));
        if (!doubled.empty()) forms.push_back(doubled + suffix);
        if (!ends_e) forms.push_back(w + suffix);
        break;
    }
    case Inflection::none:
        forms.push_back(w);
        break;
    }
    return forms;
}

// The spelling of an inflection by the general rule alone.
std::string regular_form(const std::string& w, Inflection inflection) {
    bool consonant_y = ends_consonant_y(w);
    std::string stem_y = consonant_y ? w.substr(0, w.size() - 1) + "i" : std::string();
    switch (inflection) {
    case Inflection::plural:
        if (consonant_y) return stem_y + "es";
        if (w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh"))
            return w + "es";
        return w + "s";
    case Inflection::past:
        if (consonant_y) return stem_y + "ed";
        return w.ends_with('e') ? w + "d" : w + "ed";
    case Inflection::progressive:
        if (w.ends_with("ie")) return w.substr(0, w.size() - 2) + "ying";
        if (w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe"))
            return w.substr(0, w.size() - 1) + "ing";
        return w + "ing";
    default:
        return w;
    }
}

namespace {

// English words whose inflections the regular rules get wrong while the dictionary
// confirms the wrong spelling anyway: "bed" for be, "haves", "mouses", "flied". An empty
// form is one that depends on its subject (is/are, was/were), on the sentence (an -ed
// form is a past or a participle: "ran" or "has run"), or does not exist (a noun's past):
// no suggestion is inflected there.
struct Irregular {
    std::string_view base, s_form, past, progressive;
};
constexpr Irregular irregular_words[] = {
    {"be", "", "", "being"},           {"have", "has", "had", "having"},     {"do", "does", "", "doing"},
    {"go", "goes", "", "going"},    {"fly", "flies", "", "flying"},   {"run", "runs", "", "running"},
    {"get", "gets", "", "getting"},  {"make", "makes", "made", "making"},  {"take", "takes", "", "taking"},
    {"give", "gives", "", "giving"}, {"see", "sees", "", "seeing"},    {"come", "comes", "", "coming"},
    {"know", "knows", "", "knowing"}, {"think", "thinks", "thought", "thinking"},
    {"bring", "brings", "brought", "bringing"}, {"buy", "buys", "bought", "buying"},
    {"find", "finds", "found", "finding"}, {"tell", "tells", "told", "telling"}, {"say", "says", "said", "saying"},
    {"pay", "pays", "paid", "paying"},  {"send", "sends", "sent", "sending"}, {"spend", "spends", "spent", "spending"},
    {"build", "builds", "built", "building"}, {"leave", "leaves", "left", "leaving"}, {"feel", "feels", "felt", "feeling"},
    {"keep", "keeps", "kept", "keeping"}, {"hold", "holds", "held", "holding"}, {"meet", "meets", "met", "meeting"},
    {"set", "sets", "set", "setting"},  {"put", "puts", "put", "putting"},   {"cut", "cuts", "cut", "cutting"},
    {"let", "lets", "let", "letting"},  {"begin", "begins", "", "beginning"}, {"write", "writes", "", "writing"},
    {"speak", "speaks", "", "speaking"}, {"choose", "chooses", "", "choosing"},
    {"drive", "drives", "", "driving"}, {"eat", "eats", "", "eating"}, {"fall", "falls", "", "falling"},
    {"grow", "grows", "", "growing"}, {"hear", "hears", "heard", "hearing"}, {"lose", "loses", "lost", "losing"},
    {"sell", "sells", "sold", "selling"}, {"sit", "sits", "sat", "sitting"}, {"stand", "stands", "stood", "standing"},
    {"teach", "teaches", "taught", "teaching"}, {"understand", "understands", "understood", "understanding"},
    {"win", "wins", "won", "winning"},  {"lead", "leads", "led", "leading"}, {"read", "reads", "read", "reading"},
    {"seek", "seeks", "sought", "seeking"}, {"catch", "catches", "caught", "catching"},
    {"mouse", "mice", "", ""},          {"child", "children", "", ""},       {"person", "people", "", ""},
    {"man", "men", "", ""},             {"woman", "women", "", ""},          {"foot", "feet", "", ""},
    {"tooth", "teeth", "", ""},         {"goose", "geese", "", ""},
    // Verbs whose past and participle differ, or whose past depends on the meaning.
    {"sing", "sings", "", "singing"},   {"ring", "rings", "", "ringing"},   {"swim", "swims", "", "swimming"},
    {"drink", "drinks", "", "drinking"}, {"sink", "sinks", "", "sinking"}, {"shrink", "shrinks", "", "shrinking"},
    {"spring", "springs", "", "springing"}, {"lie", "lies", "", "lying"}, {"die", "dies", "died", "dying"},
    {"tie", "ties", "tied", "tying"},  {"wake", "wakes", "", "waking"},    {"bear", "bears", "", "bearing"},
    {"tear", "tears", "", "tearing"},  {"wear", "wears", "", "wearing"},  {"swear", "swears", "", "swearing"},
    {"hang", "hangs", "", "hanging"},  {"forget", "forgets", "", "forgetting"}, {"forgive", "forgives", "", "forgiving"},
    {"hide", "hides", "", "hiding"},   {"ride", "rides", "", "riding"},    {"rise", "rises", "", "rising"},
    {"arise", "arises", "", "arising"}, {"shake", "shakes", "", "shaking"}, {"break", "breaks", "", "breaking"},
    {"steal", "steals", "", "stealing"}, {"freeze", "freezes", "", "freezing"}, {"throw", "throws", "", "throwing"},
    {"blow", "blows", "", "blowing"},  {"draw", "draws", "", "drawing"},   {"show", "shows", "", "showing"},
    {"wind", "winds", "", "winding"},
    // Verbs with one irregular past and participle.
    {"bend", "bends", "bent", "bending"}, {"lend", "lends", "lent", "lending"}, {"mean", "means", "meant", "meaning"},
    {"deal", "deals", "dealt", "dealing"}, {"feed", "feeds", "fed", "feeding"}, {"breed", "breeds", "bred", "breeding"},
    {"bleed", "bleeds", "bled", "bleeding"}, {"flee", "flees", "fled", "fleeing"}, {"dig", "digs", "dug", "digging"},
    {"stick", "sticks", "stuck", "sticking"}, {"strike", "strikes", "struck", "striking"},
    {"shoot", "shoots", "shot", "shooting"}, {"sleep", "sleeps", "slept", "sleeping"},
    {"sweep", "sweeps", "swept", "sweeping"}, {"weep", "weeps", "wept", "weeping"}, {"bind", "binds", "bound", "binding"},
    {"grind", "grinds", "ground", "grinding"}, {"fight", "fights", "fought", "fighting"},
    {"sting", "stings", "stung", "stinging"}, {"swing", "swings", "swung", "swinging"}, {"hit", "hits", "hit", "hitting"},
    {"hurt", "hurts", "hurt", "hurting"}, {"shut", "shuts", "shut", "shutting"}, {"spread", "spreads", "spread", "spreading"},
    {"cost", "costs", "cost", "costing"}, {"quit", "quits", "quit", "quitting"},
    // Nouns with irregular plurals (the regular spelling is often a verb's: "leafs").
    {"leaf", "leaves", "", ""},        {"knife", "knives", "", ""},       {"wolf", "wolves", "", ""},
    {"life", "lives", "", ""},         {"wife", "wives", "", ""},         {"half", "halves", "", ""},
    {"shelf", "shelves", "", ""},      {"thief", "thieves", "", ""},      {"loaf", "loaves", "", ""},
    {"calf", "calves", "", ""},        {"self", "selves", "", ""},        {"louse", "lice", "", ""},
    {"ox", "oxen", "", ""},            {"criterion", "criteria", "", ""}, {"phenomenon", "phenomena", "", ""},
    {"analysis", "analyses", "", ""},  {"diagnosis", "diagnoses", "", ""}, {"prognosis", "prognoses", "", ""},
    {"crisis", "crises", "", ""},      {"thesis", "theses", "", ""},      {"basis", "bases", "", ""},
    {"sheep", "sheep", "", ""},        {"deer", "deer", "", ""},
};

}  // namespace

// The irregular form, "" for none, or nullopt where the regular rules hold.
std::optional<std::string_view> irregular_form(std::string_view word, Inflection inflection) {
    for (const Irregular& w : irregular_words) {
        if (w.base != word) continue;
        switch (inflection) {
        case Inflection::plural: return w.s_form;
        case Inflection::past: return w.past;
        case Inflection::progressive: return w.progressive;
        default: return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace touchpoint
