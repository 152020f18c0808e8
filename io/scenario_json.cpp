#include "io/scenario_json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include "core/data/dataset.h"
#include "core/internal/option_limits.h"
#include "core/internal/printable.h"
#include "io/json_keys.h"
#include "io/safe_file.h"

namespace equilab {
namespace {

constexpr uint64_t kMaxScenarioFileBytes = 512000000;  // 512 MB, refused before reading
constexpr qsizetype kMaxUnknownKeyBytes = 1000000;     // 1 MB

const char* const kKnownKeys[] = {"version", "hidden_dim", "input_dim",       "A",   "B", "c", "x",
                                  "w0",      "solver",     "parametrization", "view"};

// Line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray& text, int offset) {
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

class Reader {
  public:
    explicit Reader(QString* error) : error_(error) {}

    bool fail(const QString& msg) {
        if (error_) *error_ = msg;
        return false;
    }

    bool integer(const QJsonObject& o, const QString& key, int lo, int hi, int* out,
                 bool required = true, const QString& prefix = {}) {
        const QString name = prefix + key;
        if (!o.contains(key)) return required ? fail(name + ": missing") : true;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d))
            return fail(name + ": expected an integer, got " + describe(v));
        if (d < lo || d > hi)
            return fail(QStringLiteral("%1: %2 is out of range (expected %3 to %4)")
                            .arg(name)
                            .arg(d)
                            .arg(lo)
                            .arg(hi));
        *out = static_cast<int>(d);
        return true;
    }

    bool number(const QJsonObject& o, const QString& key, double lo, double hi, double* out,
                const QString& prefix) {
        const QString name = prefix + key;
        if (!o.contains(key)) return true;  // optional, keeps the default
        const QJsonValue v = o.value(key);
        if (!v.isDouble()) return fail(name + ": expected a number, got " + describe(v));
        const double d = v.toDouble();
        if (!(d >= lo && d <= hi))
            return fail(QStringLiteral("%1: %2 is out of range (expected %3 to %4)")
                            .arg(name)
                            .arg(d)
                            .arg(lo)
                            .arg(hi));
        *out = d;
        return true;
    }

    bool entry(const QJsonValue& v, const QString& name, double* out) {
        if (!v.isDouble()) return fail(name + ": expected a number, got " + describe(v));
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::abs(d) > kMaxEntryMagnitude)
            return fail(name + ": magnitude above the limit of " +
                        QString::fromStdString(limitText(kMaxEntryMagnitude)));
        *out = d;
        return true;
    }

    bool vector(const QJsonObject& o, const QString& key, Index size, Vector* out) {
        const QJsonValue v = o.value(key);
        if (!v.isArray())
            return fail(key + ": expected an array of " + QString::number(size) + " numbers, got " +
                        describe(v));
        const QJsonArray a = v.toArray();
        if (a.size() != size)
            return fail(
                QStringLiteral("%1: expected %2 entries, got %3").arg(key).arg(size).arg(a.size()));
        out->resize(size);
        for (Index i = 0; i < size; ++i)
            if (!entry(a[i], QStringLiteral("%1[%2]").arg(key).arg(i), &(*out)(i))) return false;
        return true;
    }

    bool matrix(const QJsonObject& o, const QString& key, Index rows, Index cols, Matrix* out) {
        const QJsonValue v = o.value(key);
        const QString shape = QStringLiteral("%1×%2").arg(rows).arg(cols);
        if (!v.isArray())
            return fail(key + ": expected a " + shape + " array of rows, got " + describe(v));
        const QJsonArray a = v.toArray();
        if (a.size() != rows)
            return fail(QStringLiteral("%1: expected %2 rows (%3), got %4")
                            .arg(key)
                            .arg(rows)
                            .arg(shape)
                            .arg(a.size()));
        out->resize(rows, cols);
        for (Index i = 0; i < rows; ++i) {
            const QString rowName = QStringLiteral("%1[%2]").arg(key).arg(i);
            if (!a[i].isArray())
                return fail(rowName + ": expected a row array, got " + describe(a[i]));
            const QJsonArray row = a[i].toArray();
            if (row.size() != cols)
                return fail(QStringLiteral("%1: expected %2 entries, got %3 (rows must all have "
                                           "input length)")
                                .arg(rowName)
                                .arg(cols)
                                .arg(row.size()));
            for (Index j = 0; j < cols; ++j)
                if (!entry(row[j], QStringLiteral("%1[%2]").arg(rowName).arg(j), &(*out)(i, j)))
                    return false;
        }
        return true;
    }

    static QString describe(const QJsonValue& v) {
        switch (v.type()) {
            case QJsonValue::Null:
                return QStringLiteral("null");
            case QJsonValue::Bool:
                return QStringLiteral("a boolean");
            case QJsonValue::Double:
                return QStringLiteral("the number %1").arg(v.toDouble());
            case QJsonValue::String:
                return "the string " + quotedText(v.toString());
            case QJsonValue::Array:
                return QStringLiteral("an array");
            case QJsonValue::Object:
                return QStringLiteral("an object");
            case QJsonValue::Undefined:
                return QStringLiteral("nothing");
        }
        return QStringLiteral("an unknown value");
    }

  private:
    QString* error_;
};

bool parseSolver(Reader& r, const QJsonValue& v, SolverOptions* s) {
    if (v.isUndefined()) return true;
    if (!v.isObject()) return r.fail("solver: expected an object, got " + Reader::describe(v));
    const QJsonObject o = v.toObject();
    if (o.contains("method")) {
        if (!o.value("method").isString())
            return r.fail("solver.method: expected a string, got " +
                          Reader::describe(o.value("method")));
        const QString m = o.value("method").toString();
        if (!parseSolverMethod(m.toStdString(), &s->method))
            return r.fail("solver.method: unknown method " + quotedText(m) +
                          " (expected picard, km, anderson, broyden or newton)");
    }
    const QString p = QStringLiteral("solver.");
    using L = SolverLimits;
    return r.number(o, "tolerance", L::kMinTolerance, L::kMaxTolerance, &s->tolerance, p) &&
           r.integer(o, "max_iterations", 1, L::kMaxIterations, &s->max_iterations, false, p) &&
           r.number(o, "damping", L::kMinDamping, L::kMaxDamping, &s->damping, p) &&
           r.integer(o, "memory", 1, L::kMaxMemory, &s->memory, false, p);
}

bool parseParametrization(Reader& r, const QJsonValue& v, ParametrizationSpec* s) {
    if (v.isUndefined()) return true;
    if (!v.isObject())
        return r.fail("parametrization: expected an object, got " + Reader::describe(v));
    const QJsonObject o = v.toObject();
    if (o.contains("kind")) {
        if (!o.value("kind").isString())
            return r.fail("parametrization.kind: expected a string, got " +
                          Reader::describe(o.value("kind")));
        const QString k = o.value("kind").toString();
        if (!parseParametrizationKind(k.toStdString(), &s->kind))
            return r.fail("parametrization.kind: unknown kind " + quotedText(k) +
                          " (expected free, spectral_ball, spectral_norm, householder or "
                          "householder_svd)");
    }
    const QString p = QStringLiteral("parametrization.");
    return r.number(o, "radius", 1e-9, ParametrizationLimits::kMaxRadius, &s->radius, p) &&
           r.integer(o, "reflections", 0, ParametrizationLimits::kMaxReflections, &s->reflections,
                     false, p);
}

QJsonArray toArray(const Vector& v) {
    QJsonArray a;
    for (Index i = 0; i < v.size(); ++i) a.append(v(i));
    return a;
}

QJsonArray toArray(const Matrix& m) {
    QJsonArray rows;
    for (Index i = 0; i < m.rows(); ++i) {
        QJsonArray row;
        for (Index j = 0; j < m.cols(); ++j) row.append(m(i, j));
        rows.append(row);
    }
    return rows;
}

}  // namespace

bool parseScenario(const QByteArray& json, ScenarioFile* out, QString* error) {
    Reader r(error);
    // Before QJsonDocument builds the tree: a huge unknown key would cost many times its size.
    const JsonKeyScan keys = scanJsonKeys(json);
    if (keys.too_deep_at >= 0)
        return r.fail(QStringLiteral("nested more than %1 levels deep at ").arg(kMaxJsonDepth) +
                      position(json, static_cast<int>(keys.too_deep_at)) + "; refused");
    // Settings are small: a key holding more than 1 MB is refused before it is parsed (a 100 MB
    // string in solver.method would cost several times its size, and say nothing).
    for (const char* key :
         {"version", "hidden_dim", "input_dim", "solver", "parametrization", "view"})
        if (keys.top_level_bytes.value(QLatin1String(key)) > kMaxUnknownKeyBytes)
            return r.fail(
                QStringLiteral("%1: holds %2 MB; this setting never needs more than 1 MB")
                    .arg(QLatin1String(key))
                    .arg(keys.top_level_bytes.value(QLatin1String(key)) / 1e6, 0, 'f', 1));
    for (auto it = keys.top_level_bytes.begin(); it != keys.top_level_bytes.end(); ++it)
        if (it.value() > kMaxUnknownKeyBytes &&
            std::find(std::begin(kKnownKeys), std::end(kKnownKeys), it.key()) ==
                std::end(kKnownKeys))
            return r.fail(
                quotedText(it.key()) +
                QStringLiteral(
                    ": an unknown key holding %1 MB; unknown keys are kept only up to 1 MB")
                    .arg(it.value() / 1e6, 0, 'f', 1));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return r.fail("not valid JSON at " + position(json, perr.offset) + ": " +
                      perr.errorString());
    if (!doc.isObject()) return r.fail("the scenario must be a JSON object");
    if (!keys.duplicate.isEmpty())
        return r.fail(QString::fromStdString(oneLine(keys.duplicate.toStdString(), 200)) +
                      ": the key appears twice (at " +
                      position(json, static_cast<int>(keys.duplicate_at)) +
                      "); duplicate keys are refused");
    const QJsonObject o = doc.object();
    int version = 0;
    if (!r.integer(o, "version", 0, 1 << 30, &version)) return false;
    if (version != kScenarioVersion)
        return r.fail(QStringLiteral("version: %1 is not supported (this program reads version %2)")
                          .arg(version)
                          .arg(kScenarioVersion));
    int n = 0, d = 0;
    if (!r.integer(o, "hidden_dim", 1, kMaxHiddenDim, &n) ||
        !r.integer(o, "input_dim", 1, kMaxInputDim, &d))
        return false;
    ScenarioFile f;
    Scenario& s = f.scenario;
    if (!r.matrix(o, "A", n, n, &s.model.A) || !r.matrix(o, "B", n, d, &s.model.B) ||
        !r.vector(o, "c", n, &s.model.c) || !r.vector(o, "x", d, &s.x))
        return false;
    if (o.contains("w0") && !o.value("w0").isNull() && !r.vector(o, "w0", n, &s.w0)) return false;
    if (!parseSolver(r, o.value("solver"), &s.solver) ||
        !parseParametrization(r, o.value("parametrization"), &s.parametrization))
        return false;
    if (o.contains("view")) {
        if (!o.value("view").isObject())
            return r.fail("view: expected an object, got " + Reader::describe(o.value("view")));
        f.view = o.value("view").toObject();
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (std::find(std::begin(kKnownKeys), std::end(kKnownKeys), it.key()) ==
            std::end(kKnownKeys))
            f.extra.insert(it.key(), it.value());
    }
    std::string why;
    if (!s.IsValid(&why)) return r.fail(QString::fromStdString(why));
    *out = std::move(f);
    return true;
}

QByteArray serializeScenario(const ScenarioFile& file) {
    const Scenario& s = file.scenario;
    QJsonObject o = file.extra;
    o["version"] = kScenarioVersion;
    o["hidden_dim"] = static_cast<int>(s.hiddenDim());
    o["input_dim"] = static_cast<int>(s.inputDim());
    o["A"] = toArray(s.model.A);
    o["B"] = toArray(s.model.B);
    o["c"] = toArray(s.model.c);
    o["x"] = toArray(s.x);
    if (s.w0.size()) o["w0"] = toArray(s.w0);
    o["solver"] = QJsonObject{{"method", QString::fromStdString(toString(s.solver.method))},
                              {"tolerance", s.solver.tolerance},
                              {"max_iterations", s.solver.max_iterations},
                              {"damping", s.solver.damping},
                              {"memory", s.solver.memory}};
    o["parametrization"] =
        QJsonObject{{"kind", QString::fromStdString(toString(s.parametrization.kind))},
                    {"radius", s.parametrization.radius},
                    {"reflections", s.parametrization.reflections}};
    if (!file.view.isEmpty()) o["view"] = file.view;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool loadScenarioFile(const QString& path, ScenarioFile* out, QString* error) {
    // Files on disk are checked before reading (Qt resources, ":/…", are built in).
    std::string notFile;
    if (!path.startsWith(QLatin1Char(':')) &&
        !checkRegularFile(path.toStdString(), kMaxScenarioFileBytes, &notFile)) {
        if (error) *error = QString::fromStdString(notFile);
        return false;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = path + ": cannot open (" + f.errorString() + ")";
        return false;
    }
    QString why;
    if (!parseScenario(f.readAll(), out, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    return true;
}

bool saveScenarioFile(const QString& path, const ScenarioFile& file, QString* error) {
    return saveBytesAtomically(path, serializeScenario(file), error);
}

}  // namespace equilab
