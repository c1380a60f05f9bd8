// A file Touchpoint reads but refuses: a format's reader throws it, the loading stage
// skips the file with its sentence.
#pragma once

#include <stdexcept>

namespace touchpoint {

// what() is a plain sentence ("a damaged or truncated zip archive").
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace touchpoint
