// The entries of a model archive (io/model_npz_read.cpp), listed and checked before anything is
// inflated: logical names unique ("A" and "A.npy" are one name, as numpy.load sees them),
// compression methods named, declared sizes checked against the caller's limit, every read
// exact (a short or overlong entry is damaged).
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>

#include <string>

namespace equilab {

// An entry's name as a message shows it: control characters escaped, long names cut.
QString shownName(const QString& name);

struct Entries {
    QStringList names;
    QHash<QString, QuaZipFileInfo64> info;
};

// False with "the zip central directory is damaged …" or "entries 'A.npy' and 'A' both hold
// array 'A' …".
bool listEntries(QuaZip& zip, Entries* out, QString* error);
// Opens an entry for reading after its method (stored or deflate), encryption and declared
// size (at most max bytes) are checked; *size is the declared size.
bool openEntry(QuaZip& zip, const Entries& entries, const QString& entry, qint64 max, QuaZipFile* f,
               qint64* size, QString* error);
// Reads exactly n bytes; false on a short or failed read.
bool readExactly(QuaZipFile& f, qint64 n, std::string* out);
// A small entry whole (meta), its declared size checked against max first.
bool readEntry(QuaZip& zip, const Entries& entries, const QString& entry, qint64 max,
               QByteArray* out, QString* error);
// "name.npy" or "name", whichever the archive has (never both: listEntries refuses that).
QString entryFor(const QStringList& entries, const QString& name);
// The logical names, sorted, for "it has: A, B, c".
QString listing(QStringList entries);

}  // namespace equilab
