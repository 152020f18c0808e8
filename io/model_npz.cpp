#include "io/model_npz.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <quazipnewinfo.h>

#include <cmath>

#include "core/npy.h"
#include "core/option_limits.h"

namespace equilab {
namespace {

const char* const kArrays[] = {"A", "B", "c", "W_out", "b_out"};
constexpr qint64 kMaxEntryBytes = qint64(1) << 31;

bool fail(QString* error, const QString& m) {
    if (error) *error = m;
    return false;
}

QString shapeText(const Matrix& m) {
    return QStringLiteral("%1×%2").arg(m.rows()).arg(m.cols());
}

// The bytes of one zip entry; false (with a message) when it is missing or damaged.
bool readEntry(QuaZip& zip, const QString& entry, QByteArray* out, QString* error) {
    if (!zip.setCurrentFile(entry, QuaZip::csSensitive)) return fail(error, entry + ": missing");
    QuaZipFileInfo64 info;
    if (!zip.getCurrentFileInfo(&info)) return fail(error, entry + ": unreadable zip entry");
    if (static_cast<qint64>(info.uncompressedSize) > kMaxEntryBytes)
        return fail(error, entry + ": larger than the limit of 2 GiB");
    QuaZipFile f(&zip);
    if (!f.open(QIODevice::ReadOnly)) return fail(error, entry + ": cannot open the zip entry");
    *out = f.readAll();
    f.close();
    if (f.getZipError() != UNZ_OK || out->size() != static_cast<qint64>(info.uncompressedSize))
        return fail(error, entry + ": the zip entry is damaged (CRC or size mismatch)");
    return true;
}

QString entryFor(const QStringList& entries, const QString& name) {
    if (entries.contains(name + ".npy")) return name + ".npy";
    if (entries.contains(name)) return name;
    return {};
}

QString listing(QStringList entries) {
    for (QString& e : entries)
        if (e.endsWith(".npy")) e.chop(4);
    entries.sort();
    if (entries.size() > 12) entries = entries.mid(0, 12) << QStringLiteral("…");
    return entries.isEmpty() ? QStringLiteral("nothing") : entries.join(", ");
}

// meta: a '<U' string (0-d or one element), '|S' bytes or a '|u1' byte array, holding JSON.
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
                    "meta: expected a string of JSON text (dtype '<U', '|S' or '|u1'), got '" +
                        QString::fromStdString(a.descr) + "'");
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

// One named array, summed over its entries; 2-D for matrices, 1-D (or n×1, 1×n) for vectors.
bool readArray(QuaZip& zip, const QStringList& entries, const QString& key,
               const QStringList& names, bool vector, Matrix* out, bool* anyF8, QString* error) {
    Matrix sum;
    for (const QString& name : names) {
        const QString label = names.size() == 1 && name == key
                                  ? QStringLiteral("array '%1'").arg(key)
                                  : QStringLiteral("array '%1' (%2 from '%3')").arg(key, key, name);
        const QString entry = entryFor(entries, name);
        if (entry.isEmpty())
            return fail(error,
                        label + ": missing from the file (it has: " + listing(entries) + ")");
        QByteArray bytes;
        if (!readEntry(zip, entry, &bytes, error)) return fail(error, label + ": " + *error);
        NpyArray a;
        Matrix m;
        std::string why;
        if (!parseNpy(bytes.toStdString(), &a, &why) || !matrixFromNpy(a, &m, &why))
            return fail(error, label + ": " + QString::fromStdString(why));
        *anyF8 = *anyF8 || a.descr == "<f8";
        if (vector) {
            if (a.shape.size() == 2 && (a.shape[0] == 1 || a.shape[1] == 1))
                m.resize(m.size(), 1);
            else if (a.shape.size() != 1)
                return fail(error,
                            label + ": expected a vector, got a " + shapeText(m) + " matrix");
        } else if (a.shape.size() != 2) {
            return fail(error, label + ": expected a matrix (2 dimensions), got a vector of " +
                                   QString::number(m.rows()));
        }
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
        if (sum.size() == 0) {
            sum = m;
        } else if (sum.rows() != m.rows() || sum.cols() != m.cols()) {
            return fail(error, label + ": shape " + shapeText(m) +
                                   " does not match the other summed arrays (" + shapeText(sum) +
                                   ")");
        } else {
            sum += m;
        }
    }
    *out = std::move(sum);
    return true;
}

bool checkShapes(const ModelParams<double>& p, bool row, QString* error) {
    const Index n = p.A.rows(), d = p.B.cols(), k = p.Wout.rows();
    const QString hint = row ? QString() : QStringLiteral(" (a row-vector model? try layout row)");
    if (p.A.cols() != n) return fail(error, "array 'A': must be square, got " + shapeText(p.A));
    if (n < 1 || n > kMaxModelHidden)
        return fail(error, QStringLiteral("array 'A': n = %1 is out of range (1 to %2)")
                               .arg(n)
                               .arg(kMaxModelHidden));
    if (p.B.rows() != n)
        return fail(error, QStringLiteral("array 'B': expected %1 rows to match A (n×d), got %2%3")
                               .arg(n)
                               .arg(shapeText(p.B), p.B.cols() == n ? hint : QString()));
    if (d < 1 || d > kMaxModelInput)
        return fail(error, QStringLiteral("array 'B': d = %1 is out of range (1 to %2)")
                               .arg(d)
                               .arg(kMaxModelInput));
    if (p.c.size() != n)
        return fail(error, QStringLiteral("array 'c': expected %1 entries to match A, got %2")
                               .arg(n)
                               .arg(p.c.size()));
    if (p.Wout.size() == 0 && p.bout.size() == 0) return true;
    if (p.Wout.cols() != n)
        return fail(error,
                    QStringLiteral("array 'W_out': expected %1 columns to match A (k×n), got %2%3")
                        .arg(n)
                        .arg(shapeText(p.Wout), p.Wout.rows() == n ? hint : QString()));
    if (k < 1 || k > kMaxModelClasses)
        return fail(error, QStringLiteral("array 'W_out': k = %1 is out of range (1 to %2)")
                               .arg(k)
                               .arg(kMaxModelClasses));
    if (p.bout.size() != k)
        return fail(error,
                    QStringLiteral("array 'b_out': expected %1 entries to match W_out, got %2")
                        .arg(k)
                        .arg(p.bout.size()));
    return true;
}

}  // namespace

bool parseModelMap(const QString& spec, ModelImport* out, QString* error) {
    QMap<QString, QStringList> names;
    for (const QString& part : spec.split(',', Qt::SkipEmptyParts)) {
        const int eq = part.indexOf('=');
        const QString key = part.left(eq).trimmed();
        if (eq < 0 || key.isEmpty() || part.mid(eq + 1).trimmed().isEmpty())
            return fail(error, "--map: expected KEY=NAME, got \"" + part + "\"");
        if (!std::any_of(std::begin(kArrays), std::end(kArrays),
                         [&](const char* a) { return key == a; }))
            return fail(error,
                        "--map: unknown key \"" + key + "\" (expected A, B, c, W_out or b_out)");
        QStringList list;
        for (const QString& n : part.mid(eq + 1).split('+')) {
            if (n.trimmed().isEmpty()) return fail(error, "--map: empty name in \"" + part + "\"");
            list << n.trimmed();
        }
        names[key] = list;
    }
    out->names = names;
    return true;
}

bool parseModelNpz(const QByteArray& bytes, const ModelImport& import, ModelFile* out,
                   QString* error) {
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    QuaZip zip(&buffer);
    if (bytes.isEmpty() || !zip.open(QuaZip::mdUnzip))
        return fail(error, "not a readable .npz (zip) archive: empty, truncated or damaged");
    const QStringList entries = zip.getFileNameList();
    ModelFile f;
    if (!entryFor(entries, "meta").isEmpty()) {
        QByteArray mb;
        NpyArray a;
        std::string why;
        if (!readEntry(zip, entryFor(entries, "meta"), &mb, error))
            return fail(error, "meta: " + *error);
        if (!parseNpy(mb.toStdString(), &a, &why))
            return fail(error, "meta: " + QString::fromStdString(why));
        if (!readMeta(a, &f.meta, error)) return false;
    }
    QString layout =
        import.layout.isEmpty() ? f.meta.value("layout").toString("column") : import.layout;
    if (layout != "column" && layout != "row")
        return fail(error, "layout: expected column or row, got \"" + layout + "\"");
    const bool row = layout == "row";
    auto names = [&](const char* key) { return import.names.value(key, QStringList{key}); };
    const bool readout = !entryFor(entries, names("W_out").first()).isEmpty() ||
                         !entryFor(entries, names("b_out").first()).isEmpty() ||
                         import.names.contains("W_out") || import.names.contains("b_out");
    bool anyF8 = false;
    Matrix A, B, c, Wout, bout;
    if (!readArray(zip, entries, "A", names("A"), false, &A, &anyF8, error) ||
        !readArray(zip, entries, "B", names("B"), false, &B, &anyF8, error) ||
        !readArray(zip, entries, "c", names("c"), true, &c, &anyF8, error))
        return false;
    if (readout &&
        (!readArray(zip, entries, "W_out", names("W_out"), false, &Wout, &anyF8, error) ||
         !readArray(zip, entries, "b_out", names("b_out"), true, &bout, &anyF8, error)))
        return false;
    f.params.A = row ? Matrix(A.transpose()) : A;
    f.params.B = row ? Matrix(B.transpose()) : B;
    f.params.c = c.col(0);
    f.params.Wout = row ? Matrix(Wout.transpose()) : Wout;
    f.params.bout = bout.size() ? Vector(bout.col(0)) : Vector();
    if (!checkShapes(f.params, row, error)) return false;
    f.dtype = anyF8 ? QStringLiteral("float64") : QStringLiteral("float32");
    f.meta["layout"] = QStringLiteral("column");  // what the arrays now are
    *out = std::move(f);
    return true;
}

QByteArray zipEntries(const QList<QPair<QString, QByteArray>>& entries) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    zip.open(QuaZip::mdCreate);
    for (const auto& [name, data] : entries) {
        QuaZipNewInfo info(name);
        info.dateTime = QDateTime(QDate(1980, 1, 1), QTime(0, 0));  // reproducible files
        QuaZipFile f(&zip);
        f.open(QIODevice::WriteOnly, info);
        f.write(data);
        f.close();
    }
    zip.close();
    return bytes;
}

QByteArray serializeModelNpz(const ModelFile& file) {
    const NpyFloat dt = file.dtype == "float32" ? NpyFloat::F4 : NpyFloat::F8;
    QList<QPair<QString, QByteArray>> entries;
    auto put = [&entries](const QString& name, const std::string& data) {
        entries.append({name, QByteArray::fromStdString(data)});
    };
    const ModelParams<double>& p = file.params;
    put("A.npy", npyFromMatrix(p.A, dt));
    put("B.npy", npyFromMatrix(p.B, dt));
    put("c.npy", npyFromMatrix(p.c, dt, true));
    if (file.hasReadout()) {
        put("W_out.npy", npyFromMatrix(p.Wout, dt));
        put("b_out.npy", npyFromMatrix(p.bout, dt, true));
    }
    QJsonObject meta = file.meta;
    meta["format"] = QStringLiteral("equilab-model");
    meta["version"] = kModelFormatVersion;
    meta["layout"] = QStringLiteral("column");
    meta["dtype"] = file.dtype;
    const QList<uint> ucs =
        QString::fromUtf8(QJsonDocument(meta).toJson(QJsonDocument::Compact)).toUcs4();
    std::string data;
    for (uint u : ucs)
        for (int b = 0; b < 4; ++b) data += static_cast<char>((u >> (8 * b)) & 0xff);
    put("meta.npy", npyBytes("<U" + std::to_string(std::max<qsizetype>(1, ucs.size())), {},
                             data.empty() ? std::string(4, '\0') : data));
    return zipEntries(entries);
}

bool loadModelFile(const QString& path, const ModelImport& import, ModelFile* out, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(error, path + ": cannot open (" + f.errorString() + ")");
    if (f.size() > 4 * kMaxEntryBytes)
        return fail(error, path + ": larger than the limit of 8 GiB");
    if (!parseModelNpz(f.readAll(), import, out, error)) return fail(error, path + ": " + *error);
    return true;
}

bool saveModelFile(const QString& path, const ModelFile& file, QString* error) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fail(error, path + ": cannot write (" + f.errorString() + ")");
    f.write(serializeModelNpz(file));
    if (!f.commit()) return fail(error, path + ": cannot write (" + f.errorString() + ")");
    return true;
}

}  // namespace equilab
