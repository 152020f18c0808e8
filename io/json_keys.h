// Checks QJsonDocument cannot make: it keeps the last of duplicate keys silently, and it holds any
// value of any size. scanJsonKeys walks the text once, before QJsonDocument builds a tree: first
// the nesting depth (a linear pass that stops at kMaxJsonDepth, before anything else is held),
// then the keys. Memory is linear in the text: each open object keeps its own keys, and the dotted
// path of a key is built only for the one duplicate reported.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace equilab {

constexpr int kMaxJsonDepth = 64;  // objects and arrays nested (a scenario needs 4)

struct JsonKeyScan {
    qsizetype too_deep_at = -1;   // offset of the bracket that opens level kMaxJsonDepth + 1
    QString duplicate;            // "solver.method" when a key appears twice in one object
    qsizetype duplicate_at = -1;  // byte offset of the second occurrence
    QHash<QString, qsizetype> top_level_bytes;  // size of each top-level key's value text
};

JsonKeyScan scanJsonKeys(const QByteArray& json);

}  // namespace equilab
