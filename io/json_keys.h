// Checks QJsonDocument cannot make: it keeps the last of duplicate keys silently, and it holds any
// value of any size. scanJsonKeys walks text that is already known to be valid JSON once.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace equilab {

struct JsonKeyScan {
    QString duplicate;            // "solver.method" when a key appears twice in one object
    qsizetype duplicate_at = -1;  // byte offset of the second occurrence
    QHash<QString, qsizetype> top_level_bytes;  // size of each top-level key's value text
};

JsonKeyScan scanJsonKeys(const QByteArray& json);

}  // namespace equilab
