// Solving off the GUI thread. The controller lives on the GUI thread and owns a worker moved to
// its own QThread. Every request carries a generation number; a newer request cancels older
// work through an atomic checked inside the solver callbacks and between analyses. Results
// travel back as values by queued signal in two stages: the primary solve with its certificate
// first, then the heavier analyses (all solvers, several starts, basins, scale sweep).
#pragma once

#include <QObject>
#include <QThread>

#include <atomic>

#include "analysis.h"
#include "scenario.h"
#include "spectra.h"
#include "view_settings.h"

namespace equilab {

struct SolveResult {
    quint64 generation = 0;
    Scenario scenario;        // what was solved (A after the parametrization)
    SolverSummary summary;
    Certificate certificate;
    Matrix phaseDirections;   // leading principal directions of the iterates (n×2), for n > 2
};

struct AnalysisResult {
    quint64 generation = 0;
    std::vector<SolverSummary> comparison;  // one per solver
    std::vector<SolverSummary> starts;      // Picard from several initial points (with iterates)
    BasinGrid basins;                       // n = 2 only
    ScaleSweep sweep;
    Matrix phaseDirections;                 // of the main path and all starts together
};

class SolveWorker : public QObject {
    Q_OBJECT
public:
    explicit SolveWorker(std::atomic<quint64>* latest) : latest_(latest) {}
    void solve(quint64 generation, const Scenario& scenario, const ViewSettings& view);

signals:
    void finished(const equilab::SolveResult& result);
    void analysisFinished(const equilab::AnalysisResult& result);
    void progress(quint64 generation, const QString& what);

private:
    std::atomic<quint64>* latest_;
};

class SolveController : public QObject {
    Q_OBJECT
public:
    explicit SolveController(QObject* parent = nullptr);
    ~SolveController() override;

    // Starts a solve of s; any work still running is cancelled.
    void request(const Scenario& s, const ViewSettings& view = {});
    bool isBusy() const { return pending_ != analysed_; }
    const SolveResult& lastResult() const { return last_; }
    const AnalysisResult& lastAnalysis() const { return lastAnalysis_; }

signals:
    void resultReady(const equilab::SolveResult& result);
    void analysisReady(const equilab::AnalysisResult& result);
    void busyChanged(bool busy);
    void progress(const QString& what);  // what the worker is computing now

private:
    void onFinished(const SolveResult& r);
    void onAnalysis(const AnalysisResult& r);
    QThread thread_;
    SolveWorker* worker_;
    std::atomic<quint64> latest_{0};
    quint64 pending_ = 0;
    quint64 analysed_ = 0;
    SolveResult last_;
    AnalysisResult lastAnalysis_;
};

}  // namespace equilab

Q_DECLARE_METATYPE(equilab::SolveResult)
Q_DECLARE_METATYPE(equilab::AnalysisResult)
