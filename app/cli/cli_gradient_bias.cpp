// equilab-cli gradient-bias: each approximate hypergradient's cosine similarity and relative
// error against the exact one (core/training/gradient_bias.h), across a sweep of the scale s of A
// so that ρ(J*) runs over the targets (default 0.1 … 0.99), or per input at s = 1.
#include <QThread>

#include <cmath>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_data.h"
#include "core/data/data_spec.h"
#include "core/training/gradient_bias.h"

namespace equilab::cli {
namespace {

QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

bool parseTargets(const QString& text, std::vector<double>* out, QString* error) {
    out->clear();
    for (const QString& part : text.split(',')) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !(v > 0 && v < 1)) {
            *error = "--rho: expected a comma list of numbers in (0, 1), got \"" + part + "\"";
            return false;
        }
        out->push_back(v);
    }
    return true;
}

}  // namespace

int runGradientBias(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Cosine similarity and relative error of each hypergradient against the exact one, "
        "across ρ(J*) (A scaled by s) or per input.");
    addDataOptions(p);
    p.addOption({"per", "scale (default: sweep s so that ρ(J*) hits each target) or input.", "m"});
    p.addOption({"rho", "ρ(J*) targets (default 0.1,0.2,…,0.9,0.95,0.99).", "list"});
    p.addOption({"T", "Forward steps of every method (default 20).", "T"});
    p.addOption({"K", "Adjoint steps, Neumann terms, phantom steps (default 20).", "K"});
    p.addOption({"damping", "λ of phantom and neumann (default 0.5).", "l"});
    p.addOption({"max-samples", "Training samples used (default 200).", "N"});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    DataOptions d;
    DatasetSplit split;
    GradientBiasOptions o;
    int maxSamples = 200;
    if (!parseArgs(p, args, &error) || !readDataOptions(p, &d, &error) ||
        !optionInt(p, "T", 1, 10000, &o.T, &error) || !optionInt(p, "K", 1, 10000, &o.K, &error) ||
        !optionDouble(p, "damping", 1e-6, 1.0, &o.damping, &error) ||
        !optionInt(p, "max-samples", 1, 100000, &maxSamples, &error))
        return fail(kBadInput, error);
    if (p.isSet("rho") && !parseTargets(p.value("rho"), &o.rho_targets, &error))
        return fail(kBadInput, error);
    const QString per = p.isSet("per") ? p.value("per") : QStringLiteral("scale");
    if (per != "scale" && per != "input")
        return fail(kBadInput, "--per: expected scale or input, got \"" + per + "\"");
    std::string why;
    if (!o.IsValid(&why)) return fail(kBadInput, QString::fromStdString(why));
    if (!loadData(d, &split, &error)) return fail(kBadInput, error);
    const Dataset& train = split.train;
    const Index N = std::min<Index>(maxSamples, train.size());
    const int outputs = train.regression ? static_cast<int>(train.targets.rows()) : train.classes;
    const ModelParams<double> params =
        studyModel(d.hidden, d.radius, static_cast<unsigned>(d.seed), train.features(), outputs);
    const Matrix X = train.X.leftCols(N);
    Targets<double> targets;
    targets.labels = train.labels.head(N);
    if (train.regression) {
        targets.kind = LossKind::SquaredError;
        targets.values = train.targets.leftCols(N);
    }
    QJsonArray methods;
    for (auto m : o.methods) methods.append(QString::fromStdString(toString(m)));
    QJsonObject out{{"dataset", QString::fromStdString(d.spec.dataset)},
                    {"samples", static_cast<int>(N)},
                    {"hidden", d.hidden},
                    {"radius", d.radius},
                    {"seed", d.seed},
                    {"T", o.T},
                    {"K", o.K},
                    {"damping", o.damping},
                    {"methods", methods},
                    {"gradient", "with respect to A, B, c (the readout's blocks left out)"},
                    {"per", per}};
    if (per == "input") {
        const GradientBiasPerInput r = gradientBiasPerInput(params, X, targets, o);
        QJsonArray rows;
        for (size_t i = 0; i < r.rho.size(); ++i) {
            QJsonObject cos, rel;
            for (size_t k = 0; k < o.methods.size(); ++k) {
                const QString name = QString::fromStdString(toString(o.methods[k]));
                cos[name] = number(r.cosine[i][k]);
                rel[name] = number(r.relative_error[i][k]);
            }
            rows.append(QJsonObject{{"index", static_cast<int>(i)},
                                    {"rho_J", number(r.rho[i])},
                                    {"cosine", cos},
                                    {"relative_error", rel}});
        }
        out["inputs"] = rows;
    } else {
        const GradientBiasMap map = gradientBiasMap(params, X, targets, o);
        QJsonArray points;
        for (const GradientBiasPoint& pt : map.points) {
            QJsonObject cos, rel;
            for (size_t k = 0; k < o.methods.size(); ++k) {
                const QString name = QString::fromStdString(toString(o.methods[k]));
                cos[name] = number(pt.cosine[k]);
                rel[name] = number(pt.relative_error[k]);
            }
            points.append(QJsonObject{{"target_rho", pt.target},
                                      {"scale", pt.scale},
                                      {"rho_J", pt.rho},
                                      {"reached", pt.reached},
                                      {"reference_converged", pt.reference_converged},
                                      {"cosine", cos},
                                      {"relative_error", rel}});
        }
        out["points"] = points;
    }
    if (p.isSet("json")) {
        printJson(out);
        return kOk;
    }
    QString head = per == "input" ? QStringLiteral("input  ρ(J*)") : QStringLiteral("    s  ρ(J*)");
    for (auto m : o.methods)
        head += QStringLiteral(" %1").arg(QString::fromStdString(toString(m)), 16);
    printLine(head + "   (cosine / relative error)");
    const QJsonArray rows = out[per == "input" ? "inputs" : "points"].toArray();
    for (const QJsonValue& v : rows) {
        const QJsonObject r = v.toObject();
        QString line = per == "input" ? QStringLiteral("%1").arg(r["index"].toInt(), 5)
                                      : QStringLiteral("%1").arg(r["scale"].toDouble(), 5, 'f', 3);
        line += QStringLiteral(" %1").arg(r["rho_J"].toDouble(), 6, 'f', 3);
        for (auto m : o.methods) {
            const QString name = QString::fromStdString(toString(m));
            line += QStringLiteral(" %1/%2")
                        .arg(r["cosine"].toObject()[name].toDouble(), 7, 'f', 4)
                        .arg(r["relative_error"].toObject()[name].toDouble(), 8, 'e', 1);
        }
        printLine(line);
    }
    return kOk;
}

}  // namespace equilab::cli
