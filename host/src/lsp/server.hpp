// touchpoint lsp: the Language Server Protocol over standard input and output (docs/editors.md).
#pragma once

#include "lsp/settings.hpp"

#include <istream>
#include <ostream>
#include <string>

namespace touchpoint::lsp {

// Serves `in` and `out` until the client's exit; returns the exit code: 0 after a
// shutdown request, 1 for an exit without one or a stream that ended. Threads that a
// runaway rule holds may still run: the caller ends the process without destroying them.
int serve(std::istream& in, std::ostream& out, const LspOptions& options, const std::string& version);

}  // namespace touchpoint::lsp
