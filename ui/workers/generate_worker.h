// Generating a new A, or the random part of a resized scenario, off the GUI thread: at n = 2000
// that is 4 million normal draws and a spectral norm (0.3–0.5 s; seconds for the orthogonal,
// symmetric and rotation generators), which would freeze the window. The document posts a
// request and stays unchanged; the result comes back as a value and the document applies it as
// one undo command. Every request carries a generation number: a newer request (or any change of
// the document, which cancels the pending one) makes an older one stale; the worker stops it at
// its next check (or the norm's next matrix product) and the controller drops a stale result.
// Requests and results cross threads through Mailboxes, as in solve_worker.h.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "core/model/generators.h"
#include "core/model/scenario.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct GenerateRequest {
    enum class Kind { ReplaceA, Resize, ScaleA };
    quint64 generation = 0;
    Kind kind = Kind::ReplaceA;
    unsigned seed = 1;
    // ReplaceA: generateMatrix(generator, hidden, norm, seed, reflections).
    MatrixGenerator generator = MatrixGenerator::Random;
    double norm = 0.9;
    int reflections = 0;
    // Resize: resizedScenario(from, hidden, input, seed), with from's A = fromAScale·(*fromA)
    // (shared with the document, immutable: the GUI thread copies B, c, x and w0 only).
    // ScaleA: ‖fromAScale·(*fromA)‖₂, for scaling A to ‖A‖₂ = target.
    double target = 1.0;
    Scenario from;
    std::shared_ptr<const Matrix> fromA;
    double fromAScale = 1.0;
    int hidden = 1, input = 1;
    QString text;  // the undo command's text
};

struct GenerateResult {
    quint64 generation = 0;
    GenerateRequest::Kind kind = GenerateRequest::Kind::ReplaceA;
    Matrix A;           // ReplaceA
    Scenario scenario;  // Resize
    // ScaleA: the A measured (shared, no copy when fromAScale = 1), its norm and the target.
    std::shared_ptr<const Matrix> start;
    double normA = 0, target = 1.0;
    QString text;
    double seconds = 0;  // wall time on the worker
    bool stale = false;  // the request became stale on the worker: nothing computed to apply
};

class GenerateWorker : public QObject {
    Q_OBJECT
  public:
    GenerateWorker(WorkerThread* thread, std::atomic<quint64>* latest,
                   Mailbox<GenerateRequest>* inbox, Mailbox<GenerateResult>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();  // on the worker's thread

  signals:
    void started();  // a request was taken and is being computed
    void posted();

  private:
    void retire(quint64 generation);  // posts the end of a stale request
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<GenerateRequest>* inbox_;
    Mailbox<GenerateResult>* outbox_;
};

class GenerateController : public QObject {
    Q_OBJECT
  public:
    explicit GenerateController(QObject* parent = nullptr);
    ~GenerateController() override;

    // Starts r (its generation is assigned here); a request still pending becomes stale.
    void request(GenerateRequest r);
    // The pending request becomes stale; its result will be dropped.
    void cancel();
    bool isBusy() const { return busy_; }
    // The result announced by finished(), moved out (empty generation 0 if none).
    GenerateResult takeResult() { return std::move(result_); }

  signals:
    // The result of the newest request (never a stale one) waits in takeResult().
    void finished();
    // The worker took a request (the newest at that time) and computes it.
    void started();
    // A request the worker took ended stale (superseded or cancelled): nothing was applied. Every
    // request the worker takes ends in exactly one finished() or dropped().
    void dropped();
    void busyChanged(bool busy);

  private:
    void drainOutbox();
    void setBusy(bool busy);
    std::atomic<quint64> latest_{0};  // before host_: the worker reads it until host_ stops
    quint64 pending_ = 0;
    bool busy_ = false;
    GenerateResult result_;
    WorkerHost<GenerateWorker, GenerateRequest, GenerateResult> host_;
};

}  // namespace equilab
