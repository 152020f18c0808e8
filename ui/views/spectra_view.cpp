#include "ui/views/spectra_view.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace equilab {
namespace {

QCPCurve* circle(QCustomPlot* plot, double r, const QPen& pen, const QString& name) {
    auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
    QVector<double> t, x, y;
    for (int k = 0; k <= 256; ++k) {
        const double a = 2 * M_PI * k / 256;
        t.append(k);
        x.append(r * std::cos(a));
        y.append(r * std::sin(a));
    }
    c->setData(t, x, y, true);
    c->setPen(pen);
    c->setName(name);
    return c;
}

QCPGraph* eigenvalues(QCustomPlot* plot, const ComplexVector& ev, const QColor& color,
                      QCPScatterStyle::ScatterShape shape, const QString& name) {
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(shape, QPen(color, 1.8), QBrush(Qt::NoBrush), 9));
    QVector<double> re, im;
    for (Index i = 0; i < ev.size(); ++i) {
        if (!std::isfinite(ev(i).real()) || !std::isfinite(ev(i).imag())) continue;
        re.append(ev(i).real());
        im.append(ev(i).imag());
    }
    g->setData(re, im);  // not sorted: keys may repeat
    return g;
}

}  // namespace

SpectraView::SpectraView(QWidget* parent) : QWidget(parent) {
    eigen_ = new PlotView(tr("Eigenvalues of A and J"), this);
    eigen_->setObjectName(QStringLiteral("eigenvalues"));
    eigen_->setAxisLabels(tr("Re λ"), tr("Im λ"));
    singular_ = new PlotView(tr("Singular values of A"), this);
    singular_->setObjectName(QStringLiteral("singular_values"));
    singular_->setAxisLabels(tr("index i"), tr("σᵢ(A)"));
    PlotView::setIntegerTicks(singular_->plot()->xAxis);
    QCustomPlot* ep = eigen_->plot();
    connect(eigen_, &PlotView::laidOut, this, &SpectraView::fitEqualAspect);
    connect(ep, &QCustomPlot::mousePress, this, [this] { autoAspect_ = false; });
    connect(ep, &QCustomPlot::mouseWheel, this, [this] { autoAspect_ = false; });
    // σ = 1: above it A alone does not certify a contraction.
    auto* one = new QCPItemStraightLine(singular_->plot());
    one->point1->setCoords(0, 1);
    one->point2->setCoords(1, 1);
    one->setPen(QPen(QColor(200, 60, 60), 1.2, Qt::DashLine));
    certificate_ = new QLabel(this);
    certificate_->setObjectName(QStringLiteral("certificate"));
    certificate_->setWordWrap(true);
    certificate_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    certificate_->setMargin(6);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(eigen_);
    split->addWidget(singular_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(certificate_);
    layout->addWidget(split, 1);
}

void SpectraView::fitEqualAspect() {
    if (!autoAspect_) return;
    QCustomPlot* p = eigen_->plot();
    const QRect r = p->axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0) return;
    p->xAxis->setRange(-extent_, extent_);
    p->yAxis->setRange(-extent_, extent_);
    if (r.width() >= r.height()) {
        p->xAxis->setScaleRatio(p->yAxis, 1.0);
    } else {
        p->yAxis->setScaleRatio(p->xAxis, 1.0);
    }
}

QString SpectraView::certificateText() const {
    return certificate_->text();
}

void SpectraView::setAnalysis(const AnalysisResult& a) {
    if (a.startsReport.message.empty()) return;
    certificate_->setText(certificateHtml_ + QStringLiteral("<br>") +
                          QString::fromStdString(a.startsReport.message).toHtmlEscaped());
}

void SpectraView::setResult(const SolveResult& r) {
    const Certificate& c = r.certificate;
    QStringList checks;
    // The same words as the verdict (describeCheck): an interval or "≤ bound" when the proven
    // bound is wider than the digits shown; "marginal" within kMarginalTolerance of 1.
    for (const CertificateCheck& k : c.checks)
        checks << QStringLiteral("%1 %2")
                      .arg(QString::fromStdString(describeCheck(k)).toHtmlEscaped())
                      .arg(k.holds                                     ? QStringLiteral("< 1 ✓")
                           : k.against_one == AgainstOne::Marginal     ? tr("marginal")
                           : k.against_one == AgainstOne::Undetermined ? tr("undetermined")
                                                                       : QStringLiteral("✗"));
    certificateHtml_ = QStringLiteral("<b>%1</b><br>Picard: %2<br>%3; observed rate %4")
                           .arg(QString::fromStdString(c.text).toHtmlEscaped(),
                                QString::fromStdString(c.dynamics.message).toHtmlEscaped(),
                                checks.join(QStringLiteral(", ")))
                           .arg(c.observed_rate, 0, 'g', 4);
    // The parametrization's own certificate, named (parametrization_certificate.h).
    if (!r.parametrization_certificate.kind.empty())
        certificateHtml_ +=
            QStringLiteral("<br>%1 %2")
                .arg(tr("Parametrization"))
                .arg(QString::fromStdString(r.parametrization_certificate.text).toHtmlEscaped());
    certificate_->setText(certificateHtml_);
    QCustomPlot* p = eigen_->plot();
    p->clearPlottables();
    circle(p, 1.0, QPen(QColor(90, 90, 90), 1.2), tr("unit circle"));
    if (std::isfinite(c.A.norm) && c.A.norm > 0)
        circle(p, c.A.norm, QPen(QColor(200, 60, 60), 1.2, Qt::DashLine),
               tr("|λ| = ‖A‖₂ = %1").arg(c.A.norm, 0, 'g', 3));
    // Above n = kDenseSpectrumUpTo the core computes only the extreme values (Arnoldi, Lanczos);
    // the legend says how many of how many are shown.
    // The legend also says how far to trust them: the largest residual ‖Mv − λv‖/‖M‖, and
    // "approximate" when the partial method fell short and n was too large for the dense one.
    auto label = [this](const QString& name, const Spectrum& sp) {
        QString l = sp.partial ? tr("%1: the %2 of largest |λ| of %3")
                                     .arg(name)
                                     .arg(sp.eigenvalues.size())
                                     .arg(sp.dimension)
                               : name;
        if (sp.eigenvalues.size() > 0) l += tr(", residual ≤ %1").arg(sp.maxResidual(), 0, 'g', 1);
        if (sp.approximate) l += tr(" (approximate)");
        return l;
    };
    eigenvalues(p, c.A.eigenvalues, PlotView::seriesColor(0), QCPScatterStyle::ssCircle,
                label(tr("λ(A)"), c.A));
    eigenvalues(p, c.J.eigenvalues, PlotView::seriesColor(1), QCPScatterStyle::ssCross,
                label(tr("λ(J) at w*"), c.J));
    extent_ =
        std::max({1.05, c.A.norm * 1.05, c.A.spectral_radius * 1.05, c.J.spectral_radius * 1.05});
    if (!std::isfinite(extent_)) extent_ = 1.05;
    autoAspect_ = true;
    fitEqualAspect();
    eigen_->requestReplot();

    QCustomPlot* s = singular_->plot();
    s->clearPlottables();
    auto* bars = new QCPBars(s->xAxis, s->yAxis);
    bars->setName(
        c.A.partial
            ? tr("σᵢ(A): the %1 largest of %2").arg(c.A.singular_values.size()).arg(c.A.dimension)
            : tr("σᵢ(A)"));
    bars->setBrush(PlotView::seriesColor(0));
    bars->setPen(Qt::NoPen);
    QVector<double> idx, sv;
    for (Index i = 0; i < c.A.singular_values.size(); ++i) {
        idx.append(static_cast<double>(i + 1));
        sv.append(c.A.singular_values(i));
    }
    bars->setData(idx, sv, true);
    bars->setWidth(0.8);
    singular_->rescale();
    s->xAxis->setRange(0.3, std::max<double>(idx.size(), 1) + 0.7);
    s->yAxis->setRange(0, std::max(1.1, (sv.isEmpty() ? 1.0 : sv.front()) * 1.1));
    singular_->requestReplot();
}

}  // namespace equilab
