// What the Hypergradients and Gradient-bias workers share (hypergrad_worker.h,
// gradient_bias_worker.h): the problem a request computes on — a trained model's parameters and
// batch, or the seeded study model made on the worker from the panel's data settings — and the
// skeleton of a worker that serves only the newest request (a newer one cancels the one that
// runs), with its GUI-side generation counter.
#pragma once

#include <QtGlobal>

#include <atomic>
#include <optional>
#include <utility>

#include "core/data/data_spec.h"
#include "core/training/hypergradient.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct StudyRequest {
    quint64 generation = 0;
    ModelParams<double> params;
    Matrix X;
    Targets<double> targets;
    // Set: the study model (studyModel of hidden, radius, seed) on up to max_samples training
    // samples of data, the data loaded and the model made on the worker (params, X and targets
    // above are then replaced).
    bool study = false;
    DataSpec data;
    int hidden = 1;
    double radius = 0.9;
    unsigned seed = 0;
    Index max_samples = 0;

    // On the worker: makes the study problem when `study` is set. False when its data does not
    // load, is empty, or (classificationOnly) is a regression set: nothing to compute.
    bool prepare(bool classificationOnly);
};

// The worker's processRequests(): takes the newest request, drops it when a newer one came,
// else posts compute(request, cancelled) (a Result with its generation set here) unless
// cancelled meanwhile, then calls notify() (the worker's posted()). A request whose problem
// cannot be prepared posts an empty Result (the view shows it incomplete).
template <class Request, class Result, class Compute, class Notify>
void serveNewestRequest(WorkerThread* thread, const std::atomic<quint64>* latest,
                        Mailbox<Request>* inbox, Mailbox<Result>* outbox, bool classificationOnly,
                        Compute compute, Notify notify) {
    const auto fence = thread->enter();
    std::optional<Request> r = inbox->takeLatest();
    if (!r) return;
    const quint64 gen = r->generation;
    auto cancelled = [latest, gen] { return latest->load() != gen; };
    if (cancelled()) return;
    Result out;
    if (r->prepare(classificationOnly)) {
        out = compute(*r, cancelled);
        if (cancelled()) return;
    }
    out.generation = gen;
    outbox->post(std::move(out));
    notify();
}

// The GUI side's generations: request() numbers a request and supersedes the one that runs,
// cancel() drops whatever is to come, takeCurrent() returns the newest request's results.
template <class Worker, class Request, class Result>
class NewestRequestHost {
  public:
    template <class Owner>
    NewestRequestHost(const QString& threadName, Owner* owner, void (Owner::*onPosted)())
        : host_(threadName, owner, onPosted, [this](auto* thread, auto* inbox, auto* outbox) {
              return new Worker(thread, &latest_, inbox, outbox);
          }) {}
    ~NewestRequestHost() {
        latest_.store(~quint64(0));  // cancels what runs
        host_.stop();
    }
    quint64 request(Request r) {
        r.generation = ++generation_;
        latest_.store(r.generation);
        const quint64 gen = r.generation;
        host_.replace(std::move(r));
        return gen;
    }
    void cancel() { latest_.store(++generation_); }
    template <class Emit>
    void drain(Emit emitResult) {
        for (Result& r : host_.takeAll())
            if (r.generation == generation_) emitResult(r);
    }

  private:
    std::atomic<quint64> latest_{0};
    quint64 generation_ = 0;
    WorkerHost<Worker, Request, Result> host_;
};

}  // namespace equilab
