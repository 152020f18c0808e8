#include "solve_worker.h"

namespace equilab {

void SolveWorker::solve(quint64 generation, const Scenario& scenario, const ViewSettings& view) {
    auto cancelled = [this, generation] { return latest_->load() != generation; };
    if (cancelled()) return;  // superseded before it started
    SolveResult r;
    r.generation = generation;
    r.scenario = scenario;
    r.scenario.model = scenario.effectiveModel();
    const Model& model = r.scenario.model;
    const Vector& x = r.scenario.x;
    const SolverOptions& options = r.scenario.solver;
    auto callback = [&](const IterationSummary&) {
        return cancelled() ? CallbackReturn::Abort : CallbackReturn::Continue;
    };
    emit progress(generation, tr("solving (n = %1)…").arg(model.hiddenDim()));
    r.summary = solveFixedPoint(model, x, r.scenario.w0, options, callback);
    if (cancelled()) return;
    // One Picard run from w0 serves the certificate, the comparison and the first start: the
    // primary solve when it is Picard, otherwise one more solve.
    SolverOptions picard = options;
    picard.method = SolverMethod::Picard;
    const SolverSummary picardRun = options.method == SolverMethod::Picard
                                        ? r.summary
                                        : solveFixedPoint(model, x, r.scenario.w0, picard, callback);
    if (cancelled()) return;
    emit progress(generation, tr("computing spectra and the certificate…"));
    r.certificate = computeCertificate(model, x, options, picardRun);
    if (cancelled()) return;
    if (model.hiddenDim() > 2) r.phaseDirections = principalDirections(r.summary.iterates);
    emit finished(r);

    AnalysisResult a;
    a.generation = generation;
    emit progress(generation, tr("comparing the solvers…"));
    a.comparison = compareSolvers(model, x, r.scenario.w0, options, cancelled, {&r.summary, &picardRun});
    if (cancelled()) return;
    emit progress(generation, tr("paths from %1 starting points…").arg(view.initial_points));
    const std::vector<Vector> starts = initialPoints(r.scenario.w0, model.hiddenDim(), view.initial_points, 7);
    a.starts.push_back(picardRun);  // the first start is w0 itself
    for (size_t k = 1; k < starts.size(); ++k) {
        a.starts.push_back(solveFixedPoint(model, x, starts[k], picard, callback));
        if (cancelled()) return;
    }
    if (model.hiddenDim() > 2) {
        std::vector<Vector> all = r.summary.iterates;
        for (const auto& s : a.starts) all.insert(all.end(), s.iterates.begin(), s.iterates.end());
        a.phaseDirections = principalDirections(all);
    }
    emit progress(generation, tr("basins and the scale sweep…"));
    if (model.hiddenDim() == 2)
        a.basins = computeBasins(model, x, options, view.basin_lo, view.basin_hi,
                                 view.basin_resolution, cancelled);
    if (cancelled()) return;
    // Each sweep point needs an n×n eigensolve for ρ(J): fewer points for large n.
    const int sweepCount = model.hiddenDim() > 300 ? std::min(view.sweep_count, 12) : view.sweep_count;
    a.sweep = computeScaleSweep(model, x, r.scenario.w0, options, view.sweep_min, view.sweep_max,
                                sweepCount, cancelled);
    if (cancelled()) return;
    emit analysisFinished(a);
}

SolveController::SolveController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<equilab::SolveResult>();
    qRegisterMetaType<equilab::AnalysisResult>();
    worker_ = new SolveWorker(&latest_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SolveWorker::finished, this, &SolveController::onFinished, Qt::QueuedConnection);
    connect(worker_, &SolveWorker::analysisFinished, this, &SolveController::onAnalysis,
            Qt::QueuedConnection);
    connect(worker_, &SolveWorker::progress, this, [this](quint64 gen, const QString& what) {
        if (gen == pending_) emit progress(what);
    }, Qt::QueuedConnection);
    thread_.setObjectName(QStringLiteral("equilab-solve"));
    thread_.start();
}

SolveController::~SolveController() {
    latest_.store(~quint64(0));  // cancels whatever runs
    thread_.quit();
    thread_.wait();
}

void SolveController::request(const Scenario& s, const ViewSettings& view) {
    const bool wasBusy = isBusy();
    const quint64 gen = ++pending_;
    latest_.store(gen);
    SolveWorker* w = worker_;
    QMetaObject::invokeMethod(worker_, [w, gen, s, view] { w->solve(gen, s, view); },
                              Qt::QueuedConnection);
    if (!wasBusy) emit busyChanged(true);
}

void SolveController::onFinished(const SolveResult& r) {
    if (r.generation != pending_) return;  // a newer request is on its way
    last_ = r;
    emit resultReady(r);
}

void SolveController::onAnalysis(const AnalysisResult& r) {
    if (r.generation != pending_) return;
    analysed_ = r.generation;
    lastAnalysis_ = r;
    emit analysisReady(r);
    emit busyChanged(false);
}

}  // namespace equilab
