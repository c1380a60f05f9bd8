// Debian 12's md4c 0.4.8 misreads some lines of real documents. md4c reads a copy of the
// source of the same length in which those lines are written as it reads them right, so
// every place in the copy is the same place in the file.
#pragma once

#include <string>
#include <string_view>

namespace touchpoint {

// The copy of `source` md4c should read from `body` on (after the front matter), or an
// empty string when `source` needs no change:
// - a fence line ending in tabs ("~~~\t") is not seen as a closing fence (md4c issue 292):
//   its trailing tabs become spaces;
// - a fence indented four columns or more past its list item's text straight after a
//   paragraph line opens a code block (md4c issue 189), where CommonMark reads a line of
//   the paragraph: its fence characters become letters, as inert as the text they are;
// - a | inside a template tag ({{ x | filter }}) splits a table cell, where Jekyll and
//   Hugo expand the tag before reading Markdown: it becomes a space.
std::string md4c_input(std::string_view source, size_t body);

}  // namespace touchpoint
