#include "io/zip_entries.h"

#include "core/internal/printable.h"

namespace equilab {
namespace {

bool fail(QString* error, const QString& m) {
    if (error) *error = m;
    return false;
}

QString methodName(int method) {
    switch (method) {
        case 1:
            return QStringLiteral("shrink");
        case 6:
            return QStringLiteral("implode");
        case 9:
            return QStringLiteral("deflate64");
        case 12:
            return QStringLiteral("bzip2");
        case 14:
            return QStringLiteral("LZMA");
        case 93:
            return QStringLiteral("zstd");
        case 95:
            return QStringLiteral("xz");
        case 98:
            return QStringLiteral("PPMd");
        case 99:
            return QStringLiteral("AES encryption");
        default:
            return QStringLiteral("method %1").arg(method);
    }
}

}  // namespace

// An entry's name as a message shows it: control characters escaped, long names cut.
QString shownName(const QString& name) {
    return QString::fromStdString(oneLine(name.left(200).toStdString(), 80));
}

bool listEntries(QuaZip& zip, Entries* out, QString* error) {
    const QList<QuaZipFileInfo64> list = zip.getFileInfoList64();
    if (zip.getZipError() != UNZ_OK || list.size() != zip.getEntriesCount())
        return fail(error, QStringLiteral("the zip central directory is damaged (%1 of %2 entries "
                                          "readable); refused")
                               .arg(list.size())
                               .arg(zip.getEntriesCount()));
    QHash<QString, QString> logical;  // "A" → the entry that holds it ("A" or "A.npy")
    for (const QuaZipFileInfo64& i : list) {
        QString key = i.name;
        if (key.endsWith(QLatin1String(".npy"))) key.chop(4);
        if (logical.contains(key))
            return fail(error,
                        QStringLiteral("entries '%1' and '%2' both hold array '%3'; refused (NumPy "
                                       "and EquiLab would read different arrays)")
                            .arg(shownName(logical.value(key)), shownName(i.name), shownName(key)));
        logical.insert(key, i.name);
        out->names.append(i.name);
        out->info.insert(i.name, i);
    }
    return true;
}

// An entry opened for reading after its method and declared size are checked (max bytes).
bool openEntry(QuaZip& zip, const Entries& entries, const QString& entry, qint64 max, QuaZipFile* f,
               qint64* size, QString* error) {
    const QuaZipFileInfo64 info = entries.info.value(entry);
    if (info.flags & 1)
        return fail(error, "the zip entry " + shownName(entry) + " is encrypted; refused");
    if (info.method != 0 && info.method != 8)
        return fail(error, "the zip entry " + shownName(entry) + " uses " +
                               methodName(info.method) +
                               " compression; only stored and deflate entries are read "
                               "(numpy.savez writes those; the zip library's bzip2 reader can "
                               "hang on a damaged stream, found by fuzz_model)");
    if (static_cast<quint64>(info.uncompressedSize) > static_cast<quint64>(max))
        return fail(error, QStringLiteral("the zip entry declares %1 bytes, above the limit of %2; "
                                          "refused before inflating")
                               .arg(info.uncompressedSize)
                               .arg(max));
    if (!zip.setCurrentFile(entry, QuaZip::csSensitive)) return fail(error, "missing");
    if (!f->open(QIODevice::ReadOnly))
        return fail(error, "cannot open the zip entry " + shownName(entry) + " (damaged header)");
    *size = static_cast<qint64>(info.uncompressedSize);
    return true;
}

// Reads exactly n bytes (n ≤ what the caller checked); false on a short or failed read.
bool readExactly(QuaZipFile& f, qint64 n, std::string* out) {
    out->resize(static_cast<size_t>(n));
    qint64 done = 0;
    while (done < n) {
        const qint64 r = f.read(out->data() + done, n - done);
        if (r <= 0) return false;
        done += r;
    }
    return true;
}

// The bytes of a small entry (meta), read with the declared size checked against max first.
bool readEntry(QuaZip& zip, const Entries& entries, const QString& entry, qint64 max,
               QByteArray* out, QString* error) {
    QuaZipFile f(&zip);
    qint64 size = 0;
    if (!openEntry(zip, entries, entry, max, &f, &size, error)) return false;
    std::string bytes;
    const bool ok = readExactly(f, size, &bytes);
    char extra;
    const bool more = ok && f.read(&extra, 1) > 0;
    f.close();
    if (!ok || more || f.getZipError() != UNZ_OK)
        return fail(error, "the zip entry is damaged (CRC or size mismatch)");
    *out = QByteArray::fromStdString(bytes);
    return true;
}

QString entryFor(const QStringList& entries, const QString& name) {
    if (entries.contains(name + ".npy")) return name + ".npy";
    if (entries.contains(name)) return name;
    return {};
}

QString listing(QStringList entries) {
    for (QString& e : entries) {
        if (e.endsWith(".npy")) e.chop(4);
        e = shownName(e);
    }
    entries.sort();
    if (entries.size() > 12) entries = entries.mid(0, 12) << QStringLiteral("…");
    return entries.isEmpty() ? QStringLiteral("nothing") : entries.join(", ");
}

// meta: a '<U' string (0-d or one element), '|S' bytes or a '|u1' byte array, holding JSON.

}  // namespace equilab
