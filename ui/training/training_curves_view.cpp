#include "ui/training/training_curves_view.h"

#include <qcustomplot.h>

#include "ui/training/training_controller.h"

namespace equilab {
namespace {

QString titleOf(TrainingCurvesView::Quantity q) {
    switch (q) {
        case TrainingCurvesView::Quantity::Loss:
            return QObject::tr("Loss (solid: training, dashed: validation)");
        case TrainingCurvesView::Quantity::Accuracy:
            return QObject::tr("Accuracy (solid: training, dashed: validation)");
        case TrainingCurvesView::Quantity::NormA:
            return QObject::tr("‖A‖₂ after each step");
        case TrainingCurvesView::Quantity::ForwardResidual:
            return QObject::tr("Forward residual after T iterations");
    }
    return {};
}

}  // namespace

TrainingCurvesView::TrainingCurvesView(Quantity q, QWidget* parent)
    : PlotView(titleOf(q), parent), q_(q) {
    static const char* names[] = {"training_loss", "training_accuracy", "training_norm_A",
                                  "training_forward_residual"};
    setObjectName(names[static_cast<int>(q)]);
    static const char* ylabels[] = {"cross-entropy", "accuracy", "‖A‖₂",
                                    "max ‖wₜ − wₜ₋₁‖ at t = T"};
    setAxisLabels(tr("step"), tr(ylabels[static_cast<int>(q)]));
    setLogY(q == Quantity::Loss || q == Quantity::ForwardResidual);
    setEmptyText(tr("No training runs yet.\nPress Start in the Training dock."));
    // Axes that mean something before the first run.
    plot()->xAxis->setRange(0, 100);
    if (q == Quantity::Accuracy) plot()->yAxis->setRange(0, 1.02);
    if (q == Quantity::NormA) plot()->yAxis->setRange(0, 1.05);
}

void TrainingCurvesView::setController(TrainingController* c) {
    controller_ = c;
    connect(c, &TrainingController::runUpdated, this, &TrainingCurvesView::update);
    connect(c, &TrainingController::runFinished, this, &TrainingCurvesView::update);
    connect(c, &TrainingController::runsCleared, this, &TrainingCurvesView::clear);
}

void TrainingCurvesView::clear() {
    for (auto& [id, g] : graphs_) {
        if (controller_ && controller_->run(id)) continue;  // still kept
        plot()->removeGraph(g.train);
        if (g.val) plot()->removeGraph(g.val);
    }
    for (auto it = graphs_.begin(); it != graphs_.end();)
        it = controller_ && controller_->run(it->first) ? std::next(it) : graphs_.erase(it);
    requestReplot();
}

void TrainingCurvesView::update(int runId) {
    const TrainingRun* r = controller_->run(runId);
    if (!r) return;
    Graphs& g = graphs_[runId];
    if (!g.train) {
        int sameMethod = 0;
        for (const auto& [id, other] : graphs_)
            if (id != runId && controller_->run(id) &&
                controller_->run(id)->config.trainer.hypergrad.method ==
                    r->config.trainer.hypergrad.method)
                ++sameMethod;
        const QColor color =
            methodColor(r->config.trainer.hypergrad.method).lighter(100 + 35 * sameMethod);
        g.train = plot()->addGraph();
        g.train->setName(r->label);
        g.train->setPen(QPen(color, 1.8));
        if (q_ == Quantity::Loss || q_ == Quantity::Accuracy) {
            g.val = plot()->addGraph();
            g.val->setName(tr("run %1 validation").arg(runId));
            g.val->setPen(QPen(color, 1.4, Qt::DashLine));
            g.val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
            g.val->removeFromLegend();
        }
    }
    for (; g.shown < r->records.size(); ++g.shown) {
        const StepRecord& s = r->records[g.shown];
        double train = 0, val = -1;
        switch (q_) {
            case Quantity::Loss:
                train = s.train_loss;
                val = s.val_loss;
                break;
            case Quantity::Accuracy:  // regression runs: RMSE (their accuracy is undefined)
                train = s.train_rmse >= 0 ? s.train_rmse : s.train_accuracy;
                val = s.train_rmse >= 0 ? s.val_rmse : s.val_accuracy;
                break;
            case Quantity::NormA:
                train = s.norm_A;
                break;
            case Quantity::ForwardResidual:
                train = s.forward_residual;
                break;
        }
        // Nothing non-finite (or non-positive on a log axis) reaches the plot.
        const bool log = q_ == Quantity::Loss || q_ == Quantity::ForwardResidual;
        if (std::isfinite(train) && (!log || train > 0)) g.train->addData(s.step, train);
        if (g.val && val >= 0 && std::isfinite(val) && (!log || val > 0))
            g.val->addData(s.step, val);
    }
    rescale();
    if (q_ == Quantity::Accuracy && !(r && r->config.data.regression))
        plot()->yAxis->setRange(0, 1.02);
    requestReplot();
}

}  // namespace equilab
