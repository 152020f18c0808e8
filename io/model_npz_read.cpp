// Reading model files (model_npz.h): bounded before allocating. The archive is read through its
// device (a file is never read whole), every entry is listed and checked first (logical names
// unique, methods stored, deflate or bzip2, declared sizes), meta at most 1 MB, each array's .npy
// header (read alone, at most 64 KiB) against the limits, the shapes against each other and the
// memory budget, and only then is each array's data streamed into its matrix in 64 KiB pieces.
#include "io/model_npz.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <quazipnewinfo.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <tuple>

#include "core/data/dataset.h"
#include "core/data/npy.h"
#include "core/internal/memory_estimate.h"
#include "core/internal/option_limits.h"
#include "core/internal/printable.h"
#include "core/internal/safe_write.h"
#include "io/safe_file.h"
#include "io/zip_entries.h"

namespace equilab {
namespace {

const char* const kArrays[] = {"A", "B", "c", "W_out", "b_out"};
constexpr qint64 kMaxEntryBytes = qint64(1) << 31;
constexpr qint64 kMaxMetaBytes = 1000000;  // meta is JSON text of a few kB
constexpr qint64 kReadChunk = qint64(1) << 16;

bool fail(QString* error, const QString& m) {
    if (error) *error = m;
    return false;
}

bool readMeta(const NpyArray& a, QJsonObject* out, QString* error) {
    QString text;
    const bool one = a.count() == 1;
    if (a.descr.rfind("<U", 0) == 0 && one) {
        QList<uint> ucs;
        for (int i = 0; i + 4 <= static_cast<int>(a.data.size()); i += 4) {
            uint u = 0;
            for (int b = 3; b >= 0; --b)
                u = (u << 8) | static_cast<unsigned char>(a.data[static_cast<size_t>(i + b)]);
            if (u == 0) break;
            ucs.append(u);
        }
        text = QString::fromUcs4(reinterpret_cast<const char32_t*>(ucs.constData()), ucs.size());
    } else if ((a.descr.rfind("|S", 0) == 0 && one) || (a.descr == "|u1" && a.shape.size() == 1)) {
        text = QString::fromUtf8(QByteArray(a.data.data(), static_cast<qsizetype>(a.data.size())));
        while (text.endsWith(QChar(0))) text.chop(1);
    } else {
        return fail(error,
                    "meta: expected a string of JSON text (dtype '<U', '|S' or '|u1'), got " +
                        QString::fromStdString(equilab::quoted(a.descr)));
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(
            error, "meta: not a JSON object (" +
                       (pe.error != QJsonParseError::NoError ? pe.errorString()
                                                             : QStringLiteral("other JSON value")) +
                       ")");
    *out = doc.object();
    return true;
}

// The limits of one named array in the file's own layout (rows × cols as stored): the column
// convention's n ≤ 4096, d ≤ 10⁶, k ≤ 10⁴, transposed for row-vector models.
struct ArrayLimit {
    qint64 rows, cols;
    const char* what;
};
ArrayLimit limitOf(const QString& key, bool row) {
    const qint64 n = kMaxModelHidden, d = kMaxModelInput, k = kMaxModelClasses;
    if (key == "A") return {n, n, "n ≤ 4096"};
    if (key == "B")
        return row ? ArrayLimit{d, n, "d ≤ 1000000, n ≤ 4096"}
                   : ArrayLimit{n, d, "n ≤ 4096, d ≤ 1000000"};
    if (key == "c") return {n, 1, "n ≤ 4096"};
    if (key == "W_out")
        return row ? ArrayLimit{n, k, "n ≤ 4096, k ≤ 10000"}
                   : ArrayLimit{k, n, "k ≤ 10000, n ≤ 4096"};
    return {k, 1, "k ≤ 10000"};
}

// One entry of one named array: its header read and checked, nothing of its data yet.
struct ArrayPart {
    QString label, entry;
    NpyArray header;  // data empty
    qint64 dataStart = 0;
    Index rows = 0, cols = 0;  // as a matrix (vectors n×1)
};

// Reads one entry's .npy header (never more than 64 KiB) and checks it against the key's limits
// and the entry's declared size, before any data is inflated.
bool readHeader(QuaZip& zip, const Entries& entries, const QString& key, bool vector, bool row,
                ArrayPart* part, QString* error) {
    QuaZipFile f(&zip);
    qint64 size = 0;
    if (!openEntry(zip, entries, part->entry, kMaxEntryBytes, &f, &size, error)) return false;
    std::string head;
    if (size < 10 || !readExactly(f, 10, &head))
        return fail(error, "not a .npy array (the magic string \\x93NUMPY is missing)");
    const size_t preamble = npyPreambleSize(head);
    std::string more;
    if (preamble == 12 && (size < 12 || !readExactly(f, 2, &more)))
        return fail(error, "the .npy header is truncated");
    head += more;
    std::string why;
    if (preamble > 0) {
        const uint32_t len = npyHeaderLength(head);
        if (len > kMaxNpyHeader) return fail(error, "the .npy header is longer than 64 KiB");
        if (static_cast<qint64>(preamble + len) > size || !readExactly(f, len, &more))
            return fail(error, "the .npy header is truncated");
        head += more;
    }
    NpyArray& a = part->header;
    if (!parseNpyHeader(head, &a, &why)) return fail(error, QString::fromStdString(why));
    f.close();
    if (a.descr != "<f4" && a.descr != "<f8")
        return fail(error, "dtype " + QString::fromStdString(equilab::quoted(a.descr)) +
                               " is not supported (expected little-endian float32 '<f4' or float64 "
                               "'<f8')");
    auto shape = [&] {
        QStringList d;
        for (int64_t x : a.shape) d << QString::number(x);
        return "(" + d.join(", ") + (a.shape.size() == 1 ? ",)" : ")");
    };
    if (a.shape.empty() || a.shape.size() > 2)
        return fail(error, "expected 1 or 2 dimensions, got shape " + shape());
    part->rows = static_cast<Index>(a.shape[0]);
    part->cols = a.shape.size() == 2 ? static_cast<Index>(a.shape[1]) : 1;
    if (vector) {
        if (a.shape.size() == 2 && a.shape[0] != 1 && a.shape[1] != 1)
            return fail(error, QStringLiteral("expected a vector, got a %1×%2 matrix")
                                   .arg(part->rows)
                                   .arg(part->cols));
        part->rows *= part->cols;
        part->cols = 1;
    } else if (a.shape.size() != 2) {
        return fail(error, "expected a matrix (2 dimensions), got a vector of " +
                               QString::number(part->rows));
    }
    const ArrayLimit lim = limitOf(key, row);
    if (part->rows > lim.rows || part->cols > lim.cols)
        return fail(error, "shape " + shape() + " is above the limits (" + lim.what +
                               "); refused before reading");
    part->dataStart = static_cast<qint64>(head.size());
    const qint64 need = part->dataStart + static_cast<qint64>(npyDataBytes(a));
    if (need != size)
        return fail(error, "shape " + shape() + " of " +
                               QString::fromStdString(equilab::quoted(a.descr)) +
                               QStringLiteral(" needs %1 bytes of data, the file has %2")
                                   .arg(need - part->dataStart)
                                   .arg(size - part->dataStart) +
                               (size < need ? " (truncated)" : ""));
    return true;
}

// The headers of one named array's entries (summed when several), checked and consistent.
bool readHeaders(QuaZip& zip, const Entries& entries, const QString& key, const QStringList& names,
                 bool vector, bool row, QList<ArrayPart>* out, QString* error) {
    for (const QString& name : names) {
        ArrayPart part;
        part.label =
            names.size() == 1 && name == key
                ? QStringLiteral("array '%1'").arg(key)
                : QStringLiteral("array '%1' (%2 from '%3')").arg(key, key, shownName(name));
        part.entry = entryFor(entries.names, name);
        if (part.entry.isEmpty())
            return fail(error, part.label + ": missing from the file (it has: " +
                                   listing(entries.names) + ")");
        if (!readHeader(zip, entries, key, vector, row, &part, error))
            return fail(error, part.label + ": " + *error);
        if (!out->isEmpty() && (out->front().rows != part.rows || out->front().cols != part.cols))
            return fail(error, part.label + QStringLiteral(": shape %1×%2 does not match the other "
                                                           "summed arrays (%3×%4)")
                                                .arg(part.rows)
                                                .arg(part.cols)
                                                .arg(out->front().rows)
                                                .arg(out->front().cols));
        out->append(part);
    }
    return true;
}

// One named array's data, streamed from its entries into the matrix (allocated once, from the
// checked header), summed; every entry finite and within ±1e6.
bool readArray(QuaZip& zip, const Entries& entries, const QList<ArrayPart>& parts, bool vector,
               Matrix* out, bool* anyF8, QString* error) {
    Matrix sum;
    std::string chunk;
    for (const ArrayPart& part : parts) {
        const QString& label = part.label;
        QuaZipFile f(&zip);
        qint64 size = 0;
        if (!openEntry(zip, entries, part.entry, kMaxEntryBytes, &f, &size, error))
            return fail(error, label + ": " + *error);
        Matrix m;
        NpyMatrixFiller filler(part.header, &m);
        bool ok = readExactly(f, part.dataStart, &chunk);
        for (qint64 left = size - part.dataStart; ok && left > 0;) {
            const qint64 n = std::min(left, kReadChunk);
            ok = readExactly(f, n, &chunk);
            if (ok) filler.feed(chunk.data(), chunk.size());
            left -= n;
        }
        char extra;
        const bool more = ok && f.read(&extra, 1) > 0;
        f.close();
        if (!ok || more || f.getZipError() != UNZ_OK || !filler.complete())
            return fail(error, label + ": the zip entry is damaged (CRC or size mismatch)");
        *anyF8 = *anyF8 || part.header.descr == "<f8";
        if (vector) m.resize(m.size(), 1);
        for (Index j = 0; j < m.cols(); ++j)
            for (Index i = 0; i < m.rows(); ++i) {
                const double v = m(i, j);
                if (!std::isfinite(v) || std::abs(v) > kMaxEntryMagnitude) {
                    const QString limit = QString::fromStdString(limitText(kMaxEntryMagnitude));
                    const QString at = vector ? QStringLiteral("[%1]").arg(i)
                                              : QStringLiteral("[%1][%2]").arg(i).arg(j);
                    return fail(
                        error, label + at + ": " +
                                   (std::isnan(v) ? QStringLiteral("NaN")
                                    : std::isinf(v)
                                        ? QStringLiteral("infinite")
                                        : QStringLiteral("magnitude above the limit of ") + limit) +
                                   " (entries must be finite, at most " + limit + " in magnitude)");
                }
            }
        if (sum.size() == 0)
            sum = std::move(m);
        else
            sum += m;
    }
    *out = std::move(sum);
    return true;
}

// The arrays' shapes in the column convention (vectors as n×1), known from the headers alone.
struct Shapes {
    Index Ar = 0, Ac = 0, Br = 0, Bc = 0, c = 0, Wr = 0, Wc = 0, b = 0;
};

QString shapeText(Index r, Index c) {
    return QStringLiteral("%1×%2").arg(r).arg(c);
}

bool checkShapes(const Shapes& p, bool readout, bool row, QString* error) {
    const Index n = p.Ar, d = p.Bc, k = p.Wr;
    const QString hint = row ? QString() : QStringLiteral(" (a row-vector model? try layout row)");
    if (p.Ac != n) return fail(error, "array 'A': must be square, got " + shapeText(p.Ar, p.Ac));
    if (n < 1 || n > kMaxModelHidden)
        return fail(error, QStringLiteral("array 'A': n = %1 is out of range (1 to %2)")
                               .arg(n)
                               .arg(kMaxModelHidden));
    if (p.Br != n)
        return fail(error, QStringLiteral("array 'B': expected %1 rows to match A (n×d), got %2%3")
                               .arg(n)
                               .arg(shapeText(p.Br, p.Bc), p.Bc == n ? hint : QString()));
    if (d < 1 || d > kMaxModelInput)
        return fail(error, QStringLiteral("array 'B': d = %1 is out of range (1 to %2)")
                               .arg(d)
                               .arg(kMaxModelInput));
    if (p.c != n)
        return fail(
            error,
            QStringLiteral("array 'c': expected %1 entries to match A, got %2").arg(n).arg(p.c));
    if (!readout) return true;
    if (p.Wc != n)
        return fail(error,
                    QStringLiteral("array 'W_out': expected %1 columns to match A (k×n), got %2%3")
                        .arg(n)
                        .arg(shapeText(p.Wr, p.Wc), p.Wr == n ? hint : QString()));
    if (k < 1 || k > kMaxModelClasses)
        return fail(error, QStringLiteral("array 'W_out': k = %1 is out of range (1 to %2)")
                               .arg(k)
                               .arg(kMaxModelClasses));
    if (p.b != k)
        return fail(error,
                    QStringLiteral("array 'b_out': expected %1 entries to match W_out, got %2")
                        .arg(k)
                        .arg(p.b));
    return true;
}

// The whole reader, over a seekable device (a file, or a buffer): entries listed and checked,
// meta (at most 1 MB), every array's header checked against the limits, the shapes against each
// other and the memory budget, and only then the data, streamed into the matrices.
bool parseModelDevice(QIODevice* device, const ModelImport& import, ModelFile* out,
                      QString* error) {
    QuaZip zip(device);
    if (device->size() == 0 || !zip.open(QuaZip::mdUnzip))
        return fail(error, "not a readable .npz (zip) archive: empty, truncated or damaged");
    Entries entries;
    if (!listEntries(zip, &entries, error)) return false;
    ModelFile f;
    if (!entryFor(entries.names, "meta").isEmpty()) {
        QByteArray mb;
        NpyArray a;
        std::string why;
        if (!readEntry(zip, entries, entryFor(entries.names, "meta"), kMaxMetaBytes, &mb, error))
            return fail(error, "meta: " + *error);
        if (!parseNpy(mb.toStdString(), &a, &why))
            return fail(error, "meta: " + QString::fromStdString(why));
        if (!readMeta(a, &f.meta, error) || !checkMetaDataset(f.meta, error)) return false;
    }
    QString layout =
        import.layout.isEmpty() ? f.meta.value("layout").toString("column") : import.layout;
    if (layout != "column" && layout != "row")
        return fail(error, "layout: expected column or row, got " + quotedText(layout));
    const bool row = layout == "row";
    auto names = [&](const char* key) { return import.names.value(key, QStringList{key}); };
    const bool readout = !entryFor(entries.names, names("W_out").first()).isEmpty() ||
                         !entryFor(entries.names, names("b_out").first()).isEmpty() ||
                         import.names.contains("W_out") || import.names.contains("b_out");
    // Headers first: shapes, limits and memory are known before a byte of data is inflated.
    QList<ArrayPart> parts[5];
    const bool vector[5] = {false, false, true, false, true};
    for (int i = 0; i < (readout ? 5 : 3); ++i)
        if (!readHeaders(zip, entries, kArrays[i], names(kArrays[i]), vector[i], row, &parts[i],
                         error))
            return false;
    auto dims = [&](int i, bool transpose) -> std::pair<Index, Index> {
        if (parts[i].isEmpty()) return {0, 0};
        const ArrayPart& p = parts[i].front();
        return transpose ? std::pair<Index, Index>{p.cols, p.rows}
                         : std::pair<Index, Index>{p.rows, p.cols};
    };
    Shapes sh;
    std::tie(sh.Ar, sh.Ac) = dims(0, row);
    std::tie(sh.Br, sh.Bc) = dims(1, row);
    sh.c = dims(2, false).first;
    std::tie(sh.Wr, sh.Wc) = dims(3, row);
    sh.b = dims(4, false).first;
    if (!checkShapes(sh, readout, row, error)) return false;
    // Memory: every array as doubles, a second copy of each matrix for a row layout's transpose,
    // and a summed array's one extra term.
    double bytes = 0, largest = 0;
    for (const QList<ArrayPart>& list : parts)
        for (const ArrayPart& p : list) {
            const double b = 8.0 * static_cast<double>(p.rows) * static_cast<double>(p.cols);
            bytes += b;
            largest = std::max(largest, b);
        }
    MemoryEstimate estimate;
    estimate.terms.push_back({"the arrays as float64", bytes});
    estimate.terms.push_back({"one array being transposed or summed", largest});
    std::string why;
    const uint64_t limit = import.max_memory > 0 ? import.max_memory : defaultMemoryLimit();
    if (!checkMemory(estimate, limit, "reading the model", &why))
        return fail(error, QString::fromStdString(why) + "; refused before inflating");
    bool anyF8 = false;
    Matrix m[5];
    for (int i = 0; i < (readout ? 5 : 3); ++i)
        if (!readArray(zip, entries, parts[i], vector[i], &m[i], &anyF8, error)) return false;
    f.params.A = row ? Matrix(m[0].transpose()) : std::move(m[0]);
    f.params.B = row ? Matrix(m[1].transpose()) : std::move(m[1]);
    f.params.c = m[2].col(0);
    f.params.Wout = row ? Matrix(m[3].transpose()) : std::move(m[3]);
    f.params.bout = m[4].size() ? Vector(m[4].col(0)) : Vector();
    f.dtype = anyF8 ? QStringLiteral("float64") : QStringLiteral("float32");
    f.meta["layout"] = QStringLiteral("column");  // what the arrays now are
    *out = std::move(f);
    return true;
}

}  // namespace

bool checkMetaDataset(const QJsonObject& meta, QString* error) {
    if (!meta.contains("dataset")) return true;
    if (!meta.value("dataset").isObject()) {
        if (error) *error = "meta: dataset: expected an object";
        return false;
    }
    const QJsonObject d = meta.value("dataset").toObject();
    struct Range {
        const char* key;
        double lo, hi;
        bool integer;
    };
    const Range ranges[] = {{"samples", 4, 10000000, true},
                            {"noise", 0, 10, false},
                            {"classes", 2, 10, true},
                            {"seed", 0, 4294967295.0, true}};
    for (const Range& r : ranges) {
        if (!d.contains(r.key)) continue;
        const QJsonValue v = d.value(r.key);
        const double x = v.toDouble(std::nan(""));
        QString why;
        if (!v.isDouble())
            why = QStringLiteral("expected a number");
        else if (r.integer && x != std::floor(x))
            why = QStringLiteral("%1 is not an integer").arg(x);
        else if (!(x >= r.lo && x <= r.hi))
            why = QStringLiteral("%1 is out of range (%2 to %3)")
                      .arg(x)
                      .arg(r.lo, 0, 'f', 0)
                      .arg(r.hi, 0, 'f', r.integer ? 0 : 1);
        if (!why.isEmpty()) {
            if (error) *error = QStringLiteral("meta: dataset.%1: ").arg(r.key) + why + "; refused";
            return false;
        }
    }
    for (const char* key : {"dataset", "data_dir", "label_column"})
        if (d.contains(key) && !d.value(key).isString()) {
            if (error) *error = QStringLiteral("meta: dataset.%1: expected a string").arg(key);
            return false;
        }
    return true;
}

bool parseModelNpz(const QByteArray& bytes, const ModelImport& import, ModelFile* out,
                   QString* error) {
    QBuffer buffer;
    buffer.setData(bytes);
    return parseModelDevice(&buffer, import, out, error);
}

bool loadModelFile(const QString& path, const ModelImport& import, ModelFile* out, QString* error) {
    // A regular file only, checked before and after opening (O_NONBLOCK: a FIFO never blocks the
    // open); the archive is read through the file, never whole into memory.
    const QByteArray name = QFile::encodeName(path);
    std::string why;
    if (!checkRegularFile(name.toStdString(), static_cast<uint64_t>(4 * kMaxEntryBytes), &why))
        return fail(error, QString::fromStdString(why));
    const int fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st {};
    if (fd < 0)
        return fail(error,
                    path + ": cannot open (" + QString::fromStdString(errnoText(errno)) + ")");
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(error, path + ": is not a regular file (a device, FIFO or socket); refused");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    QFile f;
    if (!f.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(error, path + ": cannot open (" + f.errorString() + ")");
    }
    if (!parseModelDevice(&f, import, out, error)) return fail(error, path + ": " + *error);
    return true;
}

}  // namespace equilab
