#include "ui/workers/bifurcation_worker.h"

#include <QElapsedTimer>

#include <algorithm>

#include "core/analysis/periodic_orbit.h"
#include "core/internal/cancellation.h"

namespace equilab {

void BifurcationWorker::processRequests() {
    const auto fence = thread_->enter();
    if (std::optional<BifurcationRequest> r = inbox_->takeLatest()) compute(*r);
}

void BifurcationWorker::compute(const BifurcationRequest& r) {
    auto cancelled = [this, &r] { return latest_->load() != r.generation; };
    QElapsedTimer clock, sincePost;
    clock.start();
    sincePost.start();
    BifurcationEvent pending;
    pending.generation = r.generation;
    auto post = [&](bool force) {
        if (!force && sincePost.elapsed() < 50) return;
        pending.seconds = clock.nsecsElapsed() * 1e-9;
        outbox_->post(std::move(pending));
        emit posted();
        pending = BifurcationEvent{};
        pending.generation = r.generation;
        sincePost.restart();
    };
    const ParameterFamily family = ParameterFamily::from(r.model, r.x, r.parameter, r.index);
    ContinuationOptions o;
    o.p_min = r.p_min;
    o.p_max = r.p_max;
    o.max_step = std::max(0.02, 0.05 * (r.p_max - r.p_min));
    o.initial_step = std::min(0.02, o.max_step);
    // Memory before work: a point keeps w, its tangent and n complex multipliers (~5n doubles),
    // in both directions: at most ~200 MB of points (2000 a direction up to n ≈ 1200).
    const double perPoint = 2 * 5 * 8.0 * static_cast<double>(r.model.hiddenDim() + 1);
    o.max_points = static_cast<int>(std::clamp(2e8 / perPoint, 50.0, 2000.0));
    int offset = 0;  // branches of the continuations before this one
    int period = 1;
    ContinuationCallbacks cb;
    cb.cancelled = cancelled;
    cb.point = [&](int branch, const ContinuationPoint& pt) {
        BifurcationPoint b;
        b.branch = offset + branch;
        b.period = period;
        b.p = pt.p;
        Vector w = pt.w;
        for (int j = 0; j < period; ++j) {
            b.values.push_back(w(r.component));
            w = family.phi(w, pt.p);
        }
        b.stable = pt.stable;
        b.marginal = pt.marginal;
        pending.points.push_back(std::move(b));
        post(false);
    };
    cb.special = [&](const SpecialPoint& sp) {
        SpecialPoint s = sp;
        s.branch += offset;
        pending.specials.push_back(s);
        post(false);
    };
    ContinuationSummary fixed;
    try {
        fixed = continueFixedPoints(family, r.w0, o, cb);
        if (fixed.termination == ContinuationTermination::Cancelled || cancelled()) return;
        offset = static_cast<int>(fixed.branches.size());
        period = 2;
        for (const SpecialPoint& sp : fixed.special_points) {
            if (sp.type != SpecialPointType::Flip) continue;
            const ContinuationSummary two = continuePeriodDoubling(family, sp, o, cb);
            if (two.termination == ContinuationTermination::Cancelled || cancelled()) return;
            offset += static_cast<int>(two.branches.size());
        }
    } catch (const OperationCancelled&) {
        return;
    }
    pending.continuationDone = true;
    pending.message = QString::fromStdString(fixed.message);
    post(true);
    const int count = static_cast<int>(std::min<Index>(2, r.model.hiddenDim()));
    lyapunovSweep(r.model, r.x, r.w0, r.parameter, r.index, r.p_min, r.p_max, r.lyapunov_columns,
                  count, r.lyapunov, cancelled, [&](const LyapunovColumn& c) {
                      pending.lyapunov.push_back(c);
                      post(false);
                  });
    if (cancelled()) return;
    pending.last = true;
    post(true);
}

BifurcationController::BifurcationController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-bifurcation"), this, &BifurcationController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new BifurcationWorker(thread, &latest_, inbox, outbox);
            }) {}

BifurcationController::~BifurcationController() {
    latest_.store(~quint64(0));
    host_.stop();
}

bool BifurcationController::request(const BifurcationRequest& r, QString* error) {
    const Index n = r.model.hiddenDim();
    QString why;
    if (!(r.p_min < r.p_max)) why = tr("the range needs from < to");
    if (r.component < 0 || r.component >= n) why = tr("no component w%1").arg(r.component + 1);
    if ((r.parameter == OrbitParameter::EntryC && (r.index < 0 || r.index >= n)) ||
        (r.parameter == OrbitParameter::EntryX && (r.index < 0 || r.index >= r.model.inputDim())))
        why = tr("no such entry");
    if (r.w0.size() != n || r.x.size() != r.model.inputDim()) why = tr("shapes do not agree");
    std::string lyapunovWhy;
    if (!r.lyapunov.IsValid(&lyapunovWhy)) why = QString::fromStdString(lyapunovWhy);
    if (!why.isEmpty()) {
        if (error) *error = why;
        return false;
    }
    const quint64 gen = ++pending_;
    latest_.store(gen);
    diagram_ = BifurcationDiagram{};
    diagram_.request = r;
    diagram_.request.generation = gen;
    BifurcationRequest sent = r;
    sent.generation = gen;
    host_.replace(std::move(sent));
    setBusy(true);
    emit updated();  // the old diagram is gone
    return true;
}

void BifurcationController::cancel() {
    latest_.store(++pending_);
    setBusy(false);
}

void BifurcationController::setBusy(bool busy) {
    if (busy == busy_) return;
    busy_ = busy;
    emit busyChanged(busy);
}

void BifurcationController::drainOutbox() {
    bool changed = false;
    for (BifurcationEvent& e : host_.takeAll()) {
        if (e.generation != pending_) continue;  // superseded
        for (BifurcationPoint& p : e.points) diagram_.points.push_back(std::move(p));
        for (const SpecialPoint& s : e.specials) diagram_.specials.push_back(s);
        for (LyapunovColumn& c : e.lyapunov) diagram_.lyapunov.push_back(std::move(c));
        if (e.continuationDone) {
            diagram_.continuationDone = true;
            diagram_.continuationSeconds = e.seconds;
            diagram_.message = e.message;
        }
        diagram_.seconds = e.seconds;
        diagram_.complete = e.last;
        changed = true;
    }
    if (!changed) return;
    emit updated();
    if (diagram_.complete) setBusy(false);
}

}  // namespace equilab
