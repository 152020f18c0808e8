// Text from files and the command line as messages can show it. Every message EquiLab prints is
// one line: untrusted text (a JSON string, an archive's entry name, a CSV cell, meta fields) goes
// through quoted(); a whole message goes through oneLine() before it reaches a terminal or a
// dialog, so that no file can split a message, inject fake lines, or send escape sequences.
#pragma once

#include <cstddef>
#include <string>

namespace equilab {

constexpr size_t kMaxQuotedChars = 200;

// "text" in double quotes with \" \\ \n \r \t \0 and \xNN for the other control characters
// (C0, DEL, C1) and for bytes that are not UTF-8; longer than max_chars characters (code points),
// it is cut there: "first 200 characters…" (N bytes).
std::string quoted(const std::string& text, size_t max_chars = kMaxQuotedChars);
// The same without the quotes and without escaping quotes and backslashes: a message made one
// line. Longer than max_bytes, it is cut at a character boundary with "… (N bytes)".
std::string oneLine(const std::string& message, size_t max_bytes = 2000);
// v with `digits` significant digits (printf's %.*g): how verdicts and classes print numbers.
std::string significant(double v, int digits = 3);

}  // namespace equilab
