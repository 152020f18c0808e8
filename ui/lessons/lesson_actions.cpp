#include "ui/lessons/lesson_actions.h"

#include <QJsonObject>
#include <QStringList>

#include "ui/document/document.h"

namespace equilab {
namespace {

const QStringList& blocks() {
    static const QStringList b{"A", "B", "c", "x", "w0"};
    return b;
}

// Why action `a` is malformed, or an empty string.
QString actionProblem(const QJsonObject& a) {
    if (a.size() != 1) return QStringLiteral("needs exactly one key");
    const QString key = a.begin().key();
    const QJsonValue v = a.begin().value();
    if (key == "set") {
        const QJsonObject o = v.toObject();
        if (!blocks().contains(o.value("block").toString()))
            return QStringLiteral("\"set\": unknown block \"%1\" (A, B, c, x or w0)")
                .arg(o.value("block").toString());
        if (!o.value("value").isDouble())
            return QStringLiteral("\"set\": \"value\" is not a number");
        return {};
    }
    if (key == "scale_A")
        return v.isDouble() && v.toDouble() > 0
                   ? QString()
                   : QStringLiteral("\"scale_A\" is not a positive number");
    if (key == "solver") {
        const QJsonObject o = v.toObject();
        SolverMethod m;
        if (o.contains("method") &&
            !parseSolverMethod(o.value("method").toString().toStdString(), &m))
            return QStringLiteral("\"solver\": unknown method \"%1\"")
                .arg(o.value("method").toString());
        return v.isObject() ? QString() : QStringLiteral("\"solver\" is not an object");
    }
    if (key == "training")
        return v.isObject() ? QString() : QStringLiteral("\"training\" is not an object");
    if (key == "view")
        return v.isString() ? QString() : QStringLiteral("\"view\" is not a tab name");
    if (key == "train" || key == "play") return {};
    return QStringLiteral("unknown action \"%1\"").arg(key);
}

}  // namespace

bool validateLessonActions(const QJsonArray& actions, QString* error) {
    for (int i = 0; i < actions.size(); ++i) {
        const QString why = actions.at(i).isObject() ? actionProblem(actions.at(i).toObject())
                                                     : QStringLiteral("is not an object");
        if (!why.isEmpty()) {
            if (error) *error = QStringLiteral("action %1: %2").arg(i + 1).arg(why);
            return false;
        }
    }
    return true;
}

bool applyLessonActions(const QJsonArray& actions, const QString& label, Document* doc,
                        const LessonActionHooks& hooks, QString* error) {
    if (!validateLessonActions(actions, error)) return false;
    for (const QJsonValue& v : actions) {
        const QJsonObject a = v.toObject();
        if (a.contains("set")) {
            const QJsonObject o = a.value("set").toObject();
            const QString block = o.value("block").toString();
            const double value = o.value("value").toDouble();
            Scenario s = doc->scenario();
            if (block == "A")
                s.model.A.setConstant(value);
            else if (block == "B")
                s.model.B.setConstant(value);
            else if (block == "c")
                s.model.c.setConstant(value);
            else if (block == "x")
                s.x.setConstant(value);
            else
                s.w0 = Vector::Constant(s.hiddenDim(), value);
            doc->setScenario(s, label);
        } else if (a.contains("scale_A")) {
            doc->scaleAToNorm(a.value("scale_A").toDouble(),
                              hooks.knownNormA ? hooks.knownNormA() : -1.0);
        } else if (a.contains("solver")) {
            const QJsonObject o = a.value("solver").toObject();
            SolverOptions opt = doc->scenario().solver;
            if (o.contains("method"))
                parseSolverMethod(o.value("method").toString().toStdString(), &opt.method);
            opt.damping = o.value("damping").toDouble(opt.damping);
            opt.memory = o.value("memory").toInt(opt.memory);
            opt.max_iterations = o.value("max_iterations").toInt(opt.max_iterations);
            doc->setSolverOptions(opt);
        } else if (a.contains("training")) {
            QJsonObject c = doc->trainingConfig().toJson();
            const QJsonObject o = a.value("training").toObject();
            for (auto it = o.begin(); it != o.end(); ++it) c.insert(it.key(), it.value());
            doc->setTrainingConfig(TrainingConfig::fromJson(c));
        } else if (a.contains("train")) {
            QString why;
            if (!hooks.train || !hooks.train(&why)) {
                if (error) *error = QStringLiteral("cannot start training: %1").arg(why);
                return false;
            }
        } else if (a.contains("view")) {
            if (hooks.showView) hooks.showView(a.value("view").toString());
        } else if (a.contains("play")) {
            if (hooks.play) hooks.play();
        }
    }
    return true;
}

}  // namespace equilab
