// Solving off the GUI thread. The controller lives on the GUI thread and owns a worker moved to
// its own thread. Every request carries a generation number; a newer request cancels older
// work through an atomic checked inside the solver callbacks and between analyses, and replaces
// a request still waiting. Results travel back as values in three stages, each as soon as it is
// ready: the primary solve (trajectory, residuals, classification: milliseconds), then the same
// result with the spectra and the certificate (seconds at n = 2000), then the heavier analyses
// (all solvers, several starts, basins, scale sweep). Requests and results cross threads through
// Mailboxes (mailbox.h); the queued signals between controller and worker only wake the other side.
#pragma once

#include <QObject>

#include <atomic>
#include <memory>
#include <variant>

#include "core/analysis/analysis.h"
#include "core/analysis/dynamics.h"
#include "core/analysis/parametrization_certificate.h"
#include "core/analysis/spectra.h"
#include "core/model/scenario.h"
#include "core/solvers/fixed_point_search.h"
#include "ui/document/view_settings.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/solve_memo.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct SolveResult {
    quint64 generation = 0;
    quint64 aRevision = 0;  // the document's A revision solved (SolveRequest::aRevision)
    Scenario scenario;      // what was solved (A after the parametrization)
    SolverSummary summary;
    DynamicsSummary dynamics;  // classifyDynamics of summary (the primary solve)
    Certificate certificate;   // empty until the second stage (has_certificate)
    bool has_certificate = false;
    // The scenario's parametrization's own certificate (with the certificate; empty for free).
    ParametrizationCertificate parametrization_certificate;
    Matrix phaseDirections;  // leading principal directions of the iterates (n×2), for n > 2
    // Picard's iterates from each start the user added (ViewSettings::starts of the scenario's
    // size, in order), with the scenario's tolerance and cap: solved here, never on the GUI.
    std::vector<std::vector<Vector>> startPaths;
};

// One result, shared by the controller and every view that shows it: published once by the worker
// and never changed after (views keep the pointer, not a copy of n² numbers).
using SolveResultPtr = std::shared_ptr<const SolveResult>;
// An empty result (generation 0) for views that have not received one yet.
const SolveResultPtr& emptySolveResult();

struct AnalysisResult {
    quint64 generation = 0;
    std::vector<SolverSummary> comparison;  // one per solver
    std::vector<SolverSummary> starts;      // Picard from several initial points (with iterates)
    StartsReport startsReport;              // the different fixed points the starts reached
    BasinGrid basins;                       // n = 2 only
    ScaleSweep sweep;
    Matrix phaseDirections;  // of the main path and all starts together
};

// The verdict the status bar shows: the primary solve's classification, then the certificate,
// both worded by the core ("picard: converged in 12 iterations (…) — contractive: …").
QString verdictText(const SolveResult& r);

struct SolveRequest {
    quint64 generation = 0;
    Scenario scenario;  // without A when sharedA is set
    // A as aScale·(*sharedA), shared with the document (immutable): an edit that does not touch
    // A, or a scale-slider step, posts no copy of n² numbers from the GUI thread.
    std::shared_ptr<const Matrix> sharedA;
    double aScale = 1.0;
    quint64 aRevision = 0;  // Document::aRevision() of the A sent, returned in the result
    ViewSettings view;
    bool certificate = true;  // spectra of A and J (eigenvalues, singular values, the certificate)
    bool analysis = true;     // all solvers, several starts, basins, scale sweep
};

struct SolveProgress {
    quint64 generation = 0;
    QString what;
};

using SolveEvent = std::variant<SolveResultPtr, AnalysisResult, SolveProgress>;

class SolveWorker : public QObject {
    Q_OBJECT
  public:
    SolveWorker(WorkerThread* thread, std::atomic<quint64>* latest, Mailbox<SolveRequest>* inbox,
                Mailbox<SolveEvent>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    // Runs the newest waiting request, if any (on the worker's thread).
    void processRequests();

  signals:
    void posted();  // something waits in the outbox

  private:
    void solve(const SolveRequest& request);
    void analyse(const SolveRequest& request, const SolveResult& r, const SolverSummary& picardRun);
    void post(SolveEvent e);
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<SolveRequest>* inbox_;
    Mailbox<SolveEvent>* outbox_;
    SolveMemo memo_;  // what the previous request computed that the next may reuse
};

class SolveController : public QObject {
    Q_OBJECT
  public:
    explicit SolveController(QObject* parent = nullptr);
    ~SolveController() override;

    // Starts a solve of s; any work still running is cancelled.
    void request(const Scenario& s, const ViewSettings& view = {});
    // The same with A = aScale·(*A) given apart (s.model.A is not read).
    void request(const Scenario& s, std::shared_ptr<const Matrix> A, double aScale,
                 const ViewSettings& view, quint64 aRevision = 0);
    // ‖A‖₂ of the document's A at revision aRevision, from the newest certificate if it solved
    // that very A without a parametrization (computed on the worker); −1 if none did.
    double normAFor(quint64 aRevision) const;
    bool isBusy() const { return pending_ != analysed_; }
    quint64 latestGeneration() const { return pending_; }
    // The newest complete result (with the certificate), and the newest first stage.
    const SolveResult& lastResult() const { return *last_; }
    const SolveResult& lastTrajectory() const { return *lastTrajectoryPtr(); }
    const SolveResultPtr& lastResultPtr() const { return last_; }
    const SolveResultPtr& lastTrajectoryPtr() const {
        return trajectory_->generation > last_->generation ? trajectory_ : last_;
    }
    const AnalysisResult& lastAnalysis() const { return lastAnalysis_; }
    // What later requests compute beyond the primary solve (headless export: only what the
    // requested views need). A skipped analysis still arrives, empty, so isBusy() settles.
    void setWork(bool certificate, bool analysis) {
        certificate_ = certificate;
        analysis_ = analysis;
    }

  signals:
    // First stage: the primary solve without the certificate (lastTrajectory()).
    void trajectoryReady(const equilab::SolveResultPtr& result);
    // Second stage: the same solve with its spectra and certificate (lastResult()).
    void resultReady(const equilab::SolveResultPtr& result);
    void analysisReady(const equilab::AnalysisResult& result);
    void busyChanged(bool busy);
    void progress(const QString& what);  // what the worker is computing now

  private:
    void drainOutbox();
    void onFinished(SolveResultPtr r);
    void onAnalysis(AnalysisResult r);
    std::atomic<quint64> latest_{0};  // the newest generation; the worker cancels older ones
    WorkerHost<SolveWorker, SolveRequest, SolveEvent> host_;
    quint64 pending_ = 0;
    quint64 analysed_ = 0;
    bool certificate_ = true, analysis_ = true;
    SolveResultPtr last_ = emptySolveResult();
    SolveResultPtr trajectory_ = emptySolveResult();
    AnalysisResult lastAnalysis_;
};

}  // namespace equilab
