// equilab-cli hypergrad and hypergrad-sweep: hypergradients of a seeded model on a data batch,
// and their relative error to the exact one against T = K (the paper's main figure).
#include <QElapsedTimer>
#include <QThread>

#include <cmath>
#include <cstdio>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_data.h"
#include "app/cli/cli_reference.h"
#include "core/model/model.h"
#include "core/training/hypergradient_sweep.h"

namespace equilab::cli {
namespace {

struct Study {
    DataOptions data;
    DatasetSplit split;
    ModelParams<double> params;
    Targets<double> targets;
};

bool prepareData(const QCommandLineParser& p, Study* s, QString* error) {
    return readDataOptions(p, &s->data, error) && loadData(s->data, &s->split, error);
}

int outputs(const Dataset& d) {
    return d.regression ? static_cast<int>(d.targets.rows()) : d.classes;
}

// The seeded model (an SVD of the n×n A: after the memory check).
bool prepareModel(Study* s) {
    s->params = studyModel(s->data.hidden, s->data.radius, static_cast<unsigned>(s->data.seed),
                           s->split.train.features(), outputs(s->split.train));
    s->targets.labels = s->split.train.labels;
    if (s->split.train.regression) {
        s->targets.kind = LossKind::SquaredError;
        s->targets.values = s->split.train.targets;
    }
    return true;
}

TrainingShape studyShape(const Study& s, const HypergradOptions& o) {
    TrainingShape t;
    t.train = s.split.train.size();
    t.features = s.split.train.features();
    t.outputs = outputs(s.split.train);
    t.hidden = s.data.hidden;
    t.T = o.T;
    t.K = o.K;
    t.method = o.method;
    return t;
}

QJsonObject blockNorms(const ModelParams<double>& g) {
    return {{"A", g.A.norm()},        {"B", g.B.norm()},        {"c", g.c.norm()},
            {"W_out", g.Wout.norm()}, {"b_out", g.bout.norm()}, {"total", g.norm()}};
}

}  // namespace

int runHypergrad(const QStringList& args) {
    // The user's own model file: its own options (the model's, not a seeded study model's).
    for (const QString& a : args)
        if (a == "--model" || a.startsWith("--model=")) return runHypergradModel(args);
    QCommandLineParser p;
    p.setApplicationDescription(
        "Hypergradient of the outer loss for a seeded model and batch (with --model FILE: of "
        "that model file; see hypergrad --model FILE --help).");
    addDataOptions(p);
    p.addOption(
        {"method", "itd, aid-fp, aid-cg, jfb, phantom, neumann or exact (default aid-fp).", "m"});
    p.addOption({"iterations", "T = K (default 20).", "K"});
    p.addOption({"damping", "λ of phantom and neumann, in (0, 1] (default 0.5).", "l"});
    p.addOption({"json", "Print one JSON object."});
    p.addOption({"reference",
                 "exact (default: the dense reference, with progress on stderr) or none.", "ref"});
    QString error;
    Study s;
    if (!parseArgs(p, args, &error) || !prepareData(p, &s, &error)) return fail(kBadInput, error);
    const bool reference = p.value("reference").isEmpty() || p.value("reference") == "exact";
    if (!reference && p.value("reference") != "none")
        return fail(kBadInput,
                    "--reference: expected exact or none, got \"" + p.value("reference") + "\"");
    HypergradOptions o;
    if (p.isSet("method") && !parseHypergradMethod(p.value("method").toStdString(), &o.method))
        return fail(kBadInput, "--method: unknown method \"" + p.value("method") +
                                   "\" (expected itd, aid-fp, aid-cg, jfb, phantom, neumann "
                                   "or exact)");
    if (!optionInt(p, "iterations", 1, 100000, &o.T, &error) ||
        !optionDouble(p, "damping", 1e-6, 1.0, &o.damping, &error))
        return fail(kBadInput, error);
    o.K = o.T;
    if (!checkMemoryLimit(
            s.data, estimateHypergrad(studyShape(s, o), reference, QThread::idealThreadCount()),
            "hypergrad", &error))
        return fail(kBadInput, error);
    prepareModel(&s);
    const Matrix& X = s.split.train.X;
    QElapsedTimer timer;
    timer.start();
    const auto r = hypergradient(s.params, X, s.targets, o);
    const double ms = timer.nsecsElapsed() / 1e6;
    QElapsedTimer lastPrint;
    lastPrint.start();
    ExactReference ref;
    if (reference)
        ref = exactReference(s.params, X, s.targets, [&](Index done, Index total) {
            if (lastPrint.elapsed() < 1000 || done == total) return;
            std::fprintf(stderr, "reference: exact hypergradient, %lld/%lld samples\n",
                         static_cast<long long>(done), static_cast<long long>(total));
            lastPrint.restart();
        });
    const double rel = reference ? relativeError(r.grad, ref.grad) : std::nan("");
    // The exact reference needs a converged forward solve (worst residual ≤ its tolerance);
    // without it every relative error below is measured against a wrong reference.
    const bool referenceConverged = !reference || ref.converged();
    if (!std::isfinite(r.loss) || !std::isfinite(r.grad.norm()))
        return fail(kNumericalFailure, "the hypergradient is not finite");
    if (p.isSet("json")) {
        printJson(
            {{"method", QString::fromStdString(toString(o.method))},
             {"iterations", o.T},
             {"samples", static_cast<int>(X.cols())},
             {"hidden", s.data.hidden},
             {"contraction_bound", spectralNorm(s.params.A)},
             {"loss", r.loss},
             {"gradient_norms", blockNorms(r.grad)},
             {"relative_error", std::isfinite(rel) ? QJsonValue(rel) : QJsonValue()},
             {"reference", reference ? "exact" : "none"},
             {"reference_converged", reference ? QJsonValue(referenceConverged) : QJsonValue()},
             {"reference_residual", reference ? QJsonValue(ref.worst_residual) : QJsonValue()},
             {"forward_residual", r.forward_residual},
             {"backward_iterations", r.backward_iterations},
             {"backward_residual",
              r.backward_residual >= 0 ? QJsonValue(r.backward_residual) : QJsonValue()},
             {"backward_converged", r.backward_converged},
             {"time_ms", ms}});
    } else {
        printLine(
            QStringLiteral("%1 with T = K = %2: |grad| = %3, relative error to exact %4, %5 ms")
                .arg(QString::fromStdString(toString(o.method)))
                .arg(o.T)
                .arg(r.grad.norm(), 0, 'g', 6)
                .arg(reference ? QString::number(rel, 'g', 3)
                               : QStringLiteral("not computed (--reference none)"))
                .arg(ms, 0, 'f', 2));
    }
    if (!referenceConverged)
        return fail(
            kNumericalFailure,
            QStringLiteral("the exact reference solve did not converge (worst residual %1 after "
                           "%2 iterations): relative_error is measured against an "
                           "unconverged reference")
                .arg(ref.worst_residual, 0, 'g', 3)
                .arg(ref.forward_iterations));
    return kOk;
}

int runHypergradSweep(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Relative error of itd, aid-fp, aid-cg, jfb, phantom and neumann against T = K = 1…N.");
    addDataOptions(p);
    p.addOption({"max-iterations", "N (default 30).", "N"});
    p.addOption({"damping", "λ of phantom and neumann, in (0, 1] (default 0.5).", "l"});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    Study s;
    int maxK = 30;
    if (!parseArgs(p, args, &error) || !prepareData(p, &s, &error) ||
        !optionInt(p, "max-iterations", 1, 10000, &maxK, &error))
        return fail(kBadInput, error);
    double damping = 0.5;
    if (!optionDouble(p, "damping", 1e-6, 1.0, &damping, &error)) return fail(kBadInput, error);
    HypergradOptions sweepShape;
    sweepShape.method = HypergradMethod::Phantom;  // the largest: 2K + 1 stored states
    sweepShape.T = sweepShape.K = maxK;
    if (!checkMemoryLimit(
            s.data, estimateHypergrad(studyShape(s, sweepShape), true, QThread::idealThreadCount()),
            "hypergrad-sweep", &error))
        return fail(kBadInput, error);
    prepareModel(&s);
    const HypergradSweep sweep =
        hypergradientSweep(s.params, s.split.train.X, s.targets, maxK, {}, damping);
    QJsonObject errors;
    for (auto m : HypergradSweep::methods())
        errors[QString::fromStdString(toString(m))] = toJson(sweep.errors(m));
    QJsonArray ks;
    for (int k : sweep.iterations) ks.append(k);
    const Matrix& X = s.split.train.X;
    const double q = sweep.contraction_bound;
    if (p.isSet("json")) {
        printJson({{"iterations", ks},
                   {"relative_error", errors},
                   {"contraction_bound", q},
                   {"reference", "exact"},
                   {"damping", damping},
                   {"reference_converged", sweep.reference_converged},
                   {"reference_residual", sweep.reference_residual},
                   {"samples", static_cast<int>(X.cols())},
                   {"hidden", s.data.hidden}});
    } else {
        printLine(QStringLiteral("q = ‖A‖₂ = %1").arg(q));
        QString head = QStringLiteral("   K");
        for (auto m : HypergradSweep::methods())
            head += QStringLiteral(" %1").arg(QString::fromStdString(toString(m)), 10);
        printLine(head);
        for (int k = 0; k < maxK; ++k) {
            QString line = QStringLiteral("%1").arg(k + 1, 4);
            for (auto m : HypergradSweep::methods())
                line += QStringLiteral(" %1").arg(sweep.errors(m)[k], 10, 'e', 2);
            printLine(line);
        }
    }
    // The same rule as hypergrad: every point is measured against the one exact reference, which
    // needs a converged forward solve.
    if (!sweep.reference_converged)
        return fail(
            kNumericalFailure,
            QStringLiteral("the exact reference solve did not converge (worst residual %1 after "
                           "%2 iterations): every relative_error of the sweep is measured "
                           "against an unconverged reference")
                .arg(sweep.reference_residual, 0, 'g', 3)
                .arg(sweep.reference_iterations));
    return kOk;
}

}  // namespace equilab::cli
