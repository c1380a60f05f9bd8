// The routes of touchpoint serve (docs/serve.md): the page, /api/check, /api/brand,
// /api/rules, /health and LanguageTool's /v2/check and /v2/languages.
#pragma once

#include "server/service.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

namespace touchpoint {

// Answers one request whose body the connection gate saw arrive whole; every fault is an
// answer (JSON {"error": ...}), never an exception.
void handle_request(Service& service, const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response);

}  // namespace touchpoint
