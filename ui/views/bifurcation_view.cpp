#include "ui/views/bifurcation_view.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include "ui/document/document.h"
#include "ui/views/parameter_controls.h"
#include "ui/views/parameter_marks.h"
#include "ui/workers/bifurcation_worker.h"

namespace equilab {

namespace {

// One drawn series kind: period and stability.
QString seriesName(int period, bool stable) {
    const QString what =
        period == 1 ? QObject::tr("fixed points") : QObject::tr("%1-cycles").arg(period);
    return stable ? QObject::tr("%1, stable").arg(what) : QObject::tr("%1, unstable").arg(what);
}

}  // namespace

BifurcationView::BifurcationView(QWidget* parent) : QWidget(parent) {
    controller_ = new BifurcationController(this);
    branches_ = new PlotView(tr("Bifurcation diagram"), this);
    branches_->setObjectName(QStringLiteral("bifurcation"));
    branches_->setEmptyText(tr("Continuing the fixed points…"));
    lyapunov_ = new PlotView(tr("Lyapunov exponents"), this);
    lyapunov_->setObjectName(QStringLiteral("bifurcation_lyapunov"));
    lyapunov_->setEmptyText(tr("Lyapunov exponents follow the branches…"));
    // No legend: λ₁ ≥ λ₂ by definition, so the upper curve is λ₁ (the axis label says so).
    lyapunov_->setLegendPlacement(PlotView::LegendPlacement::Hidden);
    specials_ = branches_->plot()->addGraph();
    specials_->setName(tr("special points"));
    specials_->setLineStyle(QCPGraph::lsNone);
    specials_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(200, 40, 40), QColor(200, 40, 40), 9));
    // λ = 0 as a series, so that the legend's placement sees it like the exponents.
    zero_ = lyapunov_->plot()->addGraph();
    zero_->setName(tr("λ = 0"));
    zero_->setPen(QPen(Qt::gray, 1, Qt::DotLine));
    zero_->removeFromLegend();

    controls_ = new ParameterControls(QStringLiteral("bifurcation"),
                                      tr("The parameter the branches are continued in"), this);
    marks_ = std::make_unique<ParameterMarks>(branches_, QPen(QColor(200, 40, 40), 1, Qt::DotLine),
                                              QColor(200, 40, 40), kMaxLabels);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("bifurcationStatus"));
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    // One line: a wrapped status would grow the window's minimum height as results arrive.
    status_->setWordWrap(false);
    status_->setToolTip(
        tr("Double-click a branch or the exponents to load that parameter value "
           "into the explorer (one undo step)."));
    status_->setContentsMargins(6, 0, 6, 0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(controls_);
    layout->addWidget(status_);
    layout->addWidget(branches_, 3);
    layout->addWidget(lyapunov_, 2);
    connect(controls_, &ParameterControls::edited, this, &BifurcationView::controlsEdited);
    connect(controller_, &BifurcationController::updated, this, &BifurcationView::redraw);
    for (PlotView* v : {branches_, lyapunov_})
        connect(v->plot(), &QCustomPlot::mouseDoubleClick, this,
                [this, v](QMouseEvent* e) { clicked(v, e); });
}

BifurcationView::~BifurcationView() = default;

void BifurcationView::setDocument(Document* doc) {
    doc_ = doc;
    from_ = doc->viewSettings().sweep_min;
    to_ = doc->viewSettings().sweep_max;
    connect(doc, &Document::scenarioChanged, this, &BifurcationView::documentChanged);
    documentChanged();
}

bool BifurcationView::setParameter(OrbitParameter parameter, int index, double from, double to,
                                   int component, QString* error) {
    QString why;
    if (!(from < to) || !std::isfinite(from) || !std::isfinite(to))
        why = tr("the range needs from < to");
    if (doc_) {
        const Model& m = doc_->scenario().model;
        if (component < 0 || component >= m.hiddenDim())
            why = tr("no component w%1").arg(component + 1);
        if ((parameter == OrbitParameter::EntryC && (index < 0 || index >= m.hiddenDim())) ||
            (parameter == OrbitParameter::EntryX && (index < 0 || index >= m.inputDim())))
            why = tr("no entry %1").arg(index + 1);
    }
    if (!why.isEmpty()) {
        if (error) *error = why;
        return false;
    }
    parameter_ = parameter;
    index_ = index;
    from_ = from;
    to_ = to;
    component_ = component;
    stale_ = true;
    syncControls();
    if (isVisible())
        recompute();
    else
        controller_->cancel();  // stale: computed again when shown or by ensureComputed()
    return true;
}

void BifurcationView::documentChanged() {
    fitParameterToModel(doc_->scenario().model, &parameter_, &index_, &component_);
    stale_ = true;
    syncControls();
    if (isVisible())
        recompute();
    else
        controller_->cancel();  // stale: computed again when shown or by ensureComputed()
}

void BifurcationView::syncControls() {
    if (!doc_) return;
    controls_->sync(doc_->scenario().model, parameter_, index_, from_, to_, component_,
                    doc_->viewSettings().sweep_min, doc_->viewSettings().sweep_max);
}

void BifurcationView::controlsEdited() {
    if (!doc_) return;
    QString error;
    if (!setParameter(controls_->parameter(), controls_->index(), controls_->from(),
                      controls_->to(), controls_->component(), &error))
        status_->setText(error);
}

void BifurcationView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    ensureComputed();
}

void BifurcationView::ensureComputed() {
    if (stale_ && doc_) recompute();
}

bool BifurcationView::isComplete() const {
    return !stale_ && controller_->diagram().complete;
}

void BifurcationView::recompute() {
    const Scenario& s = doc_->scenario();
    BifurcationRequest r;
    r.model = s.effectiveModel();
    r.x = s.x;
    r.w0 = s.startingPoint();
    r.parameter = parameter_;
    r.index = index_;
    r.p_min = from_;
    r.p_max = to_;
    r.component = component_;
    r.lyapunov.transient = 500;
    r.lyapunov.steps = 1000;
    QString error;
    if (!controller_->request(r, &error)) {
        status_->setText(error);
        return;
    }
    stale_ = false;
    branches_->setPendingText(tr("computing the branches…"));
    lyapunov_->setPendingText(tr("computing the Lyapunov exponents…"));
}

QString BifurcationView::parameterName() const {
    switch (parameter_) {
        case OrbitParameter::ScaleA:
            return tr("s");
        case OrbitParameter::DriveScale:
            return tr("p");
        case OrbitParameter::EntryC:
            return tr("c%1").arg(index_ + 1);
        case OrbitParameter::EntryX:
            return tr("x%1").arg(index_ + 1);
    }
    return QString();
}

QStringList BifurcationView::specialLabels() const {
    return marks_->labels();
}

void BifurcationView::redraw() {
    const QString axis =
        parameter_ == OrbitParameter::ScaleA || parameter_ == OrbitParameter::DriveScale
            ? parameterAxisLabel(parameter_, index_)
            : parameterName();
    branches_->setAxisLabels(axis, tr("w%1 on the branch").arg(component_ + 1));
    branches_->setTitle(tr("Branches of fixed points over %1").arg(parameterName()));
    lyapunov_->setAxisLabels(axis, doc_ && doc_->scenario().hiddenDim() >= 2
                                       ? tr("λ₁ (upper), λ₂ per step")
                                       : tr("λ₁ per step"));
    lyapunov_->setTitle(tr("Lyapunov exponents of Picard's orbit over %1").arg(parameterName()));
    drawBranches();
    drawLyapunov();
    const BifurcationDiagram& d = controller_->diagram();
    if (d.complete) {
        // Below a second in ms (a 2-D map's 100 points take under 1 ms: "0.00 s" said nothing).
        const double secs = d.continuationSeconds;
        const QString took =
            secs < 1 ? tr("%1 ms").arg(1000 * secs, 0, 'g', 3) : tr("%1 s").arg(secs, 0, 'f', 2);
        status_->setText(
            tr("%1 points in %2 (%3 points/s), %4 special point(s), %5 Lyapunov columns; "
               "double-click loads a value")
                .arg(d.points.size())
                .arg(took)
                .arg(d.continuationSeconds > 0 ? d.points.size() / d.continuationSeconds : 0.0, 0,
                     'g', 3)
                .arg(d.specials.size())
                .arg(d.lyapunov.size()));
    } else {
        status_->setText(controller_->isBusy() ? tr("computing: %1 points, %2 Lyapunov columns…")
                                                     .arg(d.points.size())
                                                     .arg(d.lyapunov.size())
                                               : QString());
    }
    const bool pending = !d.complete && controller_->isBusy();
    branches_->setPendingText(pending ? tr("computing: %1 points…").arg(d.points.size())
                                      : QString());
    lyapunov_->setPendingText(pending ? tr("computing: %1 columns…").arg(d.lyapunov.size())
                                      : QString());
    branches_->requestReplot();
    lyapunov_->requestReplot();
}

void BifurcationView::drawBranches() {
    QCustomPlot* plot = branches_->plot();
    for (int i = plot->plottableCount() - 1; i >= 0; --i)
        if (qobject_cast<QCPCurve*>(plot->plottable(i))) plot->removePlottable(i);
    const BifurcationDiagram& d = controller_->diagram();
    std::map<QString, bool> inLegend;
    // Runs of points of one branch and one stability, joined at the boundary point.
    auto stableOf = [](const BifurcationPoint* q) { return q->stable && !q->marginal; };
    auto flush = [&](const std::vector<const BifurcationPoint*>& run) {
        if (run.size() < 2) return;
        const bool stable = stableOf(run.front());
        const int period = run.front()->period;
        const QString name = seriesName(period, stable);
        for (size_t j = 0; j < run.front()->values.size(); ++j) {
            auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
            c->setName(name);
            c->setPen(QPen(PlotView::seriesColor(period == 1 ? 0 : 1), stable ? 2.2 : 1.6,
                           stable ? Qt::SolidLine : Qt::DashLine));
            QVector<double> t, x, y;
            for (const BifurcationPoint* q : run) {
                if (j >= q->values.size()) continue;
                t.append(t.size());
                x.append(q->p);
                y.append(q->values[j]);
            }
            c->setData(t, x, y, true);
            if (inLegend[name]) c->removeFromLegend();
            inLegend[name] = true;
        }
    };
    std::vector<const BifurcationPoint*> run;
    std::deque<BifurcationPoint> synthetic;  // boundaries at special points (stable addresses)
    for (const BifurcationPoint& p : d.points) {
        if (!run.empty() && run.back()->branch != p.branch) {
            flush(run);
            run.clear();
        }
        if (!run.empty() && stableOf(run.front()) != stableOf(&p)) {
            // The boundary: the located special point between the two when there is one
            // (period 1), else the new point; it ends this run and starts the next.
            const BifurcationPoint* boundary = &p;
            const double lo = std::min(run.back()->p, p.p), hi = std::max(run.back()->p, p.p);
            for (const SpecialPoint& sp : d.specials)
                if (p.period == 1 && sp.period == 1 && sp.branch == p.branch && sp.p >= lo &&
                    sp.p <= hi && sp.w.size() > component_) {
                    BifurcationPoint b = p;
                    b.p = sp.p;
                    b.values = {sp.w(component_)};
                    synthetic.push_back(b);
                    boundary = &synthetic.back();
                    break;
                }
            run.push_back(boundary);
            flush(run);
            run.clear();
            if (boundary != &p) run.push_back(boundary);
        }
        run.push_back(&p);
    }
    flush(run);
    // Special points: a marker on the branch, a dotted line and a label beside it, placed after
    // each layout where it covers no data (ParameterMarks). A
    // point found on several branches (the same label: type, period and parameter to the 4
    // digits shown, as the NS of a rotation block two branches share) is marked on each and
    // labelled once.
    QVector<double> keys, values;
    QStringList labelled;
    for (const SpecialPoint& sp : d.specials) {
        const QString text = QStringLiteral("%1%2 %3 = %4")
                                 .arg(QString::fromLatin1(specialPointLabel(sp.type)))
                                 .arg(sp.period > 1 ? tr(" (period %1)").arg(sp.period) : QString())
                                 .arg(parameterName())
                                 .arg(sp.p, 0, 'g', 4);
        const bool repeat = labelled.contains(text);
        if (!repeat && labelled.size() == kMaxLabels) break;
        keys.append(sp.p);
        values.append(sp.w.size() > component_ ? sp.w(component_) : std::nan(""));
        if (repeat) continue;
        marks_->mark(static_cast<int>(labelled.size()), sp.p, text);
        labelled << text;
    }
    marks_->hideFrom(static_cast<int>(labelled.size()));
    specials_->setData(keys, values, true);
    plot->xAxis->setRange(from_, to_);
    plot->yAxis->setRange(-1.05, 1.05);  // tanh: every point lies in (−1, 1)
}

void BifurcationView::drawLyapunov() {
    QCustomPlot* plot = lyapunov_->plot();
    const BifurcationDiagram& d = controller_->diagram();
    const int count =
        d.lyapunov.empty() ? 0 : static_cast<int>(d.lyapunov.front().spectrum.exponents.size());
    zero_->setData(QVector<double>{from_, to_}, QVector<double>{0, 0}, true);
    while (plot->graphCount() < count + 1) {
        QCPGraph* g = plot->addGraph();
        const int k = plot->graphCount() - 1;
        g->setName(tr("λ%1").arg(k));
        g->setPen(QPen(PlotView::seriesColor(k + 1), 1.6));
    }
    double lo = 0, hi = 0;
    for (int k = 0; k + 1 < plot->graphCount(); ++k) {
        QVector<double> x, y;
        for (const LyapunovColumn& c : d.lyapunov) {
            if (static_cast<int>(c.spectrum.exponents.size()) <= k) continue;
            const double v = c.spectrum.exponents[static_cast<size_t>(k)];
            x.append(c.p);
            y.append(std::isfinite(v) ? v : std::nan(""));
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        plot->graph(k + 1)->setData(x, y, true);
    }
    plot->xAxis->setRange(from_, to_);
    // Very negative exponents (a superstable point: −∞) would squash the band near 0.
    lo = std::max(lo, -4.0);
    const double span = std::max(0.2, hi - lo);
    plot->yAxis->setRange(lo - 0.08 * span, hi + 0.08 * span);
}

void BifurcationView::clicked(PlotView* view, QMouseEvent* event) {
    const double p = view->plot()->xAxis->pixelToCoord(event->position().x());
    if (!(p >= from_ && p <= to_)) return;
    // The nearest computed parameter value (a point of a branch or a Lyapunov column).
    const BifurcationDiagram& d = controller_->diagram();
    double best = p, distance = 1e300;
    if (view == branches_) {
        const double y = view->plot()->yAxis->pixelToCoord(event->position().y());
        for (const BifurcationPoint& b : d.points)
            for (double v : b.values) {
                const double dx = view->plot()->xAxis->coordToPixel(b.p) - event->position().x();
                const double dy =
                    view->plot()->yAxis->coordToPixel(v) - view->plot()->yAxis->coordToPixel(y);
                const double dist = std::hypot(dx, dy);
                if (dist < distance) {
                    distance = dist;
                    best = b.p;
                }
            }
        if (distance > 12) return;
    }
    loadParameter(best);
}

void BifurcationView::loadParameter(double p) {
    if (!doc_) return;
    Scenario s = doc_->scenario();
    QString text;
    switch (parameter_) {
        case OrbitParameter::ScaleA:
            s.model.A *= p;
            text = tr("Load scale s = %1 from the bifurcation diagram").arg(p, 0, 'g', 6);
            break;
        case OrbitParameter::DriveScale:
            s.model.B *= p;
            s.model.c *= p;
            text = tr("Load drive scale %1 from the bifurcation diagram").arg(p, 0, 'g', 6);
            break;
        case OrbitParameter::EntryC:
            s.model.c(index_) = p;
            text =
                tr("Load c%1 = %2 from the bifurcation diagram").arg(index_ + 1).arg(p, 0, 'g', 6);
            break;
        case OrbitParameter::EntryX:
            s.x(index_) = p;
            text =
                tr("Load x%1 = %2 from the bifurcation diagram").arg(index_ + 1).arg(p, 0, 'g', 6);
            break;
    }
    doc_->setScenario(s, text);
}

}  // namespace equilab
