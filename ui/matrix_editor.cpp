#include "matrix_editor.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QSplitter>
#include <QTableView>

#include "matrix_table_model.h"
#include "plot_view.h"

namespace equilab {

MatrixEditor::MatrixEditor(QWidget* parent) : QTabWidget(parent) {
    for (Block b : {Block::A, Block::B, Block::c, Block::x, Block::w0}) {
        auto* model = new MatrixTableModel(b, this);
        auto* table = new QTableView(this);
        table->setObjectName(QStringLiteral("table_") + blockName(b));
        table->setModel(model);
        table->horizontalHeader()->setDefaultSectionSize(72);
        table->verticalHeader()->setDefaultSectionSize(22);
        table->setToolTip(tr("Double-click a cell to edit %1. Entries must be finite numbers with "
                             "magnitude ≤ 1e6; every edit can be undone.").arg(blockName(b)));
        auto* heat = new PlotView(tr("%1").arg(blockName(b)), this);
        heat->setObjectName(QStringLiteral("heatmap_") + blockName(b));
        heat->plot()->legend->setVisible(false);
        heat->plot()->yAxis->setRangeReversed(true);  // row 0 at the top, like the table
        auto* map = new QCPColorMap(heat->plot()->xAxis, heat->plot()->yAxis);
        map->setName(blockName(b));
        // Diverging blue–white–red: zero is white, sign is hue.
        QCPColorGradient gradient;
        gradient.clearColorStops();
        gradient.setColorStopAt(0.0, QColor(33, 102, 172));
        gradient.setColorStopAt(0.5, QColor(247, 247, 247));
        gradient.setColorStopAt(1.0, QColor(178, 24, 43));
        map->setInterpolate(false);
        auto* scale = new QCPColorScale(heat->plot());
        heat->plot()->plotLayout()->addElement(1, 1, scale);
        map->setColorScale(scale);  // adopts the scale's gradient, so set ours afterwards
        map->setGradient(gradient);
        heat->setMinimumWidth(300);
        auto* split = new QSplitter(Qt::Horizontal, this);
        split->addWidget(table);
        split->addWidget(heat);
        split->setStretchFactor(0, 1);
        split->setStretchFactor(1, 1);
        addTab(split, blockName(b));
        pages_.push_back({b, model, table, heat});
        connect(model, &MatrixTableModel::editRejected, this, &MatrixEditor::editRejected);
    }
}

void MatrixEditor::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    for (auto& p : pages_) p.model->setDocument(doc);
    if (doc_) connect(doc_, &Document::scenarioChanged, this, &MatrixEditor::refreshHeatmaps);
    refreshHeatmaps();
}

MatrixTableModel* MatrixEditor::model(Block b) const {
    for (const auto& p : pages_)
        if (p.block == b) return p.model;
    return nullptr;
}

QTableView* MatrixEditor::table(Block b) const {
    for (const auto& p : pages_)
        if (p.block == b) return p.table;
    return nullptr;
}

void MatrixEditor::refreshHeatmaps() {
    if (!doc_) return;
    for (auto& p : pages_) {
        const Matrix M = doc_->blockMatrix(p.block);
        auto* map = static_cast<QCPColorMap*>(p.heatmap->plot()->plottable(0));
        map->data()->setSize(static_cast<int>(M.cols()), static_cast<int>(M.rows()));
        map->data()->setRange(QCPRange(0, std::max<double>(0, M.cols() - 1)),
                              QCPRange(0, std::max<double>(0, M.rows() - 1)));
        for (Index i = 0; i < M.rows(); ++i)
            for (Index j = 0; j < M.cols(); ++j)
                map->data()->setCell(static_cast<int>(j), static_cast<int>(i), M(i, j));
        // Symmetric colour range so zero is white.
        const double m = std::max(1e-12, M.size() ? M.cwiseAbs().maxCoeff() : 1.0);
        map->setDataRange(QCPRange(-m, m));
        p.heatmap->plot()->xAxis->setRange(-0.5, M.cols() - 0.5);
        p.heatmap->plot()->yAxis->setRange(-0.5, M.rows() - 0.5);
        p.heatmap->requestReplot();
    }
}

}  // namespace equilab
