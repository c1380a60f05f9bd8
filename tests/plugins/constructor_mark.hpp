// A library constructor that leaves a mark: the loader tests prove that nothing of a
// refused library runs by checking that the mark is absent.
#pragma once

#include <cstdio>
#include <cstdlib>

__attribute__((constructor)) static void touchpoint_test_leave_mark() {
    if (const char* path = std::getenv("TOUCHPOINT_TEST_CONSTRUCTOR_MARK"))
        if (std::FILE* file = std::fopen(path, "w")) std::fclose(file);
}
