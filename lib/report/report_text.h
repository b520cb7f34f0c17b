// Internal: the user-facing words of the renderers, in Swedish and English.
#pragma once

#include <string_view>

namespace styrkoll::report {

enum class Lang { sv, en };

// "missing" -> "saknas" / "missing"; unknown ids are returned unchanged.
std::string_view coverage_label(Lang lang, std::string_view coverage);
// "analyzed" -> "analyserad" / "analysed" ...
std::string_view status_label(Lang lang, std::string_view status);
// "handled" -> "hanterad" / "handled" ...
std::string_view assessment_label(Lang lang, std::string_view status);
// diff change kinds: "fixed" -> "åtgärdade" / "fixed" ...
std::string_view change_label(Lang lang, std::string_view change);

inline std::string_view coverage_label_sv(std::string_view c) { return coverage_label(Lang::sv, c); }
inline std::string_view status_label_sv(std::string_view s) { return status_label(Lang::sv, s); }
inline std::string_view assessment_label_sv(std::string_view s) { return assessment_label(Lang::sv, s); }

}  // namespace styrkoll::report
