#include "ui/training/training_curves_view.h"

#include <qcustomplot.h>

#include <functional>

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
        case TrainingCurvesView::Quantity::BackwardResidual:
            return QObject::tr("Backward residual (×: missed its tolerance)");
        case TrainingCurvesView::Quantity::Rho:
            return QObject::tr("ρ(J) at the fixed points (estimate)");
    }
    return {};
}

}  // namespace

QStringList TrainingCurvesView::runLabels(const std::vector<TrainingConfig>& configs) {
    using Field = std::function<QString(const TrainingConfig&)>;
    const std::vector<Field> fields = {
        [](const TrainingConfig& c) {
            return QString::fromStdString(toString(c.trainer.hypergrad.method));
        },
        [](const TrainingConfig& c) {
            return QString::fromStdString(toString(c.trainer.parametrization.kind));
        },
        [](const TrainingConfig& c) {
            return QStringLiteral("lr %1").arg(c.trainer.optimizer.learning_rate);
        },
        [](const TrainingConfig& c) {
            return QString::fromStdString(toString(c.trainer.optimizer.kind));
        },
        [](const TrainingConfig& c) { return QStringLiteral("T=%1").arg(c.trainer.hypergrad.T); },
        [](const TrainingConfig& c) { return QStringLiteral("K=%1").arg(c.trainer.hypergrad.K); },
        [](const TrainingConfig& c) { return QString::fromStdString(c.data.dataset); },
        [](const TrainingConfig& c) { return QStringLiteral("hidden %1").arg(c.trainer.hidden); },
        [](const TrainingConfig& c) { return QStringLiteral("%1 steps").arg(c.trainer.steps); },
        [](const TrainingConfig& c) { return QStringLiteral("seed %1").arg(c.trainer.seed); },
        [](const TrainingConfig& c) {
            return QStringLiteral("batch %1").arg(c.trainer.batch_size);
        },
        [](const TrainingConfig& c) {
            return QStringLiteral("radius %1").arg(c.trainer.parametrization.radius);
        },
        [](const TrainingConfig& c) {
            return c.float32 ? QStringLiteral("float32") : QStringLiteral("float64");
        },
    };
    std::vector<size_t> differing;
    for (size_t f = 0; f < fields.size(); ++f)
        for (const TrainingConfig& c : configs)
            if (fields[f](c) != fields[f](configs.front())) {
                differing.push_back(f);
                break;
            }
    if (differing.empty()) differing = {0, 1, 2};  // method, parametrization, learning rate
    QStringList out;
    for (size_t k = 0; k < configs.size(); ++k) {
        QStringList parts;
        for (size_t f : differing) parts << fields[f](configs[k]);
        out << tr("run %1: %2").arg(k + 1).arg(parts.join(QStringLiteral(", ")));
    }
    return out;
}

QColor TrainingCurvesView::runColor(int index) {
    // The palette without its grey (reference lines are grey).
    static const int order[] = {0, 3, 2, 1, 4, 9, 6, 5, 8};
    return seriesColor(order[index % 9]);
}

void TrainingCurvesView::relabel() {
    if (!controller_) return;
    std::vector<TrainingConfig> configs;
    std::vector<int> ids;
    for (const TrainingRun& r : controller_->runs())
        if (graphs_.count(r.id)) {
            configs.push_back(r.config);
            ids.push_back(r.id);
        }
    const QStringList labels = runLabels(configs);
    for (size_t k = 0; k < ids.size(); ++k) {
        Graphs& g = graphs_[ids[k]];
        const QColor color = runColor(static_cast<int>(k));
        g.train->setName(labels[static_cast<int>(k)]);
        g.train->setPen(QPen(color, g.train->pen().widthF()));
        if (g.val) {
            g.val->setName(tr("%1, validation").arg(labels[static_cast<int>(k)]));
            QPen pen = g.val->pen();
            pen.setColor(color);
            g.val->setPen(pen);
            QCPScatterStyle style = g.val->scatterStyle();
            style.setPen(QPen(color));
            g.val->setScatterStyle(style);
        }
    }
}

TrainingCurvesView::TrainingCurvesView(Quantity q, QWidget* parent)
    : PlotView(titleOf(q), parent), q_(q) {
    static const char* names[] = {"training_loss",
                                  "training_accuracy",
                                  "training_norm_A",
                                  "training_forward_residual",
                                  "training_backward_residual",
                                  "training_rho"};
    setObjectName(names[static_cast<int>(q)]);
    static const char* ylabels[] = {"cross-entropy",
                                    "accuracy",
                                    "‖A‖₂",
                                    "max ‖wₜ − wₜ₋₁‖ at t = T",
                                    "relative backward residual",
                                    "max ρ(diag(1 − w²) A), power iteration"};
    setAxisLabels(tr("step"), tr(ylabels[static_cast<int>(q)]));
    setLogY(logScale());
    setEmptyText(tr("No training runs yet.\nPress Start in the Training dock."));
    // Axes that mean something before the first run.
    plot()->xAxis->setRange(0, 100);
    if (q == Quantity::Accuracy) plot()->yAxis->setRange(0, 1.02);
    if (q == Quantity::NormA) plot()->yAxis->setRange(0, 1.05);
}

bool TrainingCurvesView::logScale() const {
    return q_ == Quantity::Loss || q_ == Quantity::ForwardResidual ||
           q_ == Quantity::BackwardResidual;
}

void TrainingCurvesView::setController(TrainingController* c) {
    controller_ = c;
    connect(c, &TrainingController::runUpdated, this, &TrainingCurvesView::update);
    connect(c, &TrainingController::runFinished, this, &TrainingCurvesView::update);
    connect(c, &TrainingController::runsCleared, this, &TrainingCurvesView::clear);
    // The curves grow while a run trains: "training …" until it ends.
    connect(c, &TrainingController::runningChanged, this, [this](bool running) {
        setPendingText(running ? tr("training… (the curves grow with each step)") : QString());
    });
}

void TrainingCurvesView::clear() {
    for (auto& [id, g] : graphs_) {
        if (controller_ && controller_->run(id)) continue;  // still kept
        plot()->removeGraph(g.train);
        if (g.val) plot()->removeGraph(g.val);
    }
    for (auto it = graphs_.begin(); it != graphs_.end();)
        it = controller_ && controller_->run(it->first) ? std::next(it) : graphs_.erase(it);
    relabel();  // the runs kept are numbered from 1 again
    requestReplot();
}

void TrainingCurvesView::update(int runId) {
    const TrainingRun* r = controller_->run(runId);
    if (!r) return;
    Graphs& g = graphs_[runId];
    if (!g.train) {
        g.train = plot()->addGraph();
        g.train->setPen(QPen(Qt::black, 1.8));
        if (q_ == Quantity::Loss || q_ == Quantity::Accuracy) {
            g.val = plot()->addGraph();
            g.val->setPen(QPen(Qt::black, 1.4, Qt::DashLine));
            g.val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
            g.val->removeFromLegend();
        }
        if (q_ == Quantity::BackwardResidual) {  // the steps that missed their tolerance
            g.val = plot()->addGraph();
            g.val->setLineStyle(QCPGraph::lsNone);
            g.val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, 7));
            g.val->removeFromLegend();
        }
        relabel();  // a new run may change what sets the runs apart
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
            case Quantity::BackwardResidual:  // −1: the method solves nothing (nothing drawn)
                train = s.backward_residual;
                if (!s.backward_converged) val = s.backward_residual;
                break;
            case Quantity::Rho:
                train = s.rho_estimate;
                break;
        }
        // Nothing non-finite (or non-positive on a log axis) reaches the plot.
        const bool log = logScale();
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
