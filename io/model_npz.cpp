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

namespace equilab {
namespace {

const char* const kArrays[] = {"A", "B", "c", "W_out", "b_out"};

bool fail(QString* error, const QString& m) {
    if (error) *error = m;
    return false;
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

bool saveModelFile(const QString& path, const ModelFile& file, QString* error) {
    return saveBytesAtomically(path, serializeModelNpz(file), error);
}

}  // namespace equilab
