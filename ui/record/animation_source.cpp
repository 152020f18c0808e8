#include "ui/record/animation_source.h"

#include <qcustomplot.h>

#include <QObject>

#include <cmath>

#include "ui/training/training_controller.h"
#include "ui/views/convergence_view.h"
#include "ui/views/orbit_view.h"
#include "ui/views/phase_view.h"
#include "ui/views/trajectory_view.h"

namespace equilab {
namespace {

// round(i · span / (n − 1)) for frame i of n: 0 at the first frame, span at the last.
int spread(int i, int n, int span) {
    return n <= 1 ? span : static_cast<int>(std::lround(static_cast<double>(i) * span / (n - 1)));
}

class PlaybackSource : public AnimationSource {
  public:
    PlaybackSource(PlotView* v, int last, int restoreCursor)
        : view_(v), last_(last), restore_(restoreCursor) {}
    PlotView* view() const override { return view_; }
    bool showFrame(int i, int n) override {
        setCursor(spread(i, n, last_));
        return true;
    }
    void restore() override { setCursor(restore_); }

  private:
    void setCursor(int k) {
        if (auto* t = qobject_cast<TrajectoryView*>(view_)) t->setCursor(k);
        if (auto* p = qobject_cast<PhaseView*>(view_)) p->setCursor(k);
        if (auto* c = qobject_cast<ConvergenceView*>(view_)) c->setCursor(k);
    }
    PlotView* view_;
    int last_, restore_;
};

// Reveals the orbit diagram's points column by column (the view's own drawing, filtered): the
// graph with the most points holds the diagram; the dashed verdict lines appear once passed.
class OrbitSource : public AnimationSource {
  public:
    explicit OrbitSource(OrbitView* v) : view_(v) {
        QCustomPlot* plot = v->plot();
        for (int g = 0; g < plot->graphCount(); ++g)
            if (!points_ || plot->graph(g)->dataCount() > points_->dataCount())
                points_ = plot->graph(g);
        if (points_) {
            all_ = QSharedPointer<QCPGraphDataContainer>::create();
            all_->add(*points_->data());
        }
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)))
                lines_.push_back({line, line->visible()});
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
                if (text->position->typeX() == QCPItemPosition::ptPlotCoords)
                    labels_.push_back({text, text->visible()});
        from_ = plot->xAxis->range().lower;
        to_ = plot->xAxis->range().upper;
    }
    PlotView* view() const override { return view_; }
    bool showFrame(int i, int n) override {
        if (!points_) return true;
        const double upTo = n <= 1 ? to_ : from_ + (to_ - from_) * i / (n - 1);
        auto shown = QSharedPointer<QCPGraphDataContainer>::create();
        for (auto it = all_->constBegin(); it != all_->constEnd(); ++it) {
            if (it->key > upTo && i < n - 1) break;  // sorted by key
            shown->add(*it);
        }
        points_->setData(shown);
        for (auto& [line, visible] : lines_)
            line->setVisible(visible && line->point1->coords().x() <= upTo);
        for (auto& [text, visible] : labels_)
            text->setVisible(visible && text->position->coords().x() <= upTo);
        return true;
    }
    void restore() override {
        if (points_) points_->setData(all_);
        for (auto& [line, visible] : lines_) line->setVisible(visible);
        for (auto& [text, visible] : labels_) text->setVisible(visible);
        view_->requestReplot();
    }

  private:
    OrbitView* view_;
    QCPGraph* points_ = nullptr;
    QSharedPointer<QCPGraphDataContainer> all_;
    std::vector<std::pair<QCPItemStraightLine*, bool>> lines_;
    std::vector<std::pair<QCPItemText*, bool>> labels_;
    double from_ = 0, to_ = 1;
};

class TrainingSource : public AnimationSource {
  public:
    TrainingSource(PlotView* v, TrainingController* c) : view_(v), controller_(c) {}
    bool start(const TrainingConfig& config, QString* error) {
        if (!controller_->start(config, error)) return false;
        controller_->setPaused(true);  // before the worker's first step: it waits after step 1
        pace_ = controller_->stepsPerSecond();
        controller_->setStepsPerSecond(0);  // a watchable pace would snapshot every step
        run_ = controller_->runs().back().id;
        total_ = controller_->runs().back().total;
        given_ = 1;
        return true;
    }
    PlotView* view() const override { return view_; }
    bool showFrame(int i, int n) override {
        const TrainingRun* r = controller_->run(run_);
        if (!r) {
            failure_ = QObject::tr("the training run was cleared");
            return false;
        }
        const int target = 1 + spread(i, n, total_ - 1);
        const int at = r->records.empty() ? 0 : r->records.back().step;
        if (r->status != TrainStatus::Running && at < target) {
            failure_ = QObject::tr("training stopped at step %1 of %2: %3")
                           .arg(at)
                           .arg(total_)
                           .arg(r->message);
            return false;
        }
        for (; given_ < target; ++given_) controller_->stepOnce();  // one token a step
        const TrainingSnapshot& s = controller_->lastSnapshot();
        return at == target && s.run == run_ && s.step == target;
    }
    QString failure() const override { return failure_; }
    void restore() override {
        controller_->setStepsPerSecond(pace_);
        const TrainingRun* r = controller_->run(run_);
        if (r && r->status == TrainStatus::Running) {
            // Recorded to the end: let the run finish; cancelled: stop it.
            if (!r->records.empty() && r->records.back().step >= total_)
                controller_->setPaused(false);
            else
                controller_->stop();
        }
    }

  private:
    PlotView* view_;
    TrainingController* controller_;
    int run_ = 0, total_ = 0, given_ = 0;
    double pace_ = 0;
    QString failure_;
};

}  // namespace

std::unique_ptr<AnimationSource> makePlaybackSource(PlotView* view, int last, int restoreCursor) {
    if (!qobject_cast<TrajectoryView*>(view) && !qobject_cast<PhaseView*>(view) &&
        !qobject_cast<ConvergenceView*>(view))
        return nullptr;
    return std::make_unique<PlaybackSource>(view, std::max(0, last), restoreCursor);
}

std::unique_ptr<AnimationSource> makeOrbitSource(PlotView* view) {
    auto* orbit = qobject_cast<OrbitView*>(view);
    if (!orbit) return nullptr;
    return std::make_unique<OrbitSource>(orbit);
}

std::unique_ptr<AnimationSource> makeTrainingSource(PlotView* view, TrainingController* controller,
                                                    const TrainingConfig& config, QString* error) {
    auto source = std::make_unique<TrainingSource>(view, controller);
    if (!source->start(config, error)) return nullptr;
    return source;
}

}  // namespace equilab
