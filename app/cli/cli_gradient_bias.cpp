// equilab-cli gradient-bias: each approximate hypergradient's cosine similarity and relative
// error against the exact one (core/training/gradient_bias.h), across a sweep of the scale s of A
// so that ρ(J*) runs over the targets (default 0.1 … 0.99), or per input at s = 1. Of the seeded
// study model, or with --model FILE of the user's own model on --dataset's split (as hypergrad
// --model reads it). --figure DIR draws the map as the window's Gradient bias view does, at a
// figure preset (a QApplication on the offscreen platform: main_cli.cpp).
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <cmath>
#include <cstdio>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_data.h"
#include "app/cli/cli_model.h"
#include "core/data/data_spec.h"
#include "core/training/gradient_bias.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/views/export_presets.h"
#include "ui/views/plot_export.h"

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

// The options both forms share.
void addBiasOptions(QCommandLineParser& p) {
    p.addOption({"per", "scale (default: sweep s so that ρ(J*) hits each target) or input.", "m"});
    p.addOption({"rho", "ρ(J*) targets (default 0.1,0.2,…,0.9,0.95,0.99).", "list"});
    p.addOption({"T", "Forward steps of every method (default 20).", "T"});
    p.addOption({"K", "Adjoint steps, Neumann terms, phantom steps (default 20).", "K"});
    p.addOption({"damping", "λ of phantom and neumann (default 0.5).", "l"});
    p.addOption({"max-samples", "Samples used, the split's first (default 200).", "N"});
    p.addOption({"json", "Print one JSON object."});
    p.addOption({"figure",
                 "Also draw the map (per scale) as the window's Gradient bias view into this "
                 "folder: gradient_bias.<format>.",
                 "dir"});
    p.addOption(
        {"preset",
         "With --figure: paper-single (default), paper-double or slide; a comma list writes "
         "each into DIR/<preset>/.",
         "names"});
    p.addOption(
        {"format", "With --figure: png, pdf or svg, or a comma list (default png).", "fmt"});
}

struct BiasSettings {
    GradientBiasOptions options;
    int max_samples = 200;
    QString per = QStringLiteral("scale");
    std::vector<std::pair<QString, ExportPreset>> presets;
    QStringList formats{QStringLiteral("png")};
};

// Everything is checked before the work: a refused figure comes first, not after the map.
bool readBiasOptions(const QCommandLineParser& p, BiasSettings* s, QString* error) {
    GradientBiasOptions& o = s->options;
    if (!optionInt(p, "T", 1, 10000, &o.T, error) || !optionInt(p, "K", 1, 10000, &o.K, error) ||
        !optionDouble(p, "damping", 1e-6, 1.0, &o.damping, error) ||
        !optionInt(p, "max-samples", 1, 100000, &s->max_samples, error))
        return false;
    if (p.isSet("rho") && !parseTargets(p.value("rho"), &o.rho_targets, error)) return false;
    if (p.isSet("per")) s->per = p.value("per");
    if (s->per != "scale" && s->per != "input") {
        *error = "--per: expected scale or input, got \"" + s->per + "\"";
        return false;
    }
    std::string why;
    if (!o.IsValid(&why)) {
        *error = QString::fromStdString(why);
        return false;
    }
    if (!p.isSet("figure")) {
        for (const char* name : {"preset", "format"})
            if (p.isSet(name)) {
                *error = QStringLiteral("--%1: only with --figure").arg(name);
                return false;
            }
        return true;
    }
    if (s->per != "scale") {
        *error = "--figure: the figure is the map across ρ(J*) (--per scale)";
        return false;
    }
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        *error = "--figure: needs the offscreen platform (run as equilab-cli gradient-bias)";
        return false;
    }
    const QStringList names =
        (p.isSet("preset") ? p.value("preset") : QStringLiteral("paper-single")).split(',');
    for (const QString& name : names) {
        ExportPreset preset;
        if (!presetFromText(name.trimmed(), QString(), QString(), QString(), &preset, error))
            return false;
        s->presets.push_back({names.size() > 1 ? name.trimmed() : QString(), preset});
    }
    if (p.isSet("format")) s->formats = p.value("format").split(',');
    for (const QString& f : s->formats)
        if (!QStringList{"png", "pdf", "svg"}.contains(f)) {
            *error = "--format: unknown format \"" + f + "\" (expected png, pdf or svg)";
            return false;
        }
    for (const auto& named : s->presets) {
        const QString dir = p.value("figure") + (named.first.isEmpty() ? "" : "/" + named.first);
        if (!QDir().mkpath(dir)) {
            *error = dir + ": cannot create the folder";
            return false;
        }
    }
    return true;
}

QJsonObject pointJson(const std::vector<HypergradMethod>& methods,
                      const std::vector<double>& cosine, const std::vector<double>& error) {
    QJsonObject cos, rel;
    for (size_t k = 0; k < methods.size(); ++k) {
        const QString name = QString::fromStdString(toString(methods[k]));
        cos[name] = number(cosine[k]);
        rel[name] = number(error[k]);
    }
    return {{"cosine", cos}, {"relative_error", rel}};
}

// Computes the map or the per-input table, prints it, draws the figure.
int report(const QCommandLineParser& p, const BiasSettings& s, const ModelParams<double>& params,
           const Matrix& X, const Targets<double>& targets, QJsonObject out) {
    const GradientBiasOptions& o = s.options;
    QJsonArray methods;
    for (auto m : o.methods) methods.append(QString::fromStdString(toString(m)));
    out["samples"] = static_cast<int>(X.cols());
    out["T"] = o.T;
    out["K"] = o.K;
    out["damping"] = o.damping;
    out["methods"] = methods;
    out["gradient"] = "with respect to A, B, c (the readout's blocks left out)";
    out["per"] = s.per;
    GradientBiasMap map;
    if (s.per == "input") {
        const GradientBiasPerInput r = gradientBiasPerInput(params, X, targets, o);
        QJsonArray rows;
        for (size_t i = 0; i < r.rho.size(); ++i) {
            QJsonObject row = pointJson(o.methods, r.cosine[i], r.relative_error[i]);
            row["index"] = static_cast<int>(i) + 1;  // inputs count from 1, as everywhere
            row["rho_J"] = number(r.rho[i]);
            rows.append(row);
        }
        out["inputs"] = rows;
    } else {
        map = gradientBiasMap(params, X, targets, o);
        QJsonArray points;
        for (const GradientBiasPoint& pt : map.points) {
            QJsonObject row = pointJson(o.methods, pt.cosine, pt.relative_error);
            row["target_rho"] = pt.target;
            row["scale"] = pt.scale;
            row["rho_J"] = pt.rho;
            row["reached"] = pt.reached;
            row["reference_converged"] = pt.reference_converged;
            points.append(row);
        }
        out["points"] = points;
    }
    if (p.isSet("figure")) {
        GradientBiasView view;
        // The title names the model: the file's name, or the seeded study model.
        const QString subject = out.contains("model")
                                    ? QFileInfo(out["model"].toString()).fileName()
                                    : QStringLiteral("the study model (%1, hidden %2)")
                                          .arg(out["dataset"].toString())
                                          .arg(out["hidden"].toInt());
        view.setMap(map, o, subject);
        for (const auto& [name, preset] : s.presets) {
            const QString dir = name.isEmpty() ? p.value("figure") : p.value("figure") + "/" + name;
            QStringList skipped, errors;
            const QStringList written =
                exportFigures({&view}, dir, s.formats, &preset, 0, 0, &skipped, &errors);
            if (!errors.isEmpty()) return fail(kBadInput, errors.join("; "));
            if (!skipped.isEmpty()) {
                std::fprintf(stderr, "no figure: no target of ρ(J*) was reached\n");
                break;
            }
            for (const QString& f : written) std::fprintf(stderr, "wrote %s\n", qPrintable(f));
        }
    }
    if (p.isSet("json")) {
        printJson(out);
        return kOk;
    }
    QString head =
        s.per == "input" ? QStringLiteral("input  ρ(J*)") : QStringLiteral("    s  ρ(J*)");
    for (auto m : o.methods)
        head += QStringLiteral(" %1").arg(QString::fromStdString(toString(m)), 16);
    printLine(head + "   (cosine / relative error)");
    const QJsonArray rows = out[s.per == "input" ? "inputs" : "points"].toArray();
    for (const QJsonValue& v : rows) {
        const QJsonObject r = v.toObject();
        QString line = s.per == "input"
                           ? QStringLiteral("%1").arg(r["index"].toInt(), 5)
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

// gradient-bias --model FILE: the user's model on the first --max-samples of its split.
int runGradientBiasModel(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Cosine similarity and relative error of each hypergradient against the exact one for a "
        "model file, across ρ(J*) (its A scaled by s) or per input.");
    addModelOptions(p, false);
    addBiasOptions(p);
    QString error;
    BiasSettings s;
    if (!parseArgs(p, args, &error) || !readBiasOptions(p, &s, &error))
        return fail(kBadInput, error);
    ModelData m;
    if (!loadModelData(p, &m, &error)) return fail(kBadInput, error);
    if (!m.model.hasReadout())
        return fail(kBadInput, "--model: the file has no readout (W_out, b_out): no loss");
    const Dataset& data = m.data;
    if (!data.regression && m.model.params.Wout.rows() < data.classes)
        return fail(kBadInput, QStringLiteral("--dataset: %1 classes but W_out has %2 rows")
                                   .arg(data.classes)
                                   .arg(m.model.params.Wout.rows()));
    if (data.regression && m.model.params.Wout.rows() != data.targets.rows())
        return fail(kBadInput, QStringLiteral("--dataset: %1 targets but W_out has %2 rows")
                                   .arg(data.targets.rows())
                                   .arg(m.model.params.Wout.rows()));
    const Index N = std::min<Index>(s.max_samples, data.size());
    Targets<double> targets;
    targets.labels = data.labels.head(N);
    if (data.regression) {
        targets.kind = LossKind::SquaredError;
        targets.values = data.targets.leftCols(N);
    }
    setActivity("computing the gradient-bias map of " + m.path);
    return report(p, s, m.model.params, data.X.leftCols(N), targets,
                  {{"model", m.path},
                   {"dataset", QString::fromStdString(m.spec.dataset)},
                   {"split", m.split},
                   {"hidden", static_cast<int>(m.model.params.A.rows())}});
}

}  // namespace

int runGradientBias(const QStringList& args) {
    for (const QString& a : args)
        if (a == "--model" || a.startsWith("--model=")) return runGradientBiasModel(args);
    QCommandLineParser p;
    p.setApplicationDescription(
        "Cosine similarity and relative error of each hypergradient against the exact one, "
        "across ρ(J*) (A scaled by s) or per input, for the seeded study model (with --model "
        "FILE: of that model file; see gradient-bias --model FILE --help).");
    addDataOptions(p);
    addBiasOptions(p);
    QString error;
    DataOptions d;
    DatasetSplit split;
    BiasSettings s;
    if (!parseArgs(p, args, &error) || !readDataOptions(p, &d, &error) ||
        !readBiasOptions(p, &s, &error))
        return fail(kBadInput, error);
    if (!loadData(d, &split, &error)) return fail(kBadInput, error);
    const Dataset& train = split.train;
    const Index N = std::min<Index>(s.max_samples, train.size());
    const int outputs = train.regression ? static_cast<int>(train.targets.rows()) : train.classes;
    const ModelParams<double> params =
        studyModel(d.hidden, d.radius, static_cast<unsigned>(d.seed), train.features(), outputs);
    Targets<double> targets;
    targets.labels = train.labels.head(N);
    if (train.regression) {
        targets.kind = LossKind::SquaredError;
        targets.values = train.targets.leftCols(N);
    }
    return report(p, s, params, train.X.leftCols(N), targets,
                  {{"dataset", QString::fromStdString(d.spec.dataset)},
                   {"hidden", d.hidden},
                   {"radius", d.radius},
                   {"seed", d.seed}});
}

}  // namespace equilab::cli
