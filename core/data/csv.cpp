// CSV datasets: comma-separated numeric features with one label column, read one line at a time
// so that only the parsed numbers are held (never the text twice). Line ends LF, CRLF or CR.
// Labels: numbers compared as numbers, words as words; classes 0…C−1 numbers first in numeric
// order, then words in lexicographic order. Errors give the line and the column.
#include <locale.h>
#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/data/dataset.h"
#include "core/internal/printable.h"

namespace equilab {
namespace {

// A cell as it can be shown in one line of a message: control and non-ASCII bytes as \xNN,
// long cells cut.
std::string shown(const std::string& cell) {
    std::string out;
    for (unsigned char ch : cell) {
        if (out.size() > 40) return out + "…";
        if (ch >= 0x20 && ch < 0x7f) {
            out += static_cast<char>(ch);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", ch);
            out += buf;
        }
    }
    return out;
}

// Any number strtod accepts, including nan, inf and values out of range (then *finite = false).
// Underflow (1e-310, a denormal, or 1e-400, rounded to 0) is finite and accepted.
bool parseNumber(const std::string& s, double* v, bool* finite) {
    if (s.empty()) return false;
    // Decimal only: strtod would read 0x10 as 16 and 0x1p3 as 8.
    if (s.find_first_of("xX") != std::string::npos) return false;
    char* end = nullptr;
    errno = 0;
    // The C locale: a CSV's decimal point is '.', whatever the user's locale (Qt applications
    // adopt the environment's locale, where strtod may expect ',').
    static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
    *v = cLocale ? strtod_l(s.c_str(), &end, cLocale) : std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return false;
    *finite = std::isfinite(*v);
    return true;
}

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

bool isNumber(const std::string& s) {
    double v;
    bool finite;
    return parseNumber(s, &v, &finite);
}

std::string trimCell(const std::string& line, size_t a, size_t b) {
    while (a < b && (line[a] == ' ' || line[a] == '\t' || line[a] == '"')) ++a;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '"')) --b;
    return line.substr(a, b - a);
}

// Splits on commas outside double quotes: a quoted field keeps its commas, "" inside quotes is a
// quote, spaces around the quotes are dropped. False (with *why) for an unclosed quote or more
// than kMaxCsvColumns cells; the cells are counted as they are cut, so a line of commas never
// builds more than the cap.
bool splitLine(const std::string& line, std::vector<std::string>* cells, std::string* why) {
    cells->clear();
    std::string cell;
    bool quotedCell = false;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == ',') {
            if (cells->size() >= kMaxCsvColumns) {
                *why = "more than " + std::to_string(kMaxCsvColumns) + " columns; refused";
                return false;
            }
            cells->push_back(quotedCell ? cell : trimCell(line, start, i));
            quotedCell = false;
            cell.clear();
            start = i + 1;
            continue;
        }
        if (line[i] != '"' || quotedCell) {
            if (quotedCell && line[i] != ' ' && line[i] != '\t') {
                *why = "column " + std::to_string(cells->size() + 1) +
                       ": text after a quoted field's closing quote";
                return false;
            }
            continue;
        }
        if (line.find_first_not_of(" \t", start) != i) continue;  // a quote inside a bare cell
        // A quoted field: up to the closing quote ("" is a quote inside it).
        size_t j = i + 1;
        for (;; ++j) {
            if (j >= line.size()) {
                *why = "column " + std::to_string(cells->size() + 1) +
                       ": a quoted field is not closed (a field cannot span lines)";
                return false;
            }
            if (line[j] == '"') {
                if (j + 1 < line.size() && line[j + 1] == '"') {
                    cell += '"';
                    ++j;
                    continue;
                }
                break;
            }
            cell += line[j];
        }
        quotedCell = true;
        i = j;
    }
    return true;
}

// Lines split on LF, CRLF or a lone CR; reads the stream in blocks.
class LineReader {
  public:
    explicit LineReader(std::istream& in) : in_(in) {}
    // False at the end, or when a line exceeds kMaxCsvLineBytes (then tooLong(); the line is not
    // held beyond the cap).
    bool next(std::string* line) {
        line->clear();
        bool any = false;
        for (;;) {
            if (line->size() >= kMaxCsvLineBytes) {
                tooLong_ = true;
                ++number_;
                return false;
            }
            if (pos_ == len_ && !fill()) {
                if (!any) return false;
                ++number_;
                return true;
            }
            const char ch = buf_[pos_++];
            if (skipLf_) {
                skipLf_ = false;
                if (ch == '\n') continue;
            }
            any = true;
            if (ch == '\n' || ch == '\r') {
                skipLf_ = ch == '\r';
                ++number_;
                return true;
            }
            line->push_back(ch);
        }
    }
    // The number (from 1) of the line last returned.
    int number() const { return number_; }
    bool tooLong() const { return tooLong_; }

  private:
    bool fill() {
        in_.read(buf_, sizeof buf_);
        len_ = static_cast<size_t>(in_.gcount());
        pos_ = 0;
        return len_ > 0;
    }
    std::istream& in_;
    char buf_[1 << 16];
    size_t pos_ = 0, len_ = 0;
    bool skipLf_ = false;
    bool tooLong_ = false;
    int number_ = 0;
};

// A distinct label: numbers by value, words by text.
struct LabelKey {
    bool number;
    double value;
    std::string text;
    bool operator<(const LabelKey& o) const {
        if (number != o.number) return number;  // numbers first
        return number ? value < o.value : text < o.text;
    }
};

struct Parser {
    const CsvOptions& options;
    std::string error;
    size_t width = 0, labelCol = 0;
    std::vector<double> features, targets;
    std::vector<int> ids;                             // per row, the label's first-seen id
    std::map<LabelKey, int> labelIds;                 // first-seen ids
    std::vector<std::pair<LabelKey, int>> firstLine;  // id → key and line where first seen

    bool fail(const std::string& m) {
        error = m;
        return false;
    }
    static std::string where(int line, size_t col) {
        return "line " + std::to_string(line) + ", column " + std::to_string(col + 1);
    }

    bool chooseLabelColumn(const std::vector<std::string>& first, bool header) {
        labelCol = width - 1;
        if (options.label_column.empty()) return true;
        double v;
        bool finite;
        if (parseNumber(options.label_column, &v, &finite) && finite && v == std::floor(v)) {
            if (v < 0 || v >= static_cast<double>(width))
                return fail("label column " + options.label_column +
                            " is out of range (the file has " + std::to_string(width) +
                            " columns)");
            labelCol = static_cast<size_t>(v);
            return true;
        }
        if (!header)
            return fail("label column \"" + options.label_column +
                        "\" named, but the file has no header");
        const auto it = std::find(first.begin(), first.end(), options.label_column);
        if (it == first.end())
            return fail("no column named \"" + options.label_column + "\" in the header");
        labelCol = static_cast<size_t>(it - first.begin());
        return true;
    }

    // Auto: a header only if none of the first row's feature cells is a number. The label column
    // is the named one when it is named in a header, else as chosen.
    bool decideHeader(const std::vector<std::string>& first, bool* header, std::string* note) {
        if (options.header >= 0) {
            *header = options.header == 1;
            *note = *header ? "the first row is a header (as asked)" : "no header row (as asked)";
            return chooseLabelColumn(first, *header);
        }
        double v;
        bool finite;
        const bool named =
            !options.label_column.empty() && !parseNumber(options.label_column, &v, &finite);
        if (named) {
            *header = true;
        } else {
            if (!chooseLabelColumn(first, false)) return false;
            bool anyNumber = false;
            for (size_t c = 0; c < first.size(); ++c)
                if (c != labelCol && isNumber(first[c])) anyNumber = true;
            *header = !anyNumber;
        }
        *note = *header
                    ? "the first row was taken as a header (none of its feature cells is a number)"
                    : "no header row (the first row's feature cells include numbers)";
        return chooseLabelColumn(first, *header);
    }

    bool addLabel(const std::string& cell, int line) {
        double v;
        bool finite = false;
        if (options.regression) {
            if (!parseNumber(cell, &v, &finite))
                return fail(where(line, labelCol) + ": target " + equilab::quoted(cell) +
                            " is not a number");
            if (!finite)
                return fail(where(line, labelCol) + ": target " + equilab::quoted(cell) +
                            " is not a finite number");
            if (options.float32 && std::fabs(v) > FLT_MAX)
                return fail(where(line, labelCol) + ": target " + shown(cell) +
                            " is outside the float32 range (±3.4e38)");
            targets.push_back(v);
            ids.push_back(0);
            return true;
        }
        LabelKey key{false, 0.0, cell};
        if (parseNumber(cell, &v, &finite)) {
            if (!finite)
                return fail(where(line, labelCol) + ": label " + equilab::quoted(cell) +
                            " is not a finite number");
            key = LabelKey{true, v == 0.0 ? 0.0 : v, {}};  // -0 and 0 are one class
        }
        auto it = labelIds.find(key);
        if (it == labelIds.end()) {
            if (static_cast<int>(labelIds.size()) >= kMaxCsvClasses && key.number &&
                key.value != std::floor(key.value))
                return fail(where(line, labelCol) + ": label " + equilab::quoted(cell) +
                            " is not an integer and the column has more than " +
                            std::to_string(kMaxCsvClasses) +
                            " distinct labels: real-valued targets are not classes "
                            "(use --task regression)");
            if (static_cast<int>(labelIds.size()) >= kMaxCsvClasses)
                return fail(
                    where(line, labelCol) + ": " + equilab::quoted(cell) + " is label number " +
                    std::to_string(kMaxCsvClasses + 1) + "; more than " +
                    std::to_string(kMaxCsvClasses) +
                    " distinct labels are refused (real-valued targets? use --task regression)");
            it = labelIds.emplace(key, static_cast<int>(labelIds.size())).first;
            firstLine.emplace_back(key, line);
        }
        ids.push_back(it->second);
        return true;
    }

    bool addRow(const std::vector<std::string>& row, int line) {
        if (row.size() != width)
            return fail("line " + std::to_string(line) + ": expected " + std::to_string(width) +
                        " columns, got " + std::to_string(row.size()));
        for (size_t c = 0; c < width; ++c) {
            const std::string& cell = row[c];
            if (c == labelCol) {
                if (cell.empty()) return fail(where(line, c) + ": empty label");
                if (!addLabel(cell, line)) return false;
                continue;
            }
            double v;
            bool finite = false;
            if (!parseNumber(cell, &v, &finite) || !finite)
                return fail(where(line, c) + ": " + equilab::quoted(cell) +
                            " is not a finite number");
            if (options.float32 && std::fabs(v) > FLT_MAX)
                return fail(where(line, c) + ": " + shown(cell) +
                            " is outside the float32 range (±3.4e38); use --dtype float64");
            features.push_back(v);
        }
        return true;
    }

    // Numbers must be integers (non-integers are real-valued targets, not classes); numbers first
    // in numeric order, then words.
    bool finishLabels(Dataset* ds) {
        const Index N = static_cast<Index>(ids.size());
        ds->labels.resize(N);
        if (options.regression) {
            ds->regression = true;
            ds->classes = 1;
            ds->targets = Eigen::Map<const Matrix>(targets.data(), 1, N);
            ds->labels.setZero();
            return true;
        }
        bool allNumbers = true;
        for (const auto& [key, line] : firstLine) allNumbers &= key.number;
        if (allNumbers)
            for (const auto& [key, line] : firstLine)
                if (key.value != std::floor(key.value))
                    return fail("line " + std::to_string(line) + ", column " +
                                std::to_string(labelCol + 1) + ": label " +
                                shown(formatNumber(key.value)) +
                                " is not an integer; a label column of non-integer numbers holds "
                                "real-valued "
                                "targets (use --task regression)");
        if (labelIds.size() < 2)
            return fail("the label column has a single class; nothing to learn");
        std::vector<int> rank(labelIds.size());
        int k = 0;
        for (const auto& [key, id] : labelIds)
            rank[static_cast<size_t>(id)] = k++;  // map order = class order
        for (Index i = 0; i < N; ++i)
            ds->labels(i) = rank[static_cast<size_t>(ids[static_cast<size_t>(i)])];
        ds->classes = static_cast<int>(labelIds.size());
        return true;
    }
};

bool hasBadEncoding(const std::string& firstLine, std::string* why) {
    if (firstLine.size() >= 2 &&
        ((uint8_t(firstLine[0]) == 0xFF && uint8_t(firstLine[1]) == 0xFE) ||
         (uint8_t(firstLine[0]) == 0xFE && uint8_t(firstLine[1]) == 0xFF))) {
        *why = "line 1: the file is UTF-16 encoded; save it as UTF-8 or ASCII";
        return true;
    }
    return false;
}

}  // namespace

bool parseCsvStream(std::istream& in, const CsvOptions& options, Dataset* out, std::string* error) {
    Parser p{options, {}, 0, 0, {}, {}, {}, {}, {}};
    auto fail = [&](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    LineReader reader(in);
    std::string line, note;
    std::vector<std::string> cells;
    bool started = false, header = false;
    int rows = 0;
    while (reader.next(&line)) {
        const int number = reader.number();
        if (!started && number == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
            line.erase(0, 3);  // UTF-8 byte-order mark
        if (!started) {
            std::string why;
            if (hasBadEncoding(line, &why)) return fail(why);
        }
        const size_t nul = line.find('\0');
        if (nul != std::string::npos) {
            const size_t col = static_cast<size_t>(
                std::count(line.begin(), line.begin() + static_cast<long>(nul), ','));
            return fail(Parser::where(number, col) +
                        ": contains a NUL byte (a binary or UTF-16 file?)");
        }
        if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank
        std::string why;
        if (!splitLine(line, &cells, &why))
            return fail("line " + std::to_string(number) +
                        (why.rfind("column", 0) == 0 ? ", " : ": ") + why);
        if (!started) {
            started = true;
            p.width = cells.size();
            if (p.width < 2)
                return fail(
                    "line " + std::to_string(number) +
                    ": expected at least two columns (features and a label)" +
                    (line.find('\t') != std::string::npos
                         ? "; the line has tabs: EquiLab reads comma-separated values "
                           "(convert the tabs to commas)"
                     : line.find(';') != std::string::npos
                         ? "; the line has semicolons: EquiLab reads comma-separated values "
                           "with '.' as the decimal point"
                         : ""));
            if (!p.decideHeader(cells, &header, &note)) return fail(p.error);
            if (header) continue;
        }
        if (!p.addRow(cells, number)) return fail(p.error);
        ++rows;
    }
    if (reader.tooLong())
        return fail("line " + std::to_string(reader.number()) + ": longer than " +
                    std::to_string(kMaxCsvLineBytes >> 20) + " MiB; refused (a binary file?)");
    if (!started) return fail("the CSV file is empty");
    if (rows == 0) return fail("the CSV file has a header but no data rows");
    Dataset ds;
    ds.name = "csv";
    const Index d = static_cast<Index>(p.width - 1);
    ds.X = Eigen::Map<const Matrix>(p.features.data(), d, rows);
    std::vector<double>().swap(p.features);
    if (!p.finishLabels(&ds)) return fail(p.error);
    ds.note = note + "; " + std::to_string(rows) + " rows, " + std::to_string(d) + " features, " +
              (ds.regression ? std::string("real-valued targets")
                             : std::to_string(ds.classes) + " classes");
    *out = std::move(ds);
    return true;
}

bool parseCsv(const std::string& text, const CsvOptions& options, Dataset* out,
              std::string* error) {
    std::istringstream in(text);
    return parseCsvStream(in, options, out, error);
}

bool readCsvFile(const std::string& path, const CsvOptions& options, Dataset* out,
                 std::string* error) {
    if (!checkRegularFile(path, options.max_file_bytes, error)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = path + ": cannot open";
        return false;
    }
    std::string why;
    if (!parseCsvStream(in, options, out, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    return true;
}

}  // namespace equilab
