#include "glob.hpp"

#include <catch2/catch.hpp>

using touchpoint::glob_match;

TEST_CASE("globs match relative paths") {
    CHECK(glob_match("**", "a/b/c.md"));
    CHECK(glob_match("signage/**", "signage/lobby.txt"));
    CHECK(glob_match("signage/**", "signage/floor2/lift.md"));
    CHECK_FALSE(glob_match("signage/**", "web/signage.md"));
    CHECK(glob_match("*.md", "deep/down/file.md"));
    CHECK_FALSE(glob_match("*.md", "file.txt"));
    CHECK(glob_match("campaigns/*.md", "campaigns/spring.md"));
    CHECK_FALSE(glob_match("campaigns/*.md", "campaigns/2024/spring.md"));
    CHECK(glob_match("**/draft-*.md", "a/b/draft-1.md"));
    CHECK(glob_match("**/draft-*.md", "draft-1.md"));
    CHECK(glob_match("file-[0-9].txt", "file-7.txt"));
    CHECK_FALSE(glob_match("file-[!0-9].txt", "file-7.txt"));
    CHECK(glob_match("archive", "archive/old/x.md"));
    CHECK(glob_match("archive/", "archive/x.md"));
    CHECK(glob_match("./scripts/**", "scripts/a.md"));
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "a/c"));
}
