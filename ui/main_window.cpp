#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>

#include "basins_view.h"
#include "convergence_view.h"
#include "dimensions_panel.h"
#include "document.h"
#include "matrix_editor.h"
#include "phase_view.h"
#include "playback.h"
#include "solve_worker.h"
#include "solver_panel.h"
#include "spectra_view.h"
#include "sweep_view.h"
#include "trajectory_view.h"

namespace equilab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    doc_ = new Document(this);
    solver_ = new SolveController(this);
    playback_ = new Playback(this);
    setAcceptDrops(true);
    createViews();
    createDocks();
    createMenus();

    connect(doc_, &Document::scenarioChanged, this, &MainWindow::solveNow);
    connect(doc_, &Document::viewSettingsChanged, this, [this] {
        phase_->setViewSettings(doc_->viewSettings());
        playback_->setSpeed(doc_->viewSettings().speed);
        solveNow();
    });
    connect(doc_, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(doc_, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(dimensions_, &DimensionsPanel::runRequested, this, &MainWindow::solveNow);
    connect(solver_, &SolveController::resultReady, this, &MainWindow::showResult);
    connect(solver_, &SolveController::analysisReady, this, &MainWindow::showAnalysis);
    connect(playback_, &Playback::cursorChanged, this, &MainWindow::setCursor);
    connect(matrices_, &MatrixEditor::editRejected, this, &MainWindow::showMessage);
    connect(solverPanel_, &SolverPanel::editRejected, this, &MainWindow::showMessage);
    for (PlotView* p : allPlots()) connect(p, &PlotView::exportRequested, this, &MainWindow::exportPlot);

    resize(1440, 900);
    readSettings();
    updateTitle();
    solveNow();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    trajectory_ = new TrajectoryView(this);
    phase_ = new PhaseView(this);
    convergence_ = new ConvergenceView(this);
    spectra_ = new SpectraView(this);
    basins_ = new BasinsView(this);
    sweep_ = new SweepView(this);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("viewTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(trajectory_, tr("Trajectories"));
    tabs_->addTab(phase_, tr("Phase"));
    tabs_->addTab(convergence_, tr("Convergence"));
    tabs_->addTab(spectra_, tr("Spectra"));
    tabs_->addTab(basins_, tr("Basins"));
    tabs_->addTab(sweep_, tr("Scale sweep"));
    setCentralWidget(tabs_);
}

void MainWindow::createDocks() {
    dimensions_ = new DimensionsPanel(this);
    dimensions_->setDocument(doc_);
    solverPanel_ = new SolverPanel(this);
    solverPanel_->setDocument(doc_);
    solverPanel_->setPlayback(playback_);
    matrices_ = new MatrixEditor(this);
    matrices_->setDocument(doc_);
    auto dock = [this](QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    QDockWidget* model = dock(dimensions_, tr("Model"), "modelDock", Qt::LeftDockWidgetArea);
    QDockWidget* solver = dock(solverPanel_, tr("Solver"), "solverDock", Qt::LeftDockWidgetArea);
    tabifyDockWidget(model, solver);
    model->raise();
    dock(matrices_, tr("Matrices"), "matricesDock", Qt::BottomDockWidgetArea);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newFile);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("&Export Plot…"), QKeySequence(tr("Ctrl+E")), this, [this] { exportPlot(activePlot()); });
    file->addAction(tr("Export &All…"), QKeySequence(tr("Ctrl+Shift+E")), this, &MainWindow::exportAll);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    rebuildRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Copy Plot Image"), QKeySequence::Copy, this, &MainWindow::copyActivePlot);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>()) viewMenu_->addAction(d->toggleViewAction());
}

QList<PlotView*> MainWindow::allPlots() const {
    return {trajectory_, phase_, convergence_, spectra_->eigenvaluePlot(),
            spectra_->singularValuePlot(), basins_, sweep_};
}

PlotView* MainWindow::activePlot() const {
    QWidget* w = tabs_->currentWidget();
    if (w == spectra_) {
        QWidget* focus = QApplication::focusWidget();
        return spectra_->singularValuePlot()->isAncestorOf(focus) ? spectra_->singularValuePlot()
                                                                  : spectra_->eigenvaluePlot();
    }
    return qobject_cast<PlotView*>(w);
}

void MainWindow::solveNow() {
    statusBar()->showMessage(tr("Solving…"));
    solver_->request(doc_->scenario(), doc_->viewSettings());
}

void MainWindow::showResult(const SolveResult& r) {
    playback_->setLast(r.summary.iterations);
    const int cursor = playback_->cursor();
    trajectory_->setResult(r);
    phase_->setResult(r);
    convergence_->setResult(r);
    spectra_->setResult(r);
    basins_->setResult(r);
    setCursor(cursor);
    statusBar()->showMessage(QString::fromStdString(r.summary.message + " — " + r.certificate.text));
}

void MainWindow::showAnalysis(const AnalysisResult& a) {
    phase_->setAnalysis(a);
    convergence_->setAnalysis(a);
    basins_->setAnalysis(a);
    sweep_->setAnalysis(a);
}

void MainWindow::setCursor(int k) {
    trajectory_->setCursor(k);
    phase_->setCursor(k);
    convergence_->setCursor(k);
}

void MainWindow::showMessage(const QString& text) { statusBar()->showMessage(text, 8000); }

void MainWindow::updateTitle() {
    const QString name =
        doc_->filePath().isEmpty() ? tr("Untitled") : QFileInfo(doc_->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1%2 — EquiLab").arg(name, doc_->isModified() ? "*" : ""));
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    writeSettings();
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    const auto urls = e->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    if (maybeSave()) openFile(urls.first().toLocalFile());
    e->acceptProposedAction();
}

}  // namespace equilab
