// Computes gradient-bias maps (core/training/gradient_bias.h) off the GUI thread, for
// GradientBiasView: the study model of the panel's settings (its data loaded on the worker) or a
// trained model. A newer request supersedes an older one (it cancels the map that runs).
#pragma once

#include <QObject>

#include <atomic>

#include "core/training/gradient_bias.h"
#include "ui/training/study_request.h"
#include "ui/workers/mailbox.h"

namespace equilab {

// The problem (study_request.h, classification only) and the map's options.
struct GradientBiasRequest : StudyRequest {
    GradientBiasOptions options;
};

struct GradientBiasResult {
    quint64 generation = 0;
    GradientBiasMap map;
};

class GradientBiasWorker : public QObject {
    Q_OBJECT
  public:
    GradientBiasWorker(WorkerThread* thread, const std::atomic<quint64>* latest,
                       Mailbox<GradientBiasRequest>* inbox, Mailbox<GradientBiasResult>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();

  signals:
    void posted();

  private:
    WorkerThread* thread_;
    const std::atomic<quint64>* latest_;
    Mailbox<GradientBiasRequest>* inbox_;
    Mailbox<GradientBiasResult>* outbox_;
};

class GradientBiasController : public QObject {
    Q_OBJECT
  public:
    explicit GradientBiasController(QObject* parent = nullptr);
    quint64 request(GradientBiasRequest r) { return host_.request(std::move(r)); }
    void cancel() { host_.cancel(); }

  signals:
    void finished(const equilab::GradientBiasMap& map, quint64 generation);

  private:
    void drainOutbox();
    NewestRequestHost<GradientBiasWorker, GradientBiasRequest, GradientBiasResult> host_;
};

}  // namespace equilab
