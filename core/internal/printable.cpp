#include "core/internal/printable.h"

#include <cstdio>

namespace equilab {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8.
size_t sequenceLength(const std::string& s, size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) {
        n = 2;
        cp = b & 0x1F;
        min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        n = 3;
        cp = b & 0x0F;
        min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        n = 4;
        cp = b & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp >= 0x80 && cp <= 0x9F) return 0;  // C1 controls (CSI …): escaped byte by byte
    return n;
}

std::string escaped(const std::string& text, size_t limit, bool countChars, bool quotes) {
    std::string out;
    size_t i = 0, chars = 0;
    while (i < text.size()) {
        if (countChars ? chars >= limit : out.size() >= limit) break;
        const auto b = static_cast<unsigned char>(text[i]);
        const size_t n = sequenceLength(text, i);
        if (n == 1 && b >= 0x20 && b != 0x7F) {
            if (quotes && (b == '"' || b == '\\')) out += '\\';
            out += static_cast<char>(b);
        } else if (n > 1) {
            out.append(text, i, n);
        } else {
            switch (b) {
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '\0':
                    out += "\\0";
                    break;
                default: {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02X", b);
                    out += buf;
                }
            }
        }
        i += n > 0 ? n : 1;
        ++chars;
    }
    if (i < text.size()) {
        out += "…";
        if (quotes) out += '"';
        out += " (" + std::to_string(text.size()) + " bytes)";
        return out;
    }
    if (quotes) out += '"';
    return out;
}

}  // namespace

std::string quoted(const std::string& text, size_t max_chars) {
    return "\"" + escaped(text, max_chars, true, true);
}

std::string oneLine(const std::string& message, size_t max_bytes) {
    return escaped(message, max_bytes, false, false);
}

std::string significant(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

}  // namespace equilab
