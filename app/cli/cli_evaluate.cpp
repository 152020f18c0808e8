// equilab-cli evaluate: a model file over a dataset split — loss, accuracy (overall and per
// class), and the forward convergence input by input (core/analysis/dataset_convergence.h). ρ(J)
// only at verified fixed points; exit 3 when an input did not converge (the JSON is still printed).
#include <cmath>
#include <cstdio>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_model.h"
#include "core/analysis/dataset_convergence.h"

namespace equilab::cli {
namespace {

QJsonObject toJson(const Percentiles& s) {
    return {{"min", s.min}, {"median", s.median}, {"p90", s.p90},
            {"max", s.max}, {"mean", s.mean},     {"count", static_cast<double>(s.count)}};
}

QJsonObject toJson(const Histogram& h) {
    QJsonArray counts;
    for (Index c : h.counts) counts.append(static_cast<double>(c));
    return {{"edges", cli::toJson(h.edges)}, {"counts", counts}};
}

QString histogramText(const Histogram& h, int precision) {
    QStringList parts;
    for (size_t b = 0; b < h.counts.size(); ++b)
        parts << QStringLiteral("[%1, %2) %3")
                     .arg(h.edges[b], 0, 'g', precision)
                     .arg(h.edges[b + 1], 0, 'g', precision)
                     .arg(h.counts[b]);
    return parts.join(" | ");
}

QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonObject rhoCounts(const DatasetConvergence& r) {
    return {{"at_picard_fixed_point", static_cast<double>(r.rho_at_picard)},
            {"at_searched_fixed_point", static_cast<double>(r.rho_at_search)},
            {"no_fixed_point_found", static_cast<double>(r.rho_not_found)},
            {"not_searched", static_cast<double>(r.rho_not_searched)},
            {"search_candidates", static_cast<double>(r.search_candidates)},
            {"search_seconds", r.search_seconds},
            {"search_budget_exhausted", r.search_budget_exhausted},
            {"dense_fallbacks", static_cast<double>(r.rho_dense_fallbacks)}};
}

QJsonObject resultJson(const ModelData& m, const DatasetConvergenceOptions& o,
                       const DatasetConvergence& r, bool perSample) {
    QJsonArray classes, slowest;
    for (size_t c = 0; c < r.class_accuracy.size(); ++c)
        classes.append(
            QJsonObject{{"class", static_cast<int>(c)},
                        {"count", static_cast<double>(r.class_count[c])},
                        {"accuracy", r.class_accuracy[c] >= 0 ? QJsonValue(r.class_accuracy[c])
                                                              : QJsonValue()}});
    for (Index i : r.slowest) {
        const auto s = static_cast<size_t>(i);
        // Counted from 1 like the window: index is what --sample takes, row the file's row.
        slowest.append(QJsonObject{{"index", static_cast<double>(i + 1)},
                                   {"row", static_cast<double>(m.data.row(i) + 1)},
                                   {"label", m.data.labels(i)},
                                   {"predicted", r.predicted(i)},
                                   {"iterations", r.iterations[s]},
                                   {"converged", r.converged[s] != 0},
                                   {"rho_J", number(r.rho[s])},
                                   {"rho_J_source", toString(r.rho_source[s])}});
    }
    QJsonObject out{{"model", m.path},
                    {"hidden", static_cast<double>(m.model.params.hidden())},
                    {"input", static_cast<double>(m.model.params.B.cols())},
                    {"classes", r.classes},
                    {"dtype", m.model.dtype},
                    {"dataset", QString::fromStdString(m.spec.dataset)},
                    {"split", m.split},
                    {"samples", static_cast<double>(r.samples)},
                    {"tolerance", o.tolerance},
                    {"max_iterations", o.max_iterations},
                    {"loss", r.loss},
                    {"accuracy", r.accuracy},
                    {"converged", static_cast<double>(r.converged_count)},
                    {"accuracy_at_fixed_point", number(r.accuracy_converged)},
                    {"loss_at_fixed_point", number(r.loss_converged)},
                    {"accuracy_last_iterate", r.accuracy},
                    {"loss_last_iterate", r.loss},
                    {"per_class", classes},
                    {"iterations", toJson(r.iteration_stats)},
                    {"iteration_histogram", toJson(r.iteration_histogram)},
                    {"not_converged_fraction", r.not_converged_fraction},
                    {"slowest", slowest},
                    {"rho_J", toJson(r.rho_stats)},
                    {"rho_J_counts", rhoCounts(r)},
                    {"rho_J_histogram", toJson(r.rho_histogram)}};
    if (o.unrolled_T > 0) {
        out["T"] = o.unrolled_T;
        out["loss_at_T"] = r.loss_at_T;
        out["accuracy_at_T"] = r.accuracy_at_T;
    }
    if (perSample) {
        QJsonArray its, conv, pred, predT, rho, source, rows, files;
        for (Index i = 0; i < r.samples; ++i) {
            const auto s = static_cast<size_t>(i);
            rows.append(static_cast<double>(m.data.row(i) + 1));
            if (!m.parts.empty()) files.append(m.parts[s]);
            its.append(r.iterations[s]);
            conv.append(r.converged[s] != 0);
            pred.append(r.predicted(i));
            if (o.unrolled_T > 0) predT.append(r.predicted_at_T(i));
            rho.append(number(r.rho[s]));
            source.append(toString(r.rho_source[s]));
        }
        // row: the sample's row in its file, counted from 1 like every index EquiLab shows (CSV
        // data row, header not counted; IDX image number); file: which MNIST file (split all).
        QJsonObject ps{{"row", rows},           {"iterations", its},       {"converged", conv},
                       {"predicted", pred},     {"predicted_at_T", predT}, {"rho_J", rho},
                       {"rho_J_source", source}};
        if (!m.parts.empty()) ps["file"] = files;
        out["per_sample"] = ps;
    }
    return out;
}

void printText(const ModelData& m, const DatasetConvergenceOptions& o,
               const DatasetConvergence& r) {
    printLine(QStringLiteral("model %1: n = %2, d = %3, k = %4 (%5); %6 %7 split: %8 samples")
                  .arg(m.path)
                  .arg(m.model.params.hidden())
                  .arg(m.model.params.B.cols())
                  .arg(r.classes)
                  .arg(m.model.dtype, QString::fromStdString(m.spec.dataset), m.split)
                  .arg(r.samples));
    const Index N = r.samples, conv = r.converged_count;
    if (conv == N) {
        printLine(QStringLiteral("at the fixed point (Picard to %1, all %2 inputs converged): "
                                 "accuracy %3, loss %4")
                      .arg(o.tolerance, 0, 'g', 3)
                      .arg(N)
                      .arg(r.accuracy, 0, 'f', 4)
                      .arg(r.loss, 0, 'f', 4));
    } else {
        printLine(conv > 0 ? QStringLiteral("at the fixed point (Picard to %1): accuracy %2, loss "
                                            "%3 over the %4 of %5 inputs that converged")
                                 .arg(o.tolerance, 0, 'g', 3)
                                 .arg(r.accuracy_converged, 0, 'f', 4)
                                 .arg(r.loss_converged, 0, 'f', 4)
                                 .arg(conv)
                                 .arg(N)
                           : QStringLiteral("at the fixed point (Picard to %1): n/a, no input "
                                            "converged within %2 iterations")
                                 .arg(o.tolerance, 0, 'g', 3)
                                 .arg(o.max_iterations));
        printLine(QStringLiteral("at the last iterate of all %1 inputs (no fixed point for %2 of "
                                 "them): accuracy %3, loss %4")
                      .arg(N)
                      .arg(N - conv)
                      .arg(r.accuracy, 0, 'f', 4)
                      .arg(r.loss, 0, 'f', 4));
    }
    if (o.unrolled_T > 0)
        printLine(QStringLiteral("after T = %1 steps from zero (as trained): accuracy %2, loss %3")
                      .arg(o.unrolled_T)
                      .arg(r.accuracy_at_T, 0, 'f', 4)
                      .arg(r.loss_at_T, 0, 'f', 4));
    QStringList per;
    for (size_t c = 0; c < r.class_accuracy.size(); ++c)
        if (r.class_count[c] > 0)
            per << QStringLiteral("%1: %2 (%3)")
                       .arg(c)
                       .arg(r.class_accuracy[c], 0, 'f', 3)
                       .arg(r.class_count[c]);
    printLine("per class: " + per.join(", "));
    const Percentiles& it = r.iteration_stats;
    printLine(
        QStringLiteral("iterations to tolerance: min %1, median %2, p90 %3, max %4; not converged "
                       "within %5: %6 %")
            .arg(it.min)
            .arg(it.median)
            .arg(it.p90)
            .arg(it.max)
            .arg(o.max_iterations)
            .arg(100.0 * r.not_converged_fraction, 0, 'f', 2));
    printLine("histogram: " + histogramText(r.iteration_histogram, 6));
    QStringList slow;
    for (Index i : r.slowest)
        slow << QStringLiteral("#%1 (label %2, %3%4)")
                    .arg(i + 1)
                    .arg(m.data.labels(i))
                    .arg(r.iterations[static_cast<size_t>(i)])
                    .arg(r.converged[static_cast<size_t>(i)] ? QString()
                                                             : QStringLiteral("+, not converged"));
    printLine("slowest: " + slow.join(", "));
    const Percentiles& rs = r.rho_stats;
    QString where = QStringLiteral("%1 at Picard's fixed point").arg(r.rho_at_picard);
    if (r.rho_at_search > 0)
        where += QStringLiteral(
                     ", %1 at a fixed point Picard did not reach (found by the "
                     "robust search)")
                     .arg(r.rho_at_search);
    QString na;
    if (r.rho_not_found > 0)
        na += QStringLiteral("; n/a for %1 (no fixed point found)").arg(r.rho_not_found);
    if (r.rho_not_searched > 0)
        na += r.search_budget_exhausted
                  ? QStringLiteral(
                        "; n/a for %1 (not converged, not searched: the searches' "
                        "budget of %2 s ran out after %3 of %4, --search-seconds)")
                        .arg(r.rho_not_searched)
                        .arg(o.fixed_point_search_seconds)
                        .arg(r.rho_at_search + r.rho_not_found)
                        .arg(r.search_candidates)
                  : QStringLiteral(
                        "; n/a for %1 (not converged, not searched: "
                        "--fixed-point-searches %2)")
                        .arg(r.rho_not_searched)
                        .arg(o.fixed_point_searches);
    if (rs.count == 0) {
        printLine("ρ(J): no verified fixed point" + na);
        return;
    }
    printLine(QStringLiteral("ρ(J) over %1 inputs (%2): min %3, median %4, p90 %5, max %6, mean "
                             "%7%8")
                  .arg(rs.count)
                  .arg(where)
                  .arg(rs.min, 0, 'f', 4)
                  .arg(rs.median, 0, 'f', 4)
                  .arg(rs.p90, 0, 'f', 4)
                  .arg(rs.max, 0, 'f', 4)
                  .arg(rs.mean, 0, 'f', 4)
                  .arg(na));
}

}  // namespace

int runEvaluate(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Evaluate a model file on a dataset: accuracy and forward convergence.");
    addModelOptions(p, false);
    p.addOption({"tolerance", "Per-sample stop at ‖φ(w) − w‖ ≤ E (default 1e-10).", "E"});
    p.addOption({"max-iterations", "Per-sample iteration cap (default 1000).", "N"});
    p.addOption(
        {"T", "Also score after T steps from zero (default: the training's T; 0 off).", "T"});
    p.addOption({"rho-samples", "ρ(J) on at most this many samples (default 0: all).", "M"});
    p.addOption({"fixed-point-searches",
                 "Unconverged samples searched for a fixed point for ρ(J), at most (default: "
                 "as many as --search-seconds allows).",
                 "S"});
    p.addOption(
        {"search-seconds", "Wall-time budget of those searches (default 5; 0: no limit).", "T"});
    p.addOption({"slowest", "How many slowest samples to list (default 10).", "K"});
    p.addOption({"per-sample", "With --json: iterations, prediction and ρ(J) of every sample."});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    ModelData m;
    if (!parseArgs(p, args, &error) || !loadModelData(p, &m, &error)) return fail(kBadInput, error);
    if (!m.model.hasReadout())
        return fail(kBadInput,
                    "--model: " + m.path + " has no readout (W_out, b_out); evaluate needs one");
    DatasetConvergenceOptions o;
    o.unrolled_T = trainingForwardSteps(m.model.meta);
    o.unrolled_float32 = m.model.dtype == "float32";
    if (!optionDouble(p, "tolerance", SolverLimits::kMinTolerance, SolverLimits::kMaxTolerance,
                      &o.tolerance, &error) ||
        !optionInt(p, "max-iterations", 1, SolverLimits::kMaxIterations, &o.max_iterations,
                   &error) ||
        !optionInt(p, "T", 0, 100000, &o.unrolled_T, &error) ||
        !optionInt(p, "rho-samples", 0, 100000000, &o.rho_samples, &error) ||
        !optionInt(p, "fixed-point-searches", 0, 100000000, &o.fixed_point_searches, &error) ||
        !optionDouble(p, "search-seconds", 0, 1e6, &o.fixed_point_search_seconds, &error) ||
        !optionInt(p, "slowest", 0, 100000, &o.slowest, &error))
        return fail(kBadInput, error);
    DatasetConvergence r;
    std::string why;
    if (!evaluateDataset(m.model.params, m.data, o, &r, &why))
        return fail(kBadInput, QString::fromStdString(why));
    if (p.isSet("json"))
        printJson(resultJson(m, o, r, p.isSet("per-sample")));
    else
        printText(m, o, r);
    if (!std::isfinite(r.loss)) {
        std::fprintf(stderr, "equilab-cli: the loss is not finite\n");
        return kNumericalFailure;
    }
    if (r.converged_count < r.samples) {
        std::fprintf(stderr,
                     "equilab-cli: %lld of %lld inputs did not converge within %d iterations "
                     "(tolerance %g)\n",
                     static_cast<long long>(r.samples - r.converged_count),
                     static_cast<long long>(r.samples), o.max_iterations, o.tolerance);
        return kNumericalFailure;
    }
    return kOk;
}

}  // namespace equilab::cli
