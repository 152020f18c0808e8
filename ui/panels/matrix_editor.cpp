#include "ui/panels/matrix_editor.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QSplitter>
#include <QTableView>

#include <algorithm>
#include <cmath>

#include "core/internal/option_limits.h"
#include "ui/document/matrix_table_model.h"
#include "ui/document/number_format.h"
#include "ui/views/appearance.h"
#include "ui/views/plot_view.h"

namespace equilab {

MatrixEditor::MatrixEditor(QWidget* parent) : QTabWidget(parent) {
    for (Block b : {Block::A, Block::B, Block::c, Block::x, Block::w0}) {
        auto* model = new MatrixTableModel(b, this);
        auto* table = new QTableView(this);
        table->setObjectName(QStringLiteral("table_") + blockName(b));
        table->setModel(model);
        table->setTextElideMode(Qt::ElideNone);  // columns are wide enough for every cell text
        table->installEventFilter(this);
        table->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto* copy = new QAction(tr("Copy"), table);
        connect(copy, &QAction::triggered, this, [this, table] { copySelection(table); });
        auto* paste = new QAction(tr("Paste"), table);
        connect(paste, &QAction::triggered, this, [this, table] { pasteInto(table); });
        table->addAction(copy);
        table->addAction(paste);
        table->setWhatsThis(
            tr("Double-click a cell to edit %1. Entries must be finite numbers with "
               "magnitude ≤ %2; every edit can be undone. Ctrl+V pastes a block "
               "from a spreadsheet or numpy.savetxt text at the current cell (one undo "
               "step); Ctrl+C copies the selection with full precision.")
                .arg(blockName(b), QString::fromStdString(limitText(kMaxEntryMagnitude))));
        auto* heat = new PlotView(tr("%1").arg(blockName(b)), this);
        heat->setObjectName(QStringLiteral("heatmap_") + blockName(b));
        heat->plot()->legend->setVisible(false);
        heat->plot()->yAxis->setRangeReversed(true);  // row 1 at the top, like the table
        for (QCPAxis* axis : {heat->plot()->xAxis, heat->plot()->yAxis}) {
            QSharedPointer<QCPAxisTickerFixed> ticker(
                new QCPAxisTickerFixed);  // indices: integers only
            ticker->setTickStep(1);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            axis->setTicker(ticker);
        }
        heat->setAxisLabels(tr("column"), tr("row"));
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
        Appearance::instance().stylePlot(heat->plot());  // the colour bar too
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
    fitColumns();
    connect(&Appearance::instance(), &Appearance::changed, this, &MatrixEditor::fitColumns);
}

void MatrixEditor::fitColumns() {
    // Wide enough for the widest text formatCell produces: no cell is ever elided.
    for (auto& p : pages_) {
        const QFontMetrics fm(p.table->font());
        p.table->horizontalHeader()->setDefaultSectionSize(
            fm.horizontalAdvance(cellTextWidthSample()) + 14);
        p.table->verticalHeader()->setDefaultSectionSize(fm.height() + 6);
    }
}

bool MatrixEditor::eventFilter(QObject* watched, QEvent* event) {
    auto* table = qobject_cast<QTableView*>(watched);
    // Row heights and column widths follow the table's own font when it arrives (leaving
    // presentation mode: back to exactly the sizes before).
    if (table && event->type() == QEvent::FontChange) fitColumns();
    if (!table || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
        return QTabWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const bool copy = key->matches(QKeySequence::Copy), paste = key->matches(QKeySequence::Paste);
    if (!copy && !paste) return QTabWidget::eventFilter(watched, event);
    // Claim the keys from the window's shortcuts (Copy Plot Image) while a table has focus.
    event->accept();
    if (event->type() == QEvent::KeyPress) copy ? copySelection(table) : pasteInto(table);
    return true;
}

void MatrixEditor::copySelection(QTableView* table) {
    auto* m = qobject_cast<MatrixTableModel*>(table->model());
    QModelIndexList cells = table->selectionModel()->selectedIndexes();
    if (cells.isEmpty() && table->currentIndex().isValid()) cells << table->currentIndex();
    if (!m || cells.isEmpty()) return;
    QApplication::clipboard()->setText(m->copyText(cells));
}

void MatrixEditor::pasteInto(QTableView* table) {
    auto* m = qobject_cast<MatrixTableModel*>(table->model());
    if (!m) return;
    QModelIndex at = table->currentIndex();
    for (const QModelIndex& i : table->selectionModel()->selectedIndexes())
        if (!at.isValid() || i.row() < at.row() ||
            (i.row() == at.row() && i.column() < at.column()))
            at = i;
    m->pasteText(at.isValid() ? at.row() : 0, at.isValid() ? at.column() : 0,
                 QApplication::clipboard()->text());
}

void MatrixEditor::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    for (auto& p : pages_) p.model->setDocument(doc);
    if (doc_) {
        connect(doc_, &Document::cellsChanged, this,
                [this](Block b, const QRect& cells) { updateHeatmap(b, cells); });
        connect(doc_, &Document::dimensionsChanged, this, &MatrixEditor::refreshHeatmaps);
        connect(doc_, &Document::scenarioReset, this, &MatrixEditor::refreshHeatmaps);
    }
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
    for (const auto& p : pages_)
        updateHeatmap(p.block, QRect(0, 0, doc_->blockCols(p.block), doc_->blockRows(p.block)));
}

// A heatmap has at most kMaxHeatmapCells cells a side (a screen shows no more): a larger block
// is pooled in tiles of s×s entries, each cell showing its tile's entry of largest magnitude
// (an outlier stays visible). An edit recomputes only the tiles of the cells it changed.
void MatrixEditor::updateHeatmap(Block block, const QRect& cells) {
    const auto page = std::find_if(pages_.begin(), pages_.end(),
                                   [block](const Page& p) { return p.block == block; });
    if (!doc_ || page == pages_.end()) return;
    const int rows = doc_->blockRows(block), cols = doc_->blockCols(block);
    const int sr = (rows + kMaxHeatmapCells - 1) / kMaxHeatmapCells,
              sc = (cols + kMaxHeatmapCells - 1) / kMaxHeatmapCells;
    const int nr = (rows + sr - 1) / sr, nc = (cols + sc - 1) / sc;
    auto* map = static_cast<QCPColorMap*>(page->heatmap->plot()->plottable(0));
    QCPColorMapData* cellData = map->data();
    const bool reshaped = cellData->keySize() != nc || cellData->valueSize() != nr;
    const Matrix* matrix = block == Block::A   ? &doc_->scenario().model.A
                           : block == Block::B ? &doc_->scenario().model.B
                                               : nullptr;
    if (reshaped) {
        cellData->setSize(nc, nr);
        // Cell centres on the 1-based indices the table counts (a tile's centre when pooled).
        cellData->setRange(QCPRange(1 + (sc - 1) / 2.0, 1 + (nc - 1) * sc + (sc - 1) / 2.0),
                           QCPRange(1 + (sr - 1) / 2.0, 1 + (nr - 1) * sr + (sr - 1) / 2.0));
    }
    const QRect tiles = reshaped ? QRect(0, 0, nc, nr)
                                 : QRect(QPoint(cells.left() / sc, cells.top() / sr),
                                         QPoint(cells.right() / sc, cells.bottom() / sr));
    for (int ti = tiles.top(); ti <= tiles.bottom(); ++ti)
        for (int tj = tiles.left(); tj <= tiles.right(); ++tj) {
            const int i0 = ti * sr, j0 = tj * sc;
            const int h = std::min(rows, i0 + sr) - i0, w = std::min(cols, j0 + sc) - j0;
            double pooled = 0;
            if (matrix) {  // two vectorized passes over the tile (no index search)
                const auto tile = matrix->block(i0, j0, h, w);
                const double largest = tile.cwiseAbs().maxCoeff();
                pooled = tile.maxCoeff() == largest ? largest : -largest;
            } else {
                for (int i = i0; i < i0 + h; ++i)
                    for (int j = j0; j < j0 + w; ++j) {
                        const double v = doc_->entry(block, i, j);
                        if (std::abs(v) > std::abs(pooled)) pooled = v;
                    }
            }
            cellData->setCell(tj, ti, pooled);
        }
    // Symmetric colour range so zero is white, clipped at the 98th percentile of |cell|: one
    // large entry (an edited cell) saturates instead of washing out every other; the colour
    // bar's label gives the true range.
    std::vector<double> mags;
    mags.reserve(static_cast<size_t>(nr) * static_cast<size_t>(nc));
    double lo = 0, hi = 0;
    for (int ti = 0; ti < nr; ++ti)
        for (int tj = 0; tj < nc; ++tj) {
            const double v = cellData->cell(tj, ti);
            mags.push_back(std::abs(v));
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    const double largest = std::max(std::abs(lo), std::abs(hi));
    double m = largest;
    if (mags.size() >= 50) {
        const size_t k = (mags.size() - 1) * 98 / 100;
        std::nth_element(mags.begin(), mags.begin() + static_cast<std::ptrdiff_t>(k), mags.end());
        if (mags[k] > 0) m = mags[k];
    }
    m = std::max(m, 1e-12);
    map->setDataRange(QCPRange(-m, m));
    if (map->colorScale())
        map->colorScale()->axis()->setLabel(m < largest ? tr("clipped at ±%1; range %2 to %3")
                                                              .arg(m, 0, 'g', 3)
                                                              .arg(lo, 0, 'g', 3)
                                                              .arg(hi, 0, 'g', 3)
                                                        : QString());
    if (reshaped) {
        page->heatmap->plot()->xAxis->setRange(0.5, cols + 0.5);
        page->heatmap->plot()->yAxis->setRange(0.5, rows + 0.5);
    }
    page->heatmap->requestReplot();
}

}  // namespace equilab
