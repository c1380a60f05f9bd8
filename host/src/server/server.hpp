// touchpoint serve: the checks over HTTP, for editors and the LanguageTool clients
// copywriters already use.
#pragma once

#include "engine/engine.hpp"

#include <string>

namespace touchpoint {

struct ServeOptions {
    unsigned port = 8081;
    bool public_address = false;            // --public: all addresses, not only localhost
    std::string allow_origin;               // --allow-origin: CORS
    size_t max_request_bytes = 1u << 20;    // --max-request-size (KiB on the command line)
    unsigned workers = 4;                   // checks run at once (--jobs)
    unsigned connections = 64;              // HTTP connections served at once; as many checks may wait
    size_t queued_connections = 192;        // accepted connections waiting for a thread; more are closed
    double request_seconds = 10;            // --request-timeout: a check longer than this gets 503
    double idle_seconds = 5;                // --idle-timeout: for a whole request header, and for each read of a body
};

// Serves until the process is stopped (SIGINT, SIGTERM). Prints the address on
// standard output once listening. Returns the process exit code.
int serve(Engine& engine, const ServeOptions& options, const std::string& version);

}  // namespace touchpoint
