#include "ui/views/sweep_view.h"

#include <qcustomplot.h>

#include <cmath>

#include "ui/views/appearance.h"

namespace equilab {

SweepView::SweepView(QWidget* parent) : PlotView(tr("Scale sweep: s·A"), parent) {
    setObjectName(QStringLiteral("sweep"));
    setAxisLabels(tr("scale s"), tr("Picard iterations to converge"));
    plot()->yAxis2->setVisible(true);
    plot()->yAxis2->setLabel(tr("ρ(J) at the fixed point"));
    auto line = [this](const QColor& c) {
        auto* l = new QCPItemStraightLine(plot());
        l->setPen(QPen(c, 1.4, Qt::DashLine));
        l->setVisible(false);
        return l;
    };
    auto label = [this](const QColor& c) {
        auto* t = new QCPItemText(plot());
        t->setColor(c);
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        t->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        t->setLayer(QStringLiteral("legend"));  // above the series, its box hides them
        t->setVisible(false);
        return t;
    };
    plot()->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    unit_ = line(QColor(90, 90, 90));
    breaks_ = line(QColor(200, 40, 40));
    unitLabel_ = label(QColor(90, 90, 90));
    breaksLabel_ = label(QColor(200, 40, 40));
}

void SweepView::setResult(const SolveResult& result) {
    // The sweep comes with the analysis, seconds after the solve for a large n.
    setPendingText(result.generation > analysisGeneration_ ? tr("computing the scale sweep…")
                                                           : QString());
}

void SweepView::setAnalysis(const AnalysisResult& analysis) {
    analysisGeneration_ = std::max(analysisGeneration_, analysis.generation);
    setPendingText(QString());
    const ScaleSweep& sw = analysis.sweep;
    plot()->clearGraphs();
    QCPGraph* it = plot()->addGraph(plot()->xAxis, plot()->yAxis);
    it->setName(tr("iterations (gaps: no convergence)"));
    it->setPen(QPen(seriesColor(0), 2));
    it->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    QCPGraph* rho = plot()->addGraph(plot()->xAxis, plot()->yAxis2);
    rho->setName(tr("ρ(J) at the fixed point"));
    rho->setPen(QPen(seriesColor(1), 2));
    double maxIt = 1;
    for (size_t k = 0; k < sw.scales.size(); ++k) {
        // A missing point (NaN) breaks the line where the solve did not converge.
        it->addData(sw.scales[k], sw.iterations[k] >= 0 ? sw.iterations[k] : std::nan(""));
        // ρ(J) at a true fixed point, also where Picard does not reach it (NaN: none known).
        rho->addData(sw.scales[k], std::isfinite(sw.rho_J[k]) ? sw.rho_J[k] : std::nan(""));
        maxIt = std::max(maxIt, sw.iterations[k]);
    }
    const bool any = !sw.scales.empty();
    for (QCPItemText* t : {unitLabel_, breaksLabel_})  // readable over the lines, in the theme
        t->setBrush(Appearance::instance().colors().legendBackground);
    unit_->setVisible(any && std::isfinite(sw.unit_at));
    unitLabel_->setVisible(unit_->visible());
    if (unit_->visible()) {
        unit_->point1->setCoords(sw.unit_at, 0);
        unit_->point2->setCoords(sw.unit_at, 1);
        unitLabel_->position->setCoords(sw.unit_at, 0.80);
        unitLabel_->setText(tr(" s‖A‖₂ = 1 (s = %1)").arg(sw.unit_at, 0, 'g', 3));
    }
    breaks_->setVisible(any && std::isfinite(sw.breaks_at));
    breaksLabel_->setVisible(breaks_->visible());
    if (breaks_->visible()) {
        breaks_->point1->setCoords(sw.breaks_at, 0);
        breaks_->point2->setCoords(sw.breaks_at, 1);
        breaksLabel_->position->setCoords(sw.breaks_at, 0.88);
        breaksLabel_->setText(tr(" convergence breaks (s = %1):\n %2")
                                  .arg(sw.breaks_at, 0, 'g', 3)
                                  .arg(QString::fromStdString(describe(sw.breaks_kind))));
    }
    if (any) plot()->xAxis->setRange(sw.scales.front(), sw.scales.back());
    plot()->yAxis->setRange(0, maxIt * 1.1);
    bool found = false;
    const QCPRange rhoRange = rho->getValueRange(found);
    plot()->yAxis2->setRange(0, std::max(1.2, found ? rhoRange.upper * 1.1 : 1.0));
    requestReplot();
}

}  // namespace equilab
