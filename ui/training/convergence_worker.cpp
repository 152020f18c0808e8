#include "ui/training/convergence_worker.h"

#include <QElapsedTimer>

namespace equilab {

void ConvergenceWorker::processRequests() {
    const auto fence = thread_->enter();
    // Only the newest request matters; older ones were superseded.
    if (auto r = inbox_->takeLatest()) run(*r);
}

void ConvergenceWorker::post(ConvergenceEvent e) {
    outbox_->post(std::move(e));
    emit posted();
}

void ConvergenceWorker::run(const ConvergenceRequest& r) {
    Dataset data = r.data;
    if (data.size() == 0) {
        DatasetSplit all;
        std::string why;
        if (!loadTrainingData(r.spec, &all, &why)) {
            post(ConvergenceFailed{r.id, QString::fromStdString(why)});
            return;
        }
        data = r.split == "train" ? all.train : r.split == "validation" ? all.validation : all.test;
    }
    QElapsedTimer lastPost;
    lastPost.start();
    DatasetConvergence result;
    std::string why;
    const bool ok = evaluateDataset(r.params, data, r.options, &result, &why, [&](double f) {
        if (lastPost.elapsed() >= 100) {
            post(ConvergenceProgress{r.id, f});
            lastPost.restart();
        }
        return cancelBelow_->load() <= r.id;
    });
    if (!ok) {
        post(ConvergenceFailed{r.id, QString::fromStdString(why)});
        return;
    }
    post(ConvergenceDone{r.id, std::move(data), std::move(result)});
}

ConvergenceController::ConvergenceController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-dataset-convergence"), this, &ConvergenceController::drain,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new ConvergenceWorker(thread, &cancelBelow_, inbox, outbox);
            }) {}

ConvergenceController::~ConvergenceController() {
    cancelBelow_.store(1 << 30);
    host_.stop();
}

int ConvergenceController::request(ConvergenceRequest r) {
    r.id = nextId_++;
    current_ = r.id;
    cancelBelow_.store(r.id);  // stops any older evaluation at its next progress check
    host_.replace(std::move(r));
    if (!busy_) {
        busy_ = true;
        emit busyChanged(true);
    }
    return current_;
}

void ConvergenceController::cancel() {
    cancelBelow_.store(nextId_);
    if (busy_) {
        busy_ = false;
        emit busyChanged(false);
    }
    current_ = 0;
}

void ConvergenceController::drain() {
    for (ConvergenceEvent& e : host_.takeAll()) {
        if (auto* p = std::get_if<ConvergenceProgress>(&e)) {
            if (p->id == current_) emit progress(p->fraction);
        } else if (auto* d = std::get_if<ConvergenceDone>(&e)) {
            if (d->id != current_) continue;
            busy_ = false;
            emit busyChanged(false);
            emit finished(d->data, d->result);
        } else if (auto* f = std::get_if<ConvergenceFailed>(&e)) {
            if (f->id != current_) continue;
            busy_ = false;
            emit busyChanged(false);
            emit failed(f->message);
        }
    }
}

}  // namespace equilab
