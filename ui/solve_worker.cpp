#include "solve_worker.h"

namespace equilab {

void SolveWorker::solve(quint64 generation, const Scenario& scenario) {
    if (latest_->load() != generation) return;  // superseded before it started
    SolveResult r;
    r.generation = generation;
    r.scenario = scenario;
    r.scenario.model = scenario.effectiveModel();
    auto cancelled = [this, generation](const IterationSummary&) {
        return latest_->load() == generation ? CallbackReturn::Continue : CallbackReturn::Abort;
    };
    r.summary = solveFixedPoint(r.scenario.model, r.scenario.x, r.scenario.w0, r.scenario.solver,
                                cancelled);
    if (latest_->load() != generation) return;
    r.certificate =
        computeCertificate(r.scenario.model, r.scenario.x, r.scenario.w0, r.scenario.solver);
    if (latest_->load() != generation) return;
    emit finished(r);
}

SolveController::SolveController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<equilab::SolveResult>();
    worker_ = new SolveWorker(&latest_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SolveWorker::finished, this, &SolveController::onFinished,
            Qt::QueuedConnection);
    thread_.setObjectName(QStringLiteral("equilab-solve"));
    thread_.start();
}

SolveController::~SolveController() {
    latest_.store(~quint64(0));  // cancels whatever runs
    thread_.quit();
    thread_.wait();
}

void SolveController::request(const Scenario& s) {
    const quint64 gen = ++pending_;
    latest_.store(gen);
    SolveWorker* w = worker_;
    QMetaObject::invokeMethod(worker_, [w, gen, s] { w->solve(gen, s); }, Qt::QueuedConnection);
}

void SolveController::onFinished(const SolveResult& r) {
    if (r.generation != pending_) return;  // a newer request is on its way
    delivered_ = r.generation;
    last_ = r;
    emit resultReady(r);
}

}  // namespace equilab
