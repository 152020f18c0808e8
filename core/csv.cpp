// CSV datasets: comma-separated numeric features with one label column. Labels may be any
// numbers or words; they are mapped to classes 0…C−1 in sorted order. Errors give the line and
// column.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "dataset.h"

namespace equilab {
namespace {

std::vector<std::string> splitLine(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) {
        const auto a = cell.find_first_not_of(" \t\r\"");
        const auto b = cell.find_last_not_of(" \t\r\"");
        cells.push_back(a == std::string::npos ? std::string() : cell.substr(a, b - a + 1));
    }
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}

bool toNumber(const std::string& s, double* v) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    *v = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && errno == 0 && std::isfinite(*v);
}

}  // namespace

bool parseCsv(const std::string& text, const CsvOptions& options, Dataset* out, std::string* error) {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    std::vector<std::vector<std::string>> rows;
    std::vector<int> lineNumbers;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank
        rows.push_back(splitLine(line));
        lineNumbers.push_back(lineNo);
    }
    if (rows.empty()) return fail("the CSV file is empty");
    const size_t width = rows[0].size();
    if (width < 2) return fail("line 1: expected at least two columns (features and a label)");
    bool header = options.header == 1;
    if (options.header < 0) {
        double v;
        header = std::any_of(rows[0].begin(), rows[0].end(), [&](const std::string& c) { return !toNumber(c, &v); });
    }
    // Label column: a header name, an index, or the last column.
    size_t labelCol = width - 1;
    if (!options.label_column.empty()) {
        double v;
        if (toNumber(options.label_column, &v) && v == std::floor(v)) {
            if (v < 0 || v >= width)
                return fail("label column " + options.label_column + " is out of range (the file has " +
                            std::to_string(width) + " columns)");
            labelCol = static_cast<size_t>(v);
        } else {
            if (!header) return fail("label column \"" + options.label_column + "\" named, but the file has no header");
            const auto it = std::find(rows[0].begin(), rows[0].end(), options.label_column);
            if (it == rows[0].end()) return fail("no column named \"" + options.label_column + "\" in the header");
            labelCol = static_cast<size_t>(it - rows[0].begin());
        }
    }
    const size_t first = header ? 1 : 0;
    if (rows.size() <= first) return fail("the CSV file has a header but no data rows");
    const Index N = static_cast<Index>(rows.size() - first), d = static_cast<Index>(width - 1);
    Dataset ds;
    ds.name = "csv";
    ds.X.resize(d, N);
    ds.labels.resize(N);
    std::map<std::string, int> labelNames;
    std::vector<std::string> rawLabels(static_cast<size_t>(N));
    for (size_t r = first; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const Index i = static_cast<Index>(r - first);
        const std::string where = "line " + std::to_string(lineNumbers[r]);
        if (row.size() != width)
            return fail(where + ": expected " + std::to_string(width) + " columns, got " + std::to_string(row.size()));
        Index f = 0;
        for (size_t c = 0; c < width; ++c) {
            if (c == labelCol) {
                if (row[c].empty()) return fail(where + ", column " + std::to_string(c + 1) + ": empty label");
                rawLabels[static_cast<size_t>(i)] = row[c];
                labelNames[row[c]] = 0;
                continue;
            }
            double v;
            if (!toNumber(row[c], &v))
                return fail(where + ", column " + std::to_string(c + 1) + ": \"" + row[c] + "\" is not a finite number");
            ds.X(f++, i) = v;
        }
    }
    // Numeric labels sort numerically, others lexicographically.
    std::vector<std::string> names;
    for (const auto& kv : labelNames) names.push_back(kv.first);
    double a, b;
    const bool numeric = std::all_of(names.begin(), names.end(), [&](const std::string& s) { return toNumber(s, &a); });
    if (numeric)
        std::sort(names.begin(), names.end(), [&](const std::string& x, const std::string& y) {
            toNumber(x, &a);
            toNumber(y, &b);
            return a < b;
        });
    if (names.size() < 2) return fail("the label column has a single class; nothing to learn");
    if (names.size() > 1000) return fail("the label column has more than 1000 distinct classes");
    for (size_t k = 0; k < names.size(); ++k) labelNames[names[k]] = static_cast<int>(k);
    for (Index i = 0; i < N; ++i) ds.labels(i) = labelNames[rawLabels[static_cast<size_t>(i)]];
    ds.classes = static_cast<int>(names.size());
    *out = std::move(ds);
    return true;
}

bool readCsvFile(const std::string& path, const CsvOptions& options, Dataset* out, std::string* error) {
    std::string text, why;
    if (!readFileBytes(path, &text, error)) return false;
    if (!parseCsv(text, options, out, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    return true;
}

}  // namespace equilab
