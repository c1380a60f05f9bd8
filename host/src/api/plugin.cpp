// The plugin API's interfaces have their destructors here, out of line: their vtables and
// type information live once, in libtouchpoint.so, and the ABI check sees every type a
// plugin exchanges with the host (Finding, RuleInfo, PackRule through these classes).
#include <touchpoint/plugin.hpp>

namespace touchpoint {

Reporter::~Reporter() = default;
CorpusReporter::~CorpusReporter() = default;
Check::~Check() = default;
CompileContext::~CompileContext() = default;
Plugin::~Plugin() = default;

}  // namespace touchpoint
