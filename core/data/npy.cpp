#include "core/data/npy.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "core/internal/printable.h"

namespace equilab {
namespace {

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

bool fail(std::string* error, const std::string& message) {
    if (error) *error = message;
    return false;
}

// A cursor over the header's dict literal.
class HeaderParser {
  public:
    explicit HeaderParser(const std::string& text) : s_(text) {}

    bool parse(NpyArray* out, std::string* error) {
        bool haveDescr = false, haveOrder = false, haveShape = false;
        skipSpace();
        if (!eat('{')) return fail(error, "header: expected a dict starting with '{'");
        for (;;) {
            skipSpace();
            if (eat('}')) break;
            std::string key;
            if (!string(&key)) return fail(error, "header: expected a quoted key");
            skipSpace();
            if (!eat(':')) return fail(error, "header: expected ':' after " + equilab::quoted(key));
            skipSpace();
            if (key == "descr") {
                if (haveDescr || !string(&out->descr))
                    return fail(error, "header: 'descr' must be given once, as a string");
                haveDescr = true;
            } else if (key == "fortran_order") {
                if (haveOrder) return fail(error, "header: 'fortran_order' given twice");
                if (word("True"))
                    out->fortran_order = true;
                else if (word("False"))
                    out->fortran_order = false;
                else
                    return fail(error, "header: 'fortran_order' must be True or False");
                haveOrder = true;
            } else if (key == "shape") {
                if (haveShape || !tuple(&out->shape, error)) {
                    if (error && error->empty())
                        *error = "header: 'shape' must be a tuple of integers";
                    return false;
                }
                haveShape = true;
            } else {
                return fail(error, "header: unexpected key " + equilab::quoted(key));
            }
            skipSpace();
            if (eat(',')) continue;
            skipSpace();
            if (eat('}')) break;
            return fail(error, "header: expected ',' or '}'");
        }
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n')) ++pos_;
        if (pos_ != s_.size()) return fail(error, "header: unexpected text after the dict");
        if (!haveDescr) return fail(error, "header: 'descr' is missing");
        if (!haveOrder) return fail(error, "header: 'fortran_order' is missing");
        if (!haveShape) return fail(error, "header: 'shape' is missing");
        return true;
    }

  private:
    void skipSpace() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    }
    bool eat(char c) {
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool word(const char* w) {
        const size_t n = std::strlen(w);
        if (s_.compare(pos_, n, w) != 0) return false;
        pos_ += n;
        return true;
    }
    bool string(std::string* out) {
        if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) return false;
        const char quote = s_[pos_++];
        const size_t end = s_.find(quote, pos_);
        if (end == std::string::npos) return false;
        *out = s_.substr(pos_, end - pos_);
        if (out->find('\\') != std::string::npos) return false;
        pos_ = end + 1;
        return true;
    }
    bool tuple(std::vector<int64_t>* out, std::string* error) {
        out->clear();
        if (!eat('(')) return false;
        for (;;) {
            skipSpace();
            if (eat(')')) return true;
            const size_t start = pos_;
            int64_t v = 0;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
                if (v > kMaxNpyItems) return fail(error, "header: a dimension is above the limit");
                v = v * 10 + (s_[pos_++] - '0');
            }
            if (pos_ == start) return false;
            out->push_back(v);
            if (out->size() > 32) return fail(error, "header: more than 32 dimensions");
            skipSpace();
            if (eat(',')) continue;
            skipSpace();
            if (eat(')')) return true;
            return false;
        }
    }

    const std::string& s_;
    size_t pos_ = 0;
};

uint32_t readLe(const std::string& bytes, size_t at, int size) {
    uint32_t v = 0;
    for (int i = size - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

std::string describeShape(const std::vector<int64_t>& shape) {
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1) s += ",";
    return s + ")";
}

}  // namespace

int npyItemSize(const std::string& d) {
    static const std::map<std::string, int> fixed = {{"<f4", 4}, {"<f8", 8}, {"<i4", 4}, {"<i8", 8},
                                                     {"|u1", 1}, {"|i1", 1}, {"|b1", 1}};
    const auto it = fixed.find(d);
    if (it != fixed.end()) return it->second;
    // Strings: '<U k' (UCS-4, 4 bytes a character) and '|S k' (bytes), 1 ≤ k ≤ 10⁶.
    if (d.size() >= 3 && ((d[0] == '<' && d[1] == 'U') || (d[0] == '|' && d[1] == 'S'))) {
        long k = 0;
        for (size_t i = 2; i < d.size(); ++i) {
            if (d[i] < '0' || d[i] > '9' || k > 1000000) return 0;
            k = k * 10 + (d[i] - '0');
        }
        if (k < 1 || k > 1000000) return 0;
        return static_cast<int>(d[1] == 'U' ? 4 * k : k);
    }
    return 0;
}

int64_t NpyArray::count() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

int NpyArray::itemSize() const {
    return npyItemSize(descr);
}

size_t npyPreambleSize(const std::string& b) {
    if (b.size() < 8 || b.compare(0, kMagicSize, kMagic, kMagicSize) != 0) return 0;
    const int major = static_cast<unsigned char>(b[6]);
    if (major < 1 || major > 3) return 0;
    return major == 1 ? 10 : 12;
}

uint32_t npyHeaderLength(const std::string& preamble) {
    return readLe(preamble, 8, npyPreambleSize(preamble) == 10 ? 2 : 4);
}

bool parseNpyHeader(const std::string& bytes, NpyArray* out, std::string* error) {
    if (bytes.size() < kMagicSize + 4 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
        return fail(error, "not a .npy array (the magic string \\x93NUMPY is missing)");
    const int major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        return fail(error, ".npy format version " + std::to_string(major) + " is not supported");
    const int lenSize = major == 1 ? 2 : 4;
    if (bytes.size() < kMagicSize + 2 + static_cast<size_t>(lenSize))
        return fail(error, "the .npy header is truncated");
    const uint32_t headerLen = readLe(bytes, 8, lenSize);
    const size_t dataStart = 8 + static_cast<size_t>(lenSize) + headerLen;
    if (headerLen > kMaxNpyHeader) return fail(error, "the .npy header is longer than 64 KiB");
    if (bytes.size() < dataStart) return fail(error, "the .npy header is truncated");
    NpyArray a;
    const std::string header = bytes.substr(8 + static_cast<size_t>(lenSize), headerLen);
    if (!HeaderParser(header).parse(&a, error)) return false;
    const int item = a.itemSize();
    if (item == 0) return fail(error, "dtype " + equilab::quoted(a.descr) + " is not supported");
    int64_t count = 1;
    for (int64_t d : a.shape) {
        if (d != 0 && count > kMaxNpyItems / d)
            return fail(error,
                        "shape " + describeShape(a.shape) + " is above the limit of 2^28 items");
        count *= d;
    }
    *out = std::move(a);
    return true;
}

uint64_t npyDataBytes(const NpyArray& a) {
    return static_cast<uint64_t>(a.count()) * static_cast<uint64_t>(a.itemSize());
}

bool parseNpy(const std::string& bytes, NpyArray* out, std::string* error) {
    NpyArray a;
    if (!parseNpyHeader(bytes, &a, error)) return false;
    const size_t dataStart = npyPreambleSize(bytes) + npyHeaderLength(bytes);
    const size_t expected = static_cast<size_t>(npyDataBytes(a));
    const size_t have = bytes.size() - dataStart;
    if (have != expected)
        return fail(error, "shape " + describeShape(a.shape) + " of " + equilab::quoted(a.descr) +
                               " needs " + std::to_string(expected) +
                               " bytes of data, the file has " + std::to_string(have) +
                               (have < expected ? " (truncated)" : ""));
    a.data = bytes.substr(dataStart);
    *out = std::move(a);
    return true;
}

bool matrixFromNpy(const NpyArray& a, Matrix* out, std::string* error) {
    if (a.descr != "<f4" && a.descr != "<f8")
        return fail(
            error, "dtype " + equilab::quoted(a.descr) +
                       " is not supported (expected little-endian float32 '<f4' or float64 '<f8')");
    if (a.shape.empty() || a.shape.size() > 2)
        return fail(error, "expected 1 or 2 dimensions, got shape " + describeShape(a.shape));
    Matrix m;
    NpyMatrixFiller filler(a, &m);
    filler.feed(a.data.data(), a.data.size());
    *out = std::move(m);
    return true;
}

NpyMatrixFiller::NpyMatrixFiller(const NpyArray& a, Matrix* out)
    : m_(out), f4_(a.descr == "<f4"), rowMajor_(!a.fortran_order && a.shape.size() == 2) {
    const Index rows = a.shape.empty() ? 1 : static_cast<Index>(a.shape[0]);
    cols_ = a.shape.size() == 2 ? static_cast<Index>(a.shape[1]) : 1;
    m_->resize(rows, cols_);
    total_ = rows * cols_;
}

void NpyMatrixFiller::put(const char* p) {
    if (item_ >= total_) return;
    double v;
    if (f4_) {
        float f;
        std::memcpy(&f, p, 4);
        v = f;
    } else {
        std::memcpy(&v, p, 8);
    }
    // C order: (i, j) at i·cols + j; Fortran order: (i, j) at j·rows + i (Eigen's own).
    if (rowMajor_)
        (*m_)(item_ / cols_, item_ % cols_) = v;
    else
        m_->data()[item_] = v;
    ++item_;
}

void NpyMatrixFiller::feed(const char* data, size_t size) {
    const size_t item = f4_ ? 4 : 8;
    if (!pending_.empty()) {
        const size_t take = std::min(size, item - pending_.size());
        pending_.append(data, take);
        data += take;
        size -= take;
        if (pending_.size() < item) return;
        put(pending_.data());
        pending_.clear();
    }
    for (; size >= item; data += item, size -= item) put(data);
    if (size > 0) pending_.assign(data, size);
}

std::string npyBytes(const std::string& descr, const std::vector<int64_t>& shape,
                     const std::string& data) {
    std::string dict = "{'descr': '" + descr +
                       "', 'fortran_order': False, 'shape': " + describeShape(shape) + ", }";
    // Version 1.0; the header (magic + 4 bytes + dict + padding + '\n') is a multiple of 64.
    size_t total = kMagicSize + 4 + dict.size() + 1;
    const size_t padded = (total + 63) / 64 * 64;
    dict.append(padded - total, ' ');
    dict += '\n';
    std::string out(kMagic, kMagicSize);
    out += '\x01';
    out += '\x00';
    const auto len = static_cast<uint16_t>(dict.size());
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>(len >> 8);
    out += dict;
    out += data;
    return out;
}

std::string npyFromMatrix(const Matrix& m, NpyFloat dtype, bool asVector) {
    const Index rows = m.rows(), cols = m.cols();
    const int item = dtype == NpyFloat::F4 ? 4 : 8;
    std::string data(static_cast<size_t>(rows * cols * item), '\0');
    char* p = data.data();
    for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j, p += item) {
            if (dtype == NpyFloat::F4) {
                const float f = static_cast<float>(m(i, j));
                std::memcpy(p, &f, 4);
            } else {
                const double d = m(i, j);
                std::memcpy(p, &d, 8);
            }
        }
    const std::vector<int64_t> shape =
        asVector ? std::vector<int64_t>{rows * cols} : std::vector<int64_t>{rows, cols};
    return npyBytes(dtype == NpyFloat::F4 ? "<f4" : "<f8", shape, data);
}

}  // namespace equilab
