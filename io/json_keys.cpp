#include "io/json_keys.h"

#include <QSet>
#include <QVector>

namespace equilab {
namespace {

struct Level {
    bool object = false;
    bool expect_key = false;
    QSet<QByteArray> keys;          // this object's keys so far
    qsizetype key_start = -1;       // the parent's key under which this level sits (offset)
    qsizetype key_size = 0;         //   and its length; -1 start: an array element or the top
    qsizetype last_key_start = -1;  // this object's last key
    qsizetype last_key_size = 0;
};

// The end of the string starting at the quote json[i] (the closing quote's offset, or n).
qsizetype stringEnd(const QByteArray& json, qsizetype i) {
    const qsizetype n = json.size();
    for (++i; i < n && json[i] != '"'; ++i)
        if (json[i] == '\\') ++i;
    return i;
}

// The offset of the bracket that opens level kMaxJsonDepth + 1, or −1.
qsizetype tooDeepAt(const QByteArray& json) {
    int depth = 0;
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char ch = json[i];
        if (ch == '"') {
            i = stringEnd(json, i);
        } else if (ch == '{' || ch == '[') {
            if (++depth > kMaxJsonDepth) return i;
        } else if ((ch == '}' || ch == ']') && depth > 0) {
            --depth;
        }
    }
    return -1;
}

// "a.b[].c" for the key at the top of the stack, built once, for the message.
QString dottedPath(const QByteArray& json, const QVector<Level>& stack, const QByteArray& key) {
    QString path;
    for (int l = 1; l < stack.size(); ++l) {
        const Level& level = stack[l];
        if (level.key_start >= 0) {
            if (!path.isEmpty()) path += '.';
            path += QString::fromUtf8(json.mid(level.key_start, level.key_size));
        } else {
            path += QStringLiteral("[]");
        }
    }
    return path.isEmpty() ? QString::fromUtf8(key) : path + "." + QString::fromUtf8(key);
}

}  // namespace

JsonKeyScan scanJsonKeys(const QByteArray& json) {
    JsonKeyScan scan;
    scan.too_deep_at = tooDeepAt(json);
    if (scan.too_deep_at >= 0) return scan;  // nothing else is scanned or held
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
            i = stringEnd(json, i);
            if (!stack.isEmpty() && stack.back().object && stack.back().expect_key) {
                Level& top = stack.back();
                const QByteArray key = json.mid(start, i - start);
                if (top.keys.contains(key) && scan.duplicate.isEmpty()) {
                    scan.duplicate = dottedPath(json, stack, key);
                    scan.duplicate_at = start - 1;
                }
                top.keys.insert(key);
                top.last_key_start = start;
                top.last_key_size = i - start;
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
                    l.key_start = stack.back().last_key_start;
                    l.key_size = stack.back().last_key_size;
                }
                stack.push_back(std::move(l));
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
