#include "ui/window/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cstdio>

#include "ui/document/autosave.h"
#include "ui/document/document.h"
#include "ui/lessons/lessons.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/drive_slider.h"
#include "ui/panels/elided_label.h"
#include "ui/panels/info_line.h"
#include "ui/panels/matrix_editor.h"
#include "ui/panels/solver_panel.h"
#include "ui/panels/wheel_guard.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/model_workspace.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/appearance.h"
#include "ui/views/basins_view.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/convergence_view.h"
#include "ui/views/orbit_view.h"
#include "ui/views/phase_interaction.h"
#include "ui/views/phase_view.h"
#include "ui/views/playback.h"
#include "ui/views/spectra_view.h"
#include "ui/views/sweep_view.h"
#include "ui/views/trajectory_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    doc_ = new Document(this);
    solver_ = new SolveController(this);
    playback_ = new Playback(this);
    setAcceptDrops(true);
    WheelGuard::install();  // the wheel changes a field only when it has the focus
    createViews();
    createDocks();
    createMenus();

    // The views' wiring is the ViewSet's (an edit requests a solve, the stages reach the views,
    // the playback's cursor too); the window only adds its status bar.
    views_->setPlayback(playback_);
    connect(doc_, &Document::scenarioChanged, this,
            [this] { statusBar()->showMessage(tr("Solving…")); });
    connect(doc_, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(doc_, &Document::generationChanged, this, [this](const QString& what) {
        if (what.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(what);
    });
    connect(doc_, &Document::generationCancelled, this, &MainWindow::showMessage);
    connect(doc_, &Document::historyTrimmed, this, &MainWindow::showMessage);
    connect(doc_, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(dimensions_, &DimensionsPanel::runRequested, this, &MainWindow::solveNow);
    connect(solver_, &SolveController::trajectoryReady, this, [this](const SolveResultPtr& r) {
        statusBar()->clearMessage();  // "Solving…" is over
        certificate_->setText(verdictText(*r));
    });
    connect(solver_, &SolveController::resultReady, this,
            [this](const SolveResultPtr& r) { certificate_->setText(verdictText(*r)); });
    connect(solver_, &SolveController::progress, this, [this](const QString& what) {
        busy_->setText(what);
        busy_->setVisible(true);
    });
    connect(solver_, &SolveController::busyChanged, this,
            [this](bool busy) { busy_->setVisible(busy); });
    connect(matrices_, &MatrixEditor::editRejected, this, &MainWindow::showMessage);
    connect(solverPanel_, &SolverPanel::editRejected, this, &MainWindow::showMessage);
    for (PlotView* p : allPlots())
        connect(p, &PlotView::exportRequested, this, &MainWindow::exportPlot);
    connectLessons();

    autosave_ = new Autosave(doc_, Autosave::defaultFolder(), this);
    connect(autosave_, &Autosave::autosaved, this,
            [this] { showMessage(tr("Unsaved changes autosaved")); });
    connect(autosave_, &Autosave::recoveryOff, this, [this](const QString& message) {
        showMessage(message);  // said once (Autosave), until an autosave is written again
        std::fprintf(stderr, "equilab: %s\n", message.toUtf8().constData());
    });
    busy_ = new QLabel(this);
    busy_->setObjectName(QStringLiteral("busyIndicator"));
    busy_->setToolTip(
        tr("What the solver thread is computing; the window stays usable meanwhile."));
    statusBar()->addPermanentWidget(busy_);
    // The certificate has its own permanent place; messages ("autosaved", "Solving…") use the
    // status bar's message area beside it and never replace it.
    certificate_ = new ElidedLabel(this);
    certificate_->setObjectName(QStringLiteral("certificateLabel"));
    statusBar()->addPermanentWidget(certificate_, 3);
    InfoLine::install(this, certificate_);  // the same text, wrapped, above the views
    fitToScreen(availableArea());
    readSettings();
    // A geometry saved on a larger screen (or a since-removed monitor) is replaced by one that
    // fits.
    if (!availableArea().contains(geometry().adjusted(0, -30, 0, 0))) fitToScreen(availableArea());
    updateTitle();
    solveNow();
}

MainWindow::~MainWindow() {
    // Children are destroyed after this part of the object: nothing they emit on the way out
    // may reach a MainWindow slot.
    for (QObject* child : findChildren<QObject*>())
        QObject::disconnect(child, nullptr, this, nullptr);
}

void MainWindow::createViews() {
    views_ = new ViewSet(doc_, solver_, this, this);
    trajectory_ = views_->trajectory();
    phase_ = views_->phase();
    convergence_ = views_->convergence();
    spectra_ = views_->spectra();
    basins_ = views_->basins();
    sweep_ = views_->sweep();
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("viewTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(trajectory_, tr("Trajectories"));
    tabs_->addTab(phase_, tr("Phase"));
    tabs_->addTab(convergence_, tr("Convergence"));
    tabs_->addTab(spectra_, tr("Spectra"));
    tabs_->addTab(basins_, tr("Basins"));
    tabs_->addTab(sweep_, tr("Scale sweep"));
    orbit_ = views_->orbit();
    tabs_->addTab(orbit_, tr("Orbit diagram"));
    tabs_->addTab(views_->bifurcation(), tr("Bifurcation"));
    training_ = views_->training();
    tabs_->addTab(training_->curvesPage(), tr("Training"));
    tabs_->addTab(training_->predictionsPage(), tr("Predictions"));
    tabs_->addTab(training_->hypergradView(), tr("Hypergradients"));
    tabs_->addTab(training_->gradientBiasView(), tr("Gradient bias"));
    models_ = views_->models();
    tabs_->addTab(models_->convergenceView(), tr("Dataset convergence"));
    setCentralWidget(tabs_);
}

void MainWindow::createDocks() {
    dimensions_ = new DimensionsPanel(this);
    dimensions_->setDocument(doc_);
    dimensions_->setSolveController(solver_);
    solverPanel_ = new SolverPanel(this);
    solverPanel_->setDocument(doc_);
    solverPanel_->setPlayback(playback_);
    matrices_ = new MatrixEditor(this);
    matrices_->setDocument(doc_);
    auto dock = [this](QWidget* w, const QString& title, const QString& name,
                       Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        const bool form = w == dimensions_ || w == solverPanel_ || w == training_->panel();
        d->setWidget(form ? scrollable(w) : w);
        addDockWidget(area, d);
        return d;
    };
    QDockWidget* model = dock(dimensions_, tr("Model"), "modelDock", Qt::LeftDockWidgetArea);
    QDockWidget* solver = dock(solverPanel_, tr("Solver"), "solverDock", Qt::LeftDockWidgetArea);
    tabifyDockWidget(model, solver);
    model->raise();
    // The B / c / x slider sits above the tables whose selection it follows.
    auto* drive = new DriveSlider(this);
    drive->setDocument(doc_);
    drive->followSelection(matrices_);
    auto* matricesBox = new QWidget(this);
    auto* matricesLayout = new QVBoxLayout(matricesBox);
    matricesLayout->setContentsMargins(0, 0, 0, 0);
    matricesLayout->setSpacing(0);
    matricesLayout->addWidget(drive);
    matricesLayout->addWidget(matrices_, 1);
    dock(matricesBox, tr("Matrices"), "matricesDock", Qt::BottomDockWidgetArea);
    QDockWidget* train =
        dock(training_->panel(), tr("Training"), "trainingDock", Qt::LeftDockWidgetArea);
    tabifyDockWidget(solver, train);
    model->raise();
    connect(training_->panel(), &TrainingPanel::message, this, &MainWindow::showMessage);
    lessons_ = new LessonPanel(this);
    lessonDock_ = dock(lessons_, tr("Lessons"), "lessonDock", Qt::RightDockWidgetArea);
    // The start page: shown on first launch, afterwards through Help → Lessons.
    QSettings settings;
    lessonDock_->setVisible(!settings.value("welcomeShown", false).toBool());
    settings.setValue("welcomeShown", true);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newFile);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addAction(tr("Save as &Lesson…"), this, &MainWindow::saveAsLessonDialog);
    file->addAction(tr("Open Lesson &Folder…"), this, &MainWindow::openLessonFolderDialog);
    file->addSeparator();
    models_->addMenuActions(file);
    connect(models_, &ModelWorkspace::message, this, &MainWindow::showMessage);
    // An opened model shows its tab (the dataset's convergence under it).
    connect(models_, &ModelWorkspace::modelOpened, this,
            [this] { tabs_->setCurrentWidget(models_->convergenceView()); });
    file->addSeparator();
    file->addAction(tr("&Export Plot…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportPlot(activePlot()); });
    file->addAction(tr("Export &All…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                    &MainWindow::exportAll);
    file->addAction(tr("&Record Animation…"), this, &MainWindow::recordAnimation);
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
    viewMenu_->addSeparator();
    QAction* dark = viewMenu_->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(Appearance::instance().dark());
    connect(dark, &QAction::toggled, &Appearance::instance(), &Appearance::setDark);
    QAction* present = viewMenu_->addAction(tr("&Presentation mode"));
    present->setCheckable(true);
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setChecked(presenting_);
    connect(present, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(this, &MainWindow::presentationModeChanged, present, &QAction::setChecked);
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(leave, &QShortcut::activated, this, [this] { setPresentationMode(false); });
    createHelpMenu();
}

void MainWindow::createHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QMenu* lessons = help->addMenu(tr("&Lessons"));
    lessons->addAction(tr("All lessons…"), this, [this] {
        lessons_->showWelcome();
        lessonDock_->show();
        lessonDock_->raise();
    });
    lessons->addSeparator();
    for (const Lesson& l : lessons_->lessons())
        lessons->addAction(l.title, this, [this, id = l.id] { openLesson(id); });
    help->addSeparator();
    help->addAction(tr("&About EquiLab"), this, [this] {
        QMessageBox::about(
            this, tr("About EquiLab"),
            tr("<h3>EquiLab %1</h3>"
               "<p>A lab for <b>equilibrium models</b>: the hidden state is the fixed point</p>"
               "<p align=center><b>w* = φ(w*; x) = tanh(A w* + B x + c)</b></p>"
               "<p>If ‖A‖₂ &lt; 1 the map is a contraction (tanh is 1-Lipschitz) and Picard "
               "iteration w<sub>k+1</sub> = φ(w<sub>k</sub>) converges linearly: "
               "‖w<sub>k</sub> − w*‖ ≤ q<sup>k</sup>‖w<sub>1</sub> − w<sub>0</sub>‖/(1 − q), q = "
               "‖A‖₂.</p>"
               "<p>Training is the bilevel problem min<sub>γ,θ</sub> Σ<sub>i</sub> "
               "E<sub>i</sub>(w<sub>i</sub>(γ), θ) "
               "with hypergradients by ITD, AID-FP or AID-CG, through the adjoint "
               "(I − Jᵀ)v = ∂E/∂w, J = diag(1 − w*²) A.</p>"
               "<p>Reference: Grazzi, Franceschi, Pontil, Salzo, <i>On the Iteration Complexity of "
               "Hypergradient Computation</i>, ICML 2020.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

QList<PlotView*> MainWindow::allPlots() const {
    return views_->plots();
}

const LessonObservation& MainWindow::lessonObservation() const {
    return views_->observation();
}

PlotView* MainWindow::activePlot() const {
    QWidget* w = tabs_->currentWidget();
    if (w == spectra_) {
        QWidget* focus = QApplication::focusWidget();
        return spectra_->singularValuePlot()->isAncestorOf(focus) ? spectra_->singularValuePlot()
                                                                  : spectra_->eigenvaluePlot();
    }
    if (w == training_->curvesPage()) {
        QWidget* focus = QApplication::focusWidget();
        for (TrainingCurvesView* v : training_->curveViews())
            if (v->isAncestorOf(focus)) return v;
        return training_->curveViews().first();
    }
    if (w == training_->predictionsPage()) return training_->boundaryView();
    return qobject_cast<PlotView*>(w);
}

void MainWindow::solveNow() {
    statusBar()->showMessage(tr("Solving…"));
    views_->solveNow();
}

void MainWindow::showMessage(const QString& text) {
    statusBar()->showMessage(text, 8000);
}

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
    setPresentationMode(false);  // the layout saved is the normal one
    writeSettings();
    autosave_->discard();  // a clean exit: nothing to recover next time
    e->accept();
}

void MainWindow::offerRecovery() {
    // Offered at every start while a window that did not close normally left an autosave; the
    // autosaves of running windows are never offered (see Autosave).
    if (!autosave_->hasRecoverable()) return;
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved changes?"),
        tr("An EquiLab window did not close normally (last autosaved %1). Restore the unsaved "
           "scenario "
           "it autosaved? Ignore keeps it for the next start.")
            .arg(QFileInfo(autosave_->recoverablePath()).lastModified().toString(Qt::ISODate)),
        QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Ignore, QMessageBox::Yes);
    QString error;
    if (answer == QMessageBox::Yes) {
        if (!autosave_->recover(&error)) QMessageBox::warning(this, tr("Recovery failed"), error);
    } else if (answer == QMessageBox::Discard) {
        autosave_->discardRecoverable();
    } else {
        autosave_->releaseRecoverable();
    }
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
