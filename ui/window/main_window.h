// The main window: assembles the document, the solve controller, the playback, the panels (in
// docks) and the views (in tabs), and the menus. It holds no numerical logic; file and export
// actions live in main_window_files.cpp.
#pragma once

#include <QList>
#include <QMainWindow>

#include "io/scenario_json.h"
#include "ui/lessons/lesson_claims.h"

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace equilab {

class Document;
class SolveController;
class Playback;
enum class AnimationFormat;
struct ExportPreset;
struct LessonClaim;
class PlotView;
class TrajectoryView;
class PhaseView;
class ConvergenceView;
class SpectraView;
class BasinsView;
class SweepView;
class OrbitView;
class DimensionsPanel;
class SolverPanel;
class MatrixEditor;
class TrainingWorkspace;
class ModelWorkspace;
class LessonPanel;
class Autosave;
class ElidedLabel;
class ViewSet;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Document* document() const { return doc_; }
    SolveController* solveController() const { return solver_; }
    Playback* playback() const { return playback_; }
    TrajectoryView* trajectoryView() const { return trajectory_; }
    PhaseView* phaseView() const { return phase_; }
    ConvergenceView* convergenceView() const { return convergence_; }
    SpectraView* spectraView() const { return spectra_; }
    BasinsView* basinsView() const { return basins_; }
    SweepView* sweepView() const { return sweep_; }
    OrbitView* orbitView() const { return orbit_; }
    DimensionsPanel* dimensionsPanel() const { return dimensions_; }
    SolverPanel* solverPanel() const { return solverPanel_; }
    MatrixEditor* matrixEditor() const { return matrices_; }
    QTabWidget* viewTabs() const { return tabs_; }
    // File → Record animation… (main_window_record.cpp): the dialog, then recordAnimationTo().
    void recordAnimation();
    // Records the view named `name` into path with a progress dialog (Cancel) and "Saved …" in
    // the status bar; false (with a message) when it cannot start.
    bool recordAnimationTo(const QString& name, AnimationFormat format, const ExportPreset& preset,
                           const QString& path);
    TrainingWorkspace* training() const { return training_; }
    ModelWorkspace* models() const { return models_; }

    // Every plot, in the order of the view registry (ViewSet::registry()).
    QList<PlotView*> allPlots() const;
    // The views and the one path by which results reach them (shared with equilab-cli export).
    ViewSet* views() const { return views_; }
    PlotView* activePlot() const;

    LessonPanel* lessonPanel() const { return lessons_; }
    Autosave* autosave() const { return autosave_; }
    // At start-up: if an earlier session left unsaved changes, ask whether to restore them.
    void offerRecovery();
    bool openFile(const QString& path);
    // Loads a lesson of the Lessons dock's list (a built-in one: untitled; a teacher's: its
    // file): its scenario, its view and its text. Asks to save only the user's own edits.
    bool openLesson(const QString& id);
    // A scenario file with a "lesson" block, opened as a lesson (openFile does this too).
    bool openLessonFile(const QString& path, QString* error = nullptr);
    // Every lesson file of a folder as the Lessons dock's list (File → Open Lesson Folder…).
    bool openLessonFolder(const QString& folder);
    // File → Save as Lesson: the current scenario with a lesson skeleton (main_window_lessons).
    bool saveAsLesson(const QString& path, QString* error = nullptr);
    ScenarioFile lessonSkeleton() const;
    // Performs the open lesson's "Try" action `id` (main_window_lessons.cpp).
    bool tryLesson(const QString& id, QString* error = nullptr);
    // What the open lesson's claims and placeholders read: results since the lesson opened.
    const LessonObservation& lessonObservation() const;
    void solveNow();

    // main_window_layout.cpp
    // The first-launch geometry for a screen's available area (the whole frame fits).
    static QRect initialGeometry(const QRect& available);
    void fitToScreen(const QRect& available);
    // Presentation mode (F5): full screen, editing docks hidden, larger type; off restores the
    // exact previous geometry and dock layout.
    void setPresentationMode(bool on);
    bool presentationMode() const { return presenting_; }
    // The status bar's permanent certificate line (messages go to the normal message area).
    QString certificateText() const;

  signals:
    void presentationModeChanged(bool on);

  protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

  private:
    void createViews();
    void createDocks();
    void createMenus();
    void showMessage(const QString& text);
    void ensureLessonResults(const QList<LessonClaim>& claims);
    void updateTitle();
    void createHelpMenu();
    void connectLessons();  // main_window_lessons.cpp
    void saveAsLessonDialog();
    void openLessonFolderDialog();
    QRect availableArea() const;
    QWidget* scrollable(QWidget* panel);
    // main_window_files.cpp
    void newFile();
    void openDialog();
    bool save();
    bool saveAsDialog();
    bool maybeSave();
    void exportPlot(PlotView* view);
    void exportAll();
    void copyActivePlot();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void readSettings();
    void writeSettings();

    Document* doc_;
    SolveController* solver_;
    ViewSet* views_ = nullptr;
    Playback* playback_;
    TrajectoryView* trajectory_;
    PhaseView* phase_;
    ConvergenceView* convergence_;
    SpectraView* spectra_;
    BasinsView* basins_;
    SweepView* sweep_;
    OrbitView* orbit_;
    DimensionsPanel* dimensions_;
    SolverPanel* solverPanel_;
    MatrixEditor* matrices_;
    QTabWidget* tabs_;
    TrainingWorkspace* training_;
    ModelWorkspace* models_;
    LessonPanel* lessons_;
    QLabel* busy_ = nullptr;
    Autosave* autosave_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    ElidedLabel* certificate_ = nullptr;
    bool presenting_ = false;
    bool lessonPristine_ = false;  // the document holds what a lesson and its Tries made
    bool applyingTry_ = false;
    QByteArray savedGeometry_, savedState_;
};

}  // namespace equilab
