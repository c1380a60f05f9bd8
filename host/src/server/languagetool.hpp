// LanguageTool's HTTP API over the engine's checks (docs/serve.md): /v2/check with
// offsets and lengths in UTF-16 code units, and /v2/languages.
#pragma once

#include "server/service.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTMLForm.h>

#include <string>

namespace touchpoint {

// /v2/check: the form's `text` (or annotated `data`), `enabledRules`, `disabledRules`,
// `enabledOnly`; the answer LanguageTool's clients read. Throws HttpError.
Poco::JSON::Object languagetool_check(Service& service, const Poco::Net::HTMLForm& form);

// /v2/languages: the brand's locale, as a JSON array.
std::string languagetool_languages(const Brand& brand);

}  // namespace touchpoint
