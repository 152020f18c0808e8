// Solving off the GUI thread. The controller lives on the GUI thread and owns a worker moved to
// its own QThread; every request carries a generation number, a newer request cancels the older
// one through an atomic, and results travel back as values by queued signal. Only the newest
// result is delivered.
#pragma once

#include <QObject>
#include <QThread>

#include <atomic>

#include "scenario.h"
#include "spectra.h"

namespace equilab {

struct SolveResult {
    quint64 generation = 0;
    Scenario scenario;        // what was solved (after the parametrization)
    SolverSummary summary;
    Certificate certificate;
};

class SolveWorker : public QObject {
    Q_OBJECT
public:
    explicit SolveWorker(std::atomic<quint64>* latest) : latest_(latest) {}
    void solve(quint64 generation, const Scenario& scenario);

signals:
    void finished(const equilab::SolveResult& result);

private:
    std::atomic<quint64>* latest_;
};

class SolveController : public QObject {
    Q_OBJECT
public:
    explicit SolveController(QObject* parent = nullptr);
    ~SolveController() override;

    // Starts a solve of s; any solve still running is cancelled.
    void request(const Scenario& s);
    bool isBusy() const { return pending_ != delivered_; }
    const SolveResult& lastResult() const { return last_; }

signals:
    void resultReady(const equilab::SolveResult& result);

private:
    void onFinished(const SolveResult& r);
    QThread thread_;
    SolveWorker* worker_;
    std::atomic<quint64> latest_{0};
    quint64 pending_ = 0;
    quint64 delivered_ = 0;
    SolveResult last_;
};

}  // namespace equilab

Q_DECLARE_METATYPE(equilab::SolveResult)
