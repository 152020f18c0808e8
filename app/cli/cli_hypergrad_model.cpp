// equilab-cli hypergrad --model FILE: the loss and each method's gradient of the user's own model
// file with respect to A, B, c, W_out and b_out, in the file's layout (row: A, B and W_out
// transposed back, as stored), so that a user can compare with PyTorch or JAX autograd.
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_model.h"
#include "core/model/model.h"
#include "core/training/deq_statistics.h"
#include "core/training/hypergradient.h"

namespace equilab::cli {
namespace {

QJsonArray matrixJson(const Matrix& M) {
    QJsonArray rows;
    for (Index i = 0; i < M.rows(); ++i) {
        QJsonArray r;
        for (Index j = 0; j < M.cols(); ++j) r.append(M(i, j));
        rows.append(r);
    }
    return rows;
}

QJsonObject gradientsJson(const ModelParams<double>& g, bool row) {
    return {{"A", matrixJson(row ? Matrix(g.A.transpose()) : g.A)},
            {"B", matrixJson(row ? Matrix(g.B.transpose()) : g.B)},
            {"c", toJson(g.c)},
            {"W_out", matrixJson(row ? Matrix(g.Wout.transpose()) : g.Wout)},
            {"b_out", toJson(g.bout)}};
}

QJsonObject blockNorms(const ModelParams<double>& g) {
    return {{"A", g.A.norm()},        {"B", g.B.norm()},        {"c", g.c.norm()},
            {"W_out", g.Wout.norm()}, {"b_out", g.bout.norm()}, {"total", g.norm()}};
}

bool parseMethods(const QString& text, std::vector<HypergradMethod>* out, QString* error) {
    out->clear();
    if (text == "all") {
        *out = allHypergradMethods();
        return true;
    }
    for (const QString& part : text.split(',')) {
        HypergradMethod m;
        if (!parseHypergradMethod(part.trimmed().toStdString(), &m)) {
            *error = "--method: unknown method \"" + part +
                     "\" (expected itd, aid-fp, aid-cg, jfb, phantom, neumann, exact or all)";
            return false;
        }
        out->push_back(m);
    }
    return true;
}

}  // namespace

int runHypergradModel(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "The loss and each method's gradient of a model file with respect to A, B, c, W_out "
        "and b_out, in the file's layout.");
    addModelOptions(p, false);
    p.addOption({"method", "Comma list of methods, or all (default exact).", "m"});
    p.addOption({"iterations", "T = K (default 20).", "K"});
    p.addOption({"damping", "λ of phantom and neumann, in (0, 1] (default 0.5).", "l"});
    p.addOption({"gradients", "Print every gradient entry (JSON: in the file's layout)."});
    p.addOption({"hutchinson",
                 "Also Hutchinson's estimate of the mean ‖J‖_F² at the fixed points with M "
                 "Rademacher probes (seed 1), its standard error, and the exact Σ(1 − w²)²A².",
                 "M"});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    std::vector<HypergradMethod> methods = {HypergradMethod::Exact};
    int iterations = 20;
    double damping = 0.5;
    int probes = 0;
    if (!parseArgs(p, args, &error) ||
        (p.isSet("method") && !parseMethods(p.value("method"), &methods, &error)) ||
        !optionInt(p, "iterations", 1, 100000, &iterations, &error) ||
        !optionDouble(p, "damping", 1e-6, 1.0, &damping, &error) ||
        !optionInt(p, "hutchinson", 2, 1000000, &probes, &error))
        return fail(kBadInput, error);
    ModelData m;
    if (!loadModelData(p, &m, &error)) return fail(kBadInput, error);
    if (!m.model.hasReadout())
        return fail(kBadInput, "--model: the file has no readout (W_out, b_out): no loss");
    const ModelParams<double>& params = m.model.params;
    const Dataset& data = m.data;
    if (!data.regression && params.Wout.rows() < data.classes)
        return fail(kBadInput, QStringLiteral("--dataset: %1 classes but W_out has %2 rows")
                                   .arg(data.classes)
                                   .arg(params.Wout.rows()));
    if (data.regression && params.Wout.rows() != data.targets.rows())
        return fail(kBadInput, QStringLiteral("--dataset: %1 targets but W_out has %2 rows")
                                   .arg(data.targets.rows())
                                   .arg(params.Wout.rows()));
    Targets<double> targets;
    targets.labels = data.labels;
    if (data.regression) {
        targets.kind = LossKind::SquaredError;
        targets.values = data.targets;
    }
    // The file's layout: the option, else meta's, else column (as the reader decided).
    const QString layout = p.isSet("layout") ? p.value("layout")
                                             : (m.model.meta.value("layout").toString() == "row"
                                                    ? QStringLiteral("row")
                                                    : QStringLiteral("column"));
    const bool row = layout == "row";
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    HypergradWorkspace<double> ws;
    const auto ref = hypergradient(params, data.X, targets, exact, &ws);
    if (!std::isfinite(ref.loss) || !std::isfinite(ref.grad.norm()))
        return fail(kNumericalFailure, "the exact hypergradient is not finite");
    const bool refConverged = ref.forward_residual <= exact.exact_tolerance;
    QJsonArray results;
    for (HypergradMethod method : methods) {
        HypergradOptions o;
        o.method = method;
        o.T = o.K = iterations;
        o.damping = damping;
        const auto r =
            method == HypergradMethod::Exact ? ref : hypergradient(params, data.X, targets, o, &ws);
        QJsonObject e{{"method", QString::fromStdString(toString(method))},
                      {"loss", r.loss},
                      {"forward_iterations", r.forward_iterations},
                      {"forward_residual", r.forward_residual},
                      {"backward_iterations", r.backward_iterations},
                      {"backward_residual",
                       r.backward_residual >= 0 ? QJsonValue(r.backward_residual) : QJsonValue()},
                      {"backward_converged", r.backward_converged},
                      {"relative_error_to_exact", relativeError(r.grad, ref.grad)},
                      {"gradient_norms", blockNorms(r.grad)}};
        if (method != HypergradMethod::Exact) {
            e["T"] = o.T;
            e["K"] = o.K;
            if (method == HypergradMethod::Phantom || method == HypergradMethod::Neumann)
                e["damping"] = o.damping;
        }
        if (p.isSet("gradients")) e["gradients"] = gradientsJson(r.grad, row);
        results.append(e);
    }
    // ‖J_i‖_F² at the exact fixed points, J_i = diag(1 − w_i²) A, mean over the samples:
    // Hutchinson's E‖J_i ε‖² = ‖J_i‖_F² (core/training/deq_statistics.h) against the closed form.
    QJsonValue frobenius;
    if (probes > 0) {
        const double exactFrob = jacobianFrobeniusSquared<double>(params.A, ref.W);
        double sd = 0;
        const double mean = jacobianFrobeniusHutchinson<double>(params.A, ref.W, probes, 1, &sd);
        const double se = sd / std::sqrt(static_cast<double>(probes));
        frobenius = QJsonObject{{"exact", exactFrob},
                                {"hutchinson_mean", mean},
                                {"probes", probes},
                                {"standard_error", se},
                                {"z", se > 0 ? QJsonValue((mean - exactFrob) / se) : QJsonValue()}};
    }
    if (p.isSet("json")) {
        printJson({{"model", m.path},
                   {"layout", layout},
                   {"dataset", QString::fromStdString(m.spec.dataset)},
                   {"split", m.split},
                   {"samples", static_cast<double>(data.size())},
                   {"loss_kind", data.regression ? "squared_error: ½·mean over samples ‖z − y‖²"
                                                 : "cross_entropy: mean over samples"},
                   {"loss", ref.loss},
                   {"accuracy", ref.accuracy},
                   {"fixed_point_residual", ref.forward_residual},
                   {"reference_converged", refConverged},
                   {"jacobian_frobenius_squared", frobenius},
                   {"methods", results}});
    } else {
        printLine(QStringLiteral("%1 (%2 layout) on %3 %4 split, %5 samples: loss %6 at the "
                                 "fixed point (residual %7)")
                      .arg(m.path, layout, QString::fromStdString(m.spec.dataset), m.split)
                      .arg(data.size())
                      .arg(ref.loss, 0, 'g', 10)
                      .arg(ref.forward_residual, 0, 'g', 3));
        if (probes > 0) {
            const QJsonObject f = frobenius.toObject();
            printLine(QStringLiteral("  mean ‖J‖_F² at the fixed points: exact %1, Hutchinson "
                                     "(%2 probes) %3 ± %4 (standard error; %5σ)")
                          .arg(f["exact"].toDouble(), 0, 'g', 8)
                          .arg(probes)
                          .arg(f["hutchinson_mean"].toDouble(), 0, 'g', 8)
                          .arg(f["standard_error"].toDouble(), 0, 'g', 3)
                          .arg(f["z"].toDouble(), 0, 'f', 2));
        }
        for (const QJsonValue& v : results) {
            const QJsonObject e = v.toObject();
            printLine(QStringLiteral("  %1: |grad| = %2, relative error to exact %3")
                          .arg(e["method"].toString(), -8)
                          .arg(e["gradient_norms"].toObject()["total"].toDouble(), 0, 'g', 8)
                          .arg(e["relative_error_to_exact"].toDouble(), 0, 'g', 3));
            if (p.isSet("gradients")) {
                const QJsonObject g = e["gradients"].toObject();
                for (const char* name : {"A", "B", "c", "W_out", "b_out"}) {
                    const QString k = QString::fromLatin1(name);
                    printLine(QStringLiteral("    d%1 = %2")
                                  .arg(k, QString::fromUtf8(QJsonDocument(g[k].toArray())
                                                                .toJson(QJsonDocument::Compact))));
                }
            }
        }
    }
    if (!refConverged)
        return fail(kNumericalFailure,
                    QStringLiteral("the exact forward solve did not converge (worst residual %1): "
                                   "the loss and gradients are not at a fixed point")
                        .arg(ref.forward_residual, 0, 'g', 3));
    return kOk;
}

}  // namespace equilab::cli
