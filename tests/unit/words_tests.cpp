// Word segmentation, matching keys and the joins between the words of a term.
#include "base/words.hpp"

#include <touchpoint/text.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace touchpoint;

namespace {
std::vector<std::string> words_of(std::string_view text) {
    std::vector<Segment> segments;
    find_words(text, segments);
    std::vector<std::string> out;
    for (const Segment& s : segments) out.emplace_back(text.substr(s.begin, s.end - s.begin));
    return out;
}
}  // namespace

TEST_CASE("words are Unicode word segments holding a letter or a digit") {
    using V = std::vector<std::string>;
    CHECK(words_of("check-in at 9:30, don't wait!") == V{"check", "in", "at", "9", "30", "don't", "wait"});
    CHECK(words_of("e.g. 3.14 or 1,000 people") == V{"e.g", "3.14", "or", "1,000", "people"});
    CHECK(words_of("Ünïcödé café naïve") == V{"Ünïcödé", "café", "naïve"});
    CHECK(words_of("don’t “quote” — dash") == V{"don’t", "quote", "dash"});
    CHECK(words_of("___ snake_case") == V{"snake_case"});
    CHECK(words_of("") == V{});
}

TEST_CASE("the ASCII fast path agrees with ICU's word break iterator") {
    const std::string alphabet = "ab Z9_.',;:-!?\t()\"/&@#";
    std::mt19937 random(20261124);
    for (int round = 0; round < 3000; ++round) {
        std::string line;
        int length = int(random() % 24);
        for (int i = 0; i < length; ++i) line += alphabet[random() % alphabet.size()];
        std::vector<Segment> fast, icu;
        find_words(line, fast);
        find_words_icu(line, 0, icu);
        INFO("line: [" << line << "]");
        REQUIRE(fast.size() == icu.size());
        for (size_t i = 0; i < fast.size(); ++i) {
            CHECK(fast[i].begin == icu[i].begin);
            CHECK(fast[i].end == icu[i].end);
        }
    }
}

TEST_CASE("match keys fold case, normalise to NFC and plain quotes") {
    CHECK(match_key("Customer") == "customer");
    CHECK(match_key("STRASSE") == match_key("straße"));
    CHECK(match_key("Cafe\u0301") == match_key("Café"));  // decomposed é equals composed é
    CHECK(match_key("don’t") == "don't");
    CHECK(match_key("ΣΊΣΥΦΟΣ") == match_key("σίσυφος"));
}

TEST_CASE("phrase keys split a term into the keys of its words") {
    using V = std::vector<std::string>;
    CHECK(phrase_keys("Close-to-Home") == V{"close", "to", "home"});
    CHECK(phrase_keys("  care   team ") == V{"care", "team"});
    CHECK(phrase_keys("---").empty());
}

TEST_CASE("words of a term join across spaces, hyphens and one line break only") {
    CHECK(joins_words(" "));
    CHECK(joins_words("-"));
    CHECK(joins_words(" - "));
    CHECK(joins_words("\n"));
    CHECK(joins_words(" \r\n  "));
    CHECK(joins_words("\u00A0"));
    CHECK(joins_words("\u2011"));
    CHECK_FALSE(joins_words(""));
    CHECK_FALSE(joins_words("\n\n"));
    CHECK_FALSE(joins_words(", "));
    CHECK_FALSE(joins_words(". "));
    CHECK_FALSE(joins_words(" / "));
}
