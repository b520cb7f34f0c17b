// Joining two lines of one paragraph, resolving a line-end hyphen the way
// a Swedish reader would. Used for PDFs and for text that was hard-wrapped
// from a PDF (Markdown and plain-text exports of PDFs keep "an-\ntagna").
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace styrkoll::ingest {

// Accepts a word as a dictionary word.
using WordCheck = std::function<bool(std::string_view)>;

// "välfärds-" + "brottslighet" becomes one word when `is_word` accepts it;
// "IT-" + "säkerhet" keeps the hyphen; "ägar-" + "och ..." keeps hyphen and
// space (a Swedish suspended compound). Other lines are joined with a space.
std::string join_lines(const std::string& left, const std::string& right, const WordCheck& is_word);

// True when s starts with a lowercase letter (ASCII or Swedish).
bool starts_lowercase(std::string_view s);

}  // namespace styrkoll::ingest
