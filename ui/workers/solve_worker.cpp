#include "ui/workers/solve_worker.h"

#include "core/analysis/partial_spectra.h"
#include "core/internal/cancellation.h"

namespace equilab {

QString verdictText(const SolveResult& r) {
    const std::string certificate = r.has_certificate ? r.certificate.text : "certificate …";
    return QString::fromStdString(toString(r.summary.method) + ": " + r.dynamics.message + " — " +
                                  certificate);
}

const SolveResultPtr& emptySolveResult() {
    static const SolveResultPtr empty = std::make_shared<const SolveResult>();
    return empty;
}

void SolveWorker::processRequests() {
    const auto fence = thread_->enter();
    std::optional<SolveRequest> r = inbox_->takeLatest();
    if (!r) return;
    // Long kernels without callbacks (Arnoldi, Lanczos, power iterations) stop at their next
    // product when a newer request supersedes this one.
    const quint64 generation = r->generation;
    try {
        const ScopedCancellation scope(
            [this, generation] { return latest_->load() != generation; });
        solve(*r);
    } catch (const OperationCancelled&) {
    }
}

void SolveWorker::post(SolveEvent e) {
    outbox_->post(std::move(e));
    emit posted();
}

void SolveWorker::solve(const SolveRequest& request) {
    const quint64 generation = request.generation;
    const Scenario& scenario = request.scenario;
    auto cancelled = [this, generation] { return latest_->load() != generation; };
    if (cancelled()) return;  // superseded before it started
    SolveResult r;
    r.generation = generation;
    r.aRevision = request.aRevision;
    r.scenario = scenario;
    if (request.sharedA)
        r.scenario.model.A = request.aScale * *request.sharedA;  // here, not on the GUI
    r.scenario.model = r.scenario.effectiveModel();
    const Model& model = r.scenario.model;
    const Vector& x = r.scenario.x;
    const SolverOptions& options = r.scenario.solver;
    auto callback = [&](const IterationSummary&) {
        return cancelled() ? CallbackReturn::Abort : CallbackReturn::Continue;
    };
    post(SolveProgress{generation, tr("solving (n = %1)…").arg(model.hiddenDim())});
    r.summary = solveFixedPoint(model, x, r.scenario.w0, options, callback);
    if (cancelled()) return;
    r.dynamics = classifyDynamics(model, x, r.summary, options);
    if (model.hiddenDim() > 2) r.phaseDirections = principalDirections(r.summary.iterates);
    // The user's added starts, with the first stage (they are drawn with the path from w0).
    SolverOptions userPicard = options;
    userPicard.method = SolverMethod::Picard;
    userPicard.record_iterates = true;
    for (const std::vector<double>& start : request.view.starts) {
        if (Index(start.size()) != model.hiddenDim()) continue;
        const Vector w = Eigen::Map<const Vector>(start.data(), Index(start.size()));
        r.startPaths.push_back(solveFixedPoint(model, x, w, userPicard, callback).iterates);
        if (cancelled()) return;
    }
    post(std::make_shared<const SolveResult>(r));  // the first stage: a copy, made here
    // What does not depend on the chosen solver is reused when only the solver changed.
    memo_.keepIfSame(r);
    // One Picard run from w0 serves the certificate, the comparison and the first start: the
    // primary solve when it is Picard, otherwise one more solve (or the remembered one).
    SolverOptions picard = options;
    picard.method = SolverMethod::Picard;
    if (options.method == SolverMethod::Picard) {
        memo_.picardRun = r.summary;
    } else if (!memo_.picardRun) {
        SolverSummary run = solveFixedPoint(model, x, r.scenario.w0, picard, callback);
        if (cancelled()) return;
        memo_.picardRun = std::move(run);
    }
    const SolverSummary& picardRun = *memo_.picardRun;
    if (request.certificate) {
        if (!memo_.certificate) {
            post(SolveProgress{
                generation,
                model.hiddenDim() > kDenseSpectrumUpTo
                    ? tr("spectra and the certificate (extreme values by Arnoldi and Lanczos, n = "
                         "%1)…")
                          .arg(model.hiddenDim())
                    : tr("computing spectra and the certificate…")});
            Certificate c = computeCertificate(model, x, r.scenario.w0, options, picardRun);
            if (cancelled()) return;
            memo_.certificate = std::move(c);
        }
        r.certificate = *memo_.certificate;
        r.parametrization_certificate =
            parametrizationCertificate(model.A, r.scenario.parametrization, r.certificate.checks);
        if (cancelled()) return;
        r.has_certificate = true;
    }
    if (cancelled()) return;
    // The second stage, published once and read by the analyses below (only read, by all).
    const SolveResultPtr full = std::make_shared<const SolveResult>(std::move(r));
    memo_.setKey(full);
    post(full);
    analyse(request, *full, picardRun);
}

void SolveWorker::analyse(const SolveRequest& request, const SolveResult& r,
                          const SolverSummary& picardRun) {
    const quint64 generation = request.generation;
    const ViewSettings& view = request.view;
    auto cancelled = [this, generation] { return latest_->load() != generation; };
    const Model& model = r.scenario.model;
    const Vector& x = r.scenario.x;
    const SolverOptions& options = r.scenario.solver;
    SolverOptions picard = options;
    picard.method = SolverMethod::Picard;
    auto callback = [&](const IterationSummary&) {
        return cancelled() ? CallbackReturn::Abort : CallbackReturn::Continue;
    };
    AnalysisResult a;
    a.generation = generation;
    if (!request.analysis) {
        post(std::move(a));
        return;
    }
    post(SolveProgress{generation, tr("comparing the solvers…")});
    a.comparison =
        compareSolvers(model, x, r.scenario.w0, options, cancelled, {&r.summary, &picardRun});
    if (cancelled()) return;
    if (!memo_.starts || memo_.starts->initialPoints != view.initial_points) {
        post(SolveProgress{generation,
                           tr("paths from %1 starting points…").arg(view.initial_points)});
        const std::vector<Vector> starts =
            initialPoints(r.scenario.w0, model.hiddenDim(), view.initial_points, 7);
        SolveMemo::Starts s;
        s.initialPoints = view.initial_points;
        s.runs.push_back(picardRun);  // the first start is w0 itself
        for (size_t k = 1; k < starts.size(); ++k) {
            s.runs.push_back(solveFixedPoint(model, x, starts[k], picard, callback));
            if (cancelled()) return;
        }
        s.report = compareStarts(s.runs);
        memo_.starts = std::move(s);
    }
    a.starts = memo_.starts->runs;
    a.startsReport = memo_.starts->report;
    if (model.hiddenDim() > 2) {
        std::vector<Vector> all = r.summary.iterates;
        for (const auto& s : a.starts) all.insert(all.end(), s.iterates.begin(), s.iterates.end());
        a.phaseDirections = principalDirections(all);
    }
    post(SolveProgress{generation, tr("basins and the scale sweep…")});
    if (model.hiddenDim() == 2)
        a.basins = computeBasins(model, x, options, view.basin_lo, view.basin_hi,
                                 view.basin_resolution, cancelled);
    if (cancelled()) return;
    // Each sweep point needs an n×n eigensolve for ρ(J): fewer points for large n.
    const int sweepCount =
        model.hiddenDim() > 300 ? std::min(view.sweep_count, 12) : view.sweep_count;
    const auto& m = memo_.sweep;
    if (!m || m->min != view.sweep_min || m->max != view.sweep_max || m->count != sweepCount) {
        ScaleSweep sweep = computeScaleSweep(model, x, r.scenario.w0, options, view.sweep_min,
                                             view.sweep_max, sweepCount, cancelled);
        if (cancelled()) return;
        memo_.sweep = SolveMemo::Sweep{view.sweep_min, view.sweep_max, sweepCount, sweep};
    }
    a.sweep = memo_.sweep->sweep;
    post(std::move(a));
}

SolveController::SolveController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-solve"), this, &SolveController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new SolveWorker(thread, &latest_, inbox, outbox);
            }) {}

SolveController::~SolveController() {
    latest_.store(~quint64(0));  // cancels whatever runs
    host_.stop();
}

void SolveController::request(const Scenario& s, const ViewSettings& view) {
    const bool wasBusy = isBusy();
    const quint64 gen = ++pending_;
    latest_.store(gen);
    SolveRequest r;
    r.generation = gen;
    r.scenario = s;
    r.view = view;
    r.certificate = certificate_;
    r.analysis = analysis_;
    host_.replace(std::move(r));
    if (!wasBusy) emit busyChanged(true);
}

void SolveController::request(const Scenario& s, std::shared_ptr<const Matrix> A, double aScale,
                              const ViewSettings& view, quint64 aRevision) {
    const bool wasBusy = isBusy();
    const quint64 gen = ++pending_;
    latest_.store(gen);
    SolveRequest r;
    r.generation = gen;
    // Everything but A (B is n×d, the vectors n or d: small beside A's n²).
    r.scenario.model.B = s.model.B;
    r.scenario.model.c = s.model.c;
    r.scenario.x = s.x;
    r.scenario.w0 = s.w0;
    r.scenario.solver = s.solver;
    r.scenario.parametrization = s.parametrization;
    r.sharedA = std::move(A);
    r.aScale = aScale;
    r.aRevision = aRevision;
    r.view = view;
    r.certificate = certificate_;
    r.analysis = analysis_;
    host_.replace(std::move(r));
    if (!wasBusy) emit busyChanged(true);
}

double SolveController::normAFor(quint64 aRevision) const {
    const SolveResult& r = *last_;
    if (r.generation == 0 || !r.has_certificate || r.aRevision != aRevision ||
        r.scenario.parametrization.kind != ParametrizationKind::Free)
        return -1;
    return r.certificate.A.norm;
}

void SolveController::drainOutbox() {
    for (SolveEvent& e : host_.takeAll()) {
        if (auto* r = std::get_if<SolveResultPtr>(&e)) {
            onFinished(std::move(*r));
        } else if (auto* a = std::get_if<AnalysisResult>(&e)) {
            onAnalysis(std::move(*a));
        } else if (auto* p = std::get_if<SolveProgress>(&e)) {
            if (p->generation == pending_) emit progress(p->what);
        }
    }
}

void SolveController::onFinished(SolveResultPtr r) {
    if (r->generation != pending_) return;           // a newer request is on its way
    if (r->generation != trajectory_->generation) {  // the first stage
        trajectory_ = std::move(r);
        emit trajectoryReady(trajectory_);
        return;
    }
    last_ = std::move(r);
    trajectory_ = emptySolveResult();  // the complete result replaces it (one held, not two)
    emit resultReady(last_);
}

void SolveController::onAnalysis(AnalysisResult r) {
    if (r.generation != pending_) return;
    analysed_ = r.generation;
    lastAnalysis_ = std::move(r);
    emit analysisReady(lastAnalysis_);
    emit busyChanged(false);
}

}  // namespace equilab
