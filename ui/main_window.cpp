#include "main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

#include "convergence_view.h"
#include "dimensions_panel.h"
#include "document.h"
#include "solve_worker.h"
#include "trajectory_view.h"

namespace equilab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    doc_ = new Document(this);
    solver_ = new SolveController(this);
    trajectory_ = new TrajectoryView(this);
    convergence_ = new ConvergenceView(this);
    dimensions_ = new DimensionsPanel(this);
    dimensions_->setDocument(doc_);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(trajectory_);
    split->addWidget(convergence_);
    setCentralWidget(split);

    auto* dock = new QDockWidget(tr("Model"), this);
    dock->setObjectName(QStringLiteral("modelDock"));
    dock->setWidget(dimensions_);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    createMenus();
    connect(doc_, &Document::scenarioChanged, this, &MainWindow::solveNow);
    connect(doc_, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(doc_, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(dimensions_, &DimensionsPanel::runRequested, this, &MainWindow::solveNow);
    connect(solver_, &SolveController::resultReady, this, &MainWindow::showResult);
    resize(1280, 820);
    updateTitle();
    solveNow();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
}

void MainWindow::solveNow() {
    statusBar()->showMessage(tr("Solving…"));
    solver_->request(doc_->scenario());
}

void MainWindow::showResult(const SolveResult& r) {
    trajectory_->setResult(r);
    convergence_->setResult(r);
    statusBar()->showMessage(QString::fromStdString(r.summary.message + " — " + r.certificate.text));
}

void MainWindow::updateTitle() {
    const QString name =
        doc_->filePath().isEmpty() ? tr("Untitled") : QFileInfo(doc_->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1%2 — EquiLab").arg(name, doc_->isModified() ? "*" : ""));
}

bool MainWindow::openFile(const QString& path) {
    QString error;
    if (doc_->open(path, &error)) return true;
    QMessageBox::warning(this, tr("Cannot open scenario"), error);
    return false;
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                      tr("EquiLab scenarios (*.json)"));
    if (!path.isEmpty()) openFile(path);
}

bool MainWindow::save() {
    if (doc_->filePath().isEmpty()) return saveAsDialog();
    QString error;
    if (doc_->saveAs(doc_->filePath(), &error)) return true;
    QMessageBox::warning(this, tr("Cannot save scenario"), error);
    return false;
}

bool MainWindow::saveAsDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), QString(),
                                                      tr("EquiLab scenarios (*.json)"));
    if (path.isEmpty()) return false;
    QString error;
    if (doc_->saveAs(path, &error)) return true;
    QMessageBox::warning(this, tr("Cannot save scenario"), error);
    return false;
}

}  // namespace equilab
