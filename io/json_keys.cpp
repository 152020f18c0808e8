#include "io/json_keys.h"

#include <QSet>
#include <QVector>

namespace equilab {
namespace {

struct Level {
    bool object = false;
    bool expect_key = false;
    QString path;  // dotted path of this object ("" at the top)
    QSet<QByteArray> keys;
    QByteArray last_key;
};

}  // namespace

JsonKeyScan scanJsonKeys(const QByteArray& json) {
    JsonKeyScan scan;
    QVector<Level> stack;
    qsizetype topValueStart = -1;
    QByteArray topKey;
    auto closeTopValue = [&](qsizetype end) {
        if (topValueStart >= 0) {
            scan.top_level_bytes.insert(QString::fromUtf8(topKey), end - topValueStart);
            topValueStart = -1;
        }
    };
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char ch = json[i];
        if (ch == '"') {
            const qsizetype start = i + 1;
            for (++i; i < n && json[i] != '"'; ++i)
                if (json[i] == '\\') ++i;
            if (!stack.isEmpty() && stack.back().object && stack.back().expect_key) {
                Level& top = stack.back();
                const QByteArray key = json.mid(start, i - start);
                const QString name = top.path.isEmpty() ? QString::fromUtf8(key)
                                                        : top.path + "." + QString::fromUtf8(key);
                if (top.keys.contains(key) && scan.duplicate.isEmpty()) {
                    scan.duplicate = name;
                    scan.duplicate_at = start - 1;
                }
                top.keys.insert(key);
                top.last_key = key;
                top.expect_key = false;
                if (stack.size() == 1) topKey = key;
            }
            continue;
        }
        switch (ch) {
            case '{':
            case '[': {
                Level l;
                l.object = ch == '{';
                l.expect_key = l.object;
                if (!stack.isEmpty() && stack.back().object) {
                    const QString parent = stack.back().path;
                    const QString key = QString::fromUtf8(stack.back().last_key);
                    l.path = parent.isEmpty() ? key : parent + "." + key;
                } else if (!stack.isEmpty()) {
                    l.path = stack.back().path + "[]";
                }
                stack.push_back(l);
                break;
            }
            case ':':
                if (stack.size() == 1) topValueStart = i + 1;
                break;
            case '}':
            case ']':
                if (stack.size() == 1) closeTopValue(i);
                if (!stack.isEmpty()) stack.pop_back();
                break;
            case ',':
                if (stack.size() == 1) closeTopValue(i);
                if (!stack.isEmpty() && stack.back().object) stack.back().expect_key = true;
                break;
            default:
                break;
        }
    }
    return scan;
}

}  // namespace equilab
