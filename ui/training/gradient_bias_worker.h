// Computes gradient-bias maps (core/training/gradient_bias.h) off the GUI thread, for
// GradientBiasView: the study model of the panel's settings (its data loaded on the worker) or a
// trained model. A newer request supersedes an older one (it cancels the map that runs).
#pragma once

#include <QObject>

#include <atomic>

#include "core/data/data_spec.h"
#include "core/training/gradient_bias.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct GradientBiasRequest {
    quint64 generation = 0;
    ModelParams<double> params;
    Matrix X;
    Targets<double> targets;
    GradientBiasOptions options;
    // Set: the study model (studyModel of hidden, radius, seed) on up to max_samples training
    // samples of data, made on the worker (params, X, targets unused).
    bool study = false;
    DataSpec data;
    int hidden = 1;
    double radius = 0.9;
    unsigned seed = 0;
    Index max_samples = 0;
};

struct GradientBiasResult {
    quint64 generation = 0;
    GradientBiasMap map;
};

class GradientBiasWorker : public QObject {
    Q_OBJECT
  public:
    GradientBiasWorker(WorkerThread* thread, std::atomic<quint64>* latest,
                       Mailbox<GradientBiasRequest>* inbox, Mailbox<GradientBiasResult>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();

  signals:
    void posted();

  private:
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<GradientBiasRequest>* inbox_;
    Mailbox<GradientBiasResult>* outbox_;
};

class GradientBiasController : public QObject {
    Q_OBJECT
  public:
    explicit GradientBiasController(QObject* parent = nullptr);
    ~GradientBiasController() override;
    quint64 request(GradientBiasRequest r);
    void cancel() { latest_.store(++generation_); }

  signals:
    void finished(const equilab::GradientBiasMap& map, quint64 generation);

  private:
    void drainOutbox();
    std::atomic<quint64> latest_{0};
    quint64 generation_ = 0;
    WorkerHost<GradientBiasWorker, GradientBiasRequest, GradientBiasResult> host_;
};

}  // namespace equilab
